import type {
  CaseEvent,
  CityEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import { expandValues, type InputSeries } from './test-file';

/**
 * The events of a test's input series, sorted by event time (stable: the file's order breaks ties).
 * Offsets are from `startMs`; traffic values are spaced `intervalMs` apart unless the series says.
 */
export function seriesEvents(
  input: readonly InputSeries[],
  startMs: number,
  intervalMs: number,
): CityEvent[] {
  const events: CityEvent[] = [];
  let n = 0;
  const envelope = (gridId: string, atMs: number, source: string) => ({
    eventId: `rule-test-${++n}`,
    eventTimeMs: startMs + atMs,
    source,
    location: { kind: 'grid' as const, gridId },
  });
  input.forEach((s, i) => {
    if ('traffic' in s) {
      const t = s.traffic;
      const every = s.interval ?? intervalMs;
      expandValues(s.values).forEach((speed, k) => {
        if (speed === undefined) return;
        events.push({
          ...envelope(t.grid, s.start + k * every, `sensor/${t.grid}`),
          family: 'traffic',
          type: 'observation',
          refRoadSegment: t.segment ?? `${t.grid}-${t.road_class}`,
          roadClass: t.road_class,
          laneId: 0,
          intensity: t.intensity,
          occupancy: 0.3,
          averageVehicleSpeedKmh: speed,
        } satisfies TrafficObservation);
      });
    } else if ('incident' in s) {
      const inc = s.incident;
      s.at.forEach((atMs, k) =>
        events.push({
          ...envelope(inc.grid, atMs, 'police/122'),
          family: 'traffic',
          type: 'incident',
          incidentId: inc.id ?? `${inc.grid}-s${i}-${k + 1}`,
          incidentType: inc.type,
          status: inc.status,
          injured: inc.injured,
          dead: inc.dead,
          vehiclesInvolved: inc.vehicles,
          description: 'rule test',
        } satisfies TrafficIncident),
      );
    } else if ('case' in s) {
      const c = s.case;
      for (const [stage, atMs] of Object.entries(s.stages))
        events.push({
          ...envelope(c.grid, atMs, 'hotline/12345'),
          family: 'case',
          caseId: c.id,
          stage: stage as CaseEvent['stage'],
          serviceCode: c.service_code,
          urgency: c.urgency,
          channel: 'resident',
          description: 'rule test',
        } satisfies CaseEvent);
    } else {
      const p = s.permit;
      for (const [stage, atMs] of Object.entries(s.stages))
        events.push({
          ...envelope(p.grid, atMs, 'approvals'),
          family: 'permit',
          permitId: p.id,
          projectName: p.project,
          stage: stage as PermitEvent['stage'],
        } satisfies PermitEvent);
    }
  });
  return events
    .map((e, order) => ({ e, order }))
    .sort((a, b) => a.e.eventTimeMs - b.e.eventTimeMs || a.order - b.order)
    .map(({ e }) => e);
}
