import type {
  CaseEvent,
  CityEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** The scripted scenario's event-time origin: 2026-11-25 08:00 in Longgang (UTC+8). */
export const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);

let n = 0;
const id = () => `it-${++n}`;

/** A traffic observation of a grid's one sensor at `speed` km/h (congested below 20). */
export function obs(gridId: string, atMs: number, speed: number): TrafficObservation {
  return {
    family: 'traffic',
    type: 'observation',
    eventId: id(),
    eventTimeMs: atMs,
    source: `sensor/${gridId}-S1`,
    location: { kind: 'grid', gridId },
    refRoadSegment: `${gridId}-S1`,
    roadClass: 'arterial',
    laneId: 0,
    intensity: 20,
    occupancy: speed < 20 ? 0.6 : 0.2,
    averageVehicleSpeedKmh: speed,
  };
}

function accident(gridId: string, atMs: number, status: TrafficIncident['status']): TrafficIncident {
  return {
    family: 'traffic',
    type: 'incident',
    eventId: id(),
    eventTimeMs: atMs,
    source: 'police/122',
    location: { kind: 'grid', gridId },
    incidentId: 'INC-1',
    incidentType: 'accident',
    status,
    injured: 2,
    dead: 0,
    vehiclesInvolved: 2,
    description: 'two cars collided at a crossing',
  };
}

function report(gridId: string, atMs: number, caseId: string): CaseEvent {
  return {
    family: 'case',
    eventId: id(),
    eventTimeMs: atMs,
    source: 'hotline-12345',
    location: { kind: 'grid', gridId },
    caseId,
    stage: 'received',
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'resident',
    description: 'renovation waste and old furniture piled by the road',
  };
}

function permit(gridId: string, atMs: number, permitId: string, stage: PermitEvent['stage']): PermitEvent {
  return {
    family: 'permit',
    eventId: id(),
    eventTimeMs: atMs,
    source: 'gov-services',
    location: { kind: 'grid', gridId },
    permitId,
    projectName: `Industrial project ${permitId}`,
    stage,
  };
}

/**
 * A deterministic scenario whose alerts are known in advance:
 * - G001 arterial severe congestion in [T0, T0+1m), recovered in the next minute → firing + resolved;
 * - G002 free traffic → nothing; its event at T0+45m moves the traffic watermark on;
 * - G003 a serious accident (2 injured) at T0+30s, solved at T0+2m → firing + resolved;
 * - G004 7 reports in [T0, T0+10m) (threshold 6) → firing; no later window for 30 min → resolved as stale;
 *   none of them is dispatched within 30 minutes (normal urgency) → one work-order-overdue alert each;
 * - G006 one report at T0+45m → nothing (moves the case watermark on);
 * - permit P-LATE filed 9 days before T0 and still not reviewed → stage and overall overdue, firing;
 * - permit P-OK filed a day before T0, reviewed at T0+1m → nothing.
 */
export function scriptedEvents(): CityEvent[] {
  const events: CityEvent[] = [
    permit('G005', T0 - 9 * DAY, 'P-LATE', 'filed'),
    permit('G005', T0 - 1 * DAY, 'P-OK', 'filed'),
  ];
  for (let i = 0; i < 3; i++) events.push(obs('G001', T0 + 10_000 + i * 15_000, 12));
  for (let i = 0; i < 3; i++) events.push(obs('G002', T0 + 10_000 + i * 15_000, 55));
  events.push(accident('G003', T0 + 30_000, 'onGoing'));
  for (let i = 0; i < 7; i++) events.push(report('G004', T0 + 60_000 + i * 60_000, `CASE-${i}`));
  events.push(permit('G005', T0 + MIN, 'P-OK', 'review'));
  for (let i = 0; i < 3; i++) events.push(obs('G001', T0 + MIN + 10_000 + i * 15_000, 45));
  events.push(accident('G003', T0 + 2 * MIN, 'solved'));
  events.push(obs('G002', T0 + 45 * MIN, 55));
  events.push(report('G006', T0 + 45 * MIN, 'CASE-LAST'));
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs);
}

/** The alerts the scenario must produce: `rule grid status startsAt(+endsAt)`, nothing more. */
export const EXPECTED_ALERTS = [
  `traffic-congestion G001 firing ${T0}`,
  `traffic-congestion G001 resolved ${T0} ${T0 + MIN}`,
  `serious-accident G003 firing ${T0 + 30_000}`,
  `serious-accident G003 resolved ${T0 + 30_000} ${T0 + 2 * MIN}`,
  `case-backlog-spike G004 firing ${T0}`,
  `case-backlog-spike G004 resolved ${T0} ${T0 + 10 * MIN}`,
  `permit-overdue G005 firing ${T0 - 1 * DAY}`,
  `permit-overdue G005 firing ${T0 - 1 * DAY}`,
  // Received at T0 + (i+1) min, not dispatched by the 30-minute deadline.
  ...Array.from({ length: 7 }, (_, i) => `work-order-overdue G004 firing ${T0 + (i + 1) * MIN + 30 * MIN}`),
].sort();
