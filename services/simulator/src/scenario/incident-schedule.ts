import type { IncidentStatus, IncidentType } from '@citybrain/domain';
import { MINUTE_MS, SECOND_MS } from './city-clock';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';
import type { RoadNetwork, RoadSegment } from './road-network';

/** One report or update of an incident. */
export interface IncidentUpdate {
  readonly atMs: number;
  readonly status: IncidentStatus;
  readonly injured: number;
  readonly dead: number;
  readonly vehiclesInvolved: number;
  readonly description: string;
}

/** A traffic incident and every report about it, in time order (some may fall after the period). */
export interface ScheduledIncident {
  /** `sim-<seed>-inc-<n>`. */
  readonly incidentId: string;
  readonly grid: SimGrid;
  readonly segment: RoadSegment;
  readonly incidentType: IncidentType;
  /** Injured ≥ 1 (and maybe a death): the serious-accident rule alerts on it. */
  readonly serious: boolean;
  /** Who reports it: the 122 traffic-police line for serious accidents, the segment's camera otherwise. */
  readonly source: string;
  readonly updates: readonly IncidentUpdate[];
}

/** A serious accident the scenario injects; its `solved` report is inside the period. */
export interface PlannedAccident {
  readonly gridId: string;
  readonly areaId: string;
  readonly incidentId: string;
  readonly segmentId: string;
  /** First report (status `onGoing`, injured ≥ 1), epoch ms. */
  readonly atMs: number;
  /** The `solved` report, 20–60 minutes after `atMs`. */
  readonly resolvedAtMs: number;
  /** Highest counts reported. */
  readonly injured: number;
  readonly dead: number;
  readonly vehiclesInvolved: number;
}

const MIN_RESOLVE_MS = 20 * MINUTE_MS;
const MAX_RESOLVE_MS = 60 * MINUTE_MS;
/** Kept between the `solved` report and the end of the period. */
const END_MARGIN_MS = MINUTE_MS;

const toSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;
// Times drawn from the start of the period round up, so they never fall before it.
const upToSecond = (ms: number): number => Math.ceil(ms / SECOND_MS) * SECOND_MS;

/**
 * Schedules `seriousAccidents` serious accidents, each reported (`onGoing`, injured ≥ 1), updated 1–2
 * times (`onGoing`, counts never decrease, sometimes a death) and `solved` 20–60 minutes later inside
 * the period — none if the period is shorter than 22 minutes — and `minorIncidents` minor ones: accidents
 * with no injuries and 1–2 vehicles (70%) or breakdowns (30%), solved 10–40 minutes later (maybe after
 * the period). Grids and segments are uniform.
 */
export function scheduleIncidents(
  options: ResolvedScenarioOptions,
  network: RoadNetwork,
  rng: Random,
): ScheduledIncident[] {
  const incidents: ScheduledIncident[] = [];
  const nextId = (): string => `sim-${options.seed}-inc-${incidents.length + 1}`;
  const maxResolveMs = Math.min(MAX_RESOLVE_MS, options.durationMs - 2 * END_MARGIN_MS);

  if (maxResolveMs >= MIN_RESOLVE_MS) {
    for (let i = 0; i < options.seriousAccidents; i++) {
      const grid = rng.pick(options.grids);
      const segment = rng.pick(network.segmentsOf(grid.id));
      const resolveMs = toSecond(rng.between(MIN_RESOLVE_MS, maxResolveMs));
      const atMs = upToSecond(
        options.startMs + rng.float() * (options.durationMs - resolveMs - END_MARGIN_MS),
      );
      incidents.push({
        incidentId: nextId(),
        grid,
        segment,
        incidentType: 'accident',
        serious: true,
        source: 'police-122',
        updates: seriousUpdates(rng, segment, atMs, atMs + resolveMs),
      });
    }
  }

  for (let i = 0; i < options.minorIncidents; i++) {
    const grid = rng.pick(options.grids);
    const segment = rng.pick(network.segmentsOf(grid.id));
    const atMs = upToSecond(options.startMs + rng.float() * options.durationMs);
    const solvedAtMs = atMs + toSecond(rng.between(10 * MINUTE_MS, 40 * MINUTE_MS));
    const breakdown = rng.chance(0.3);
    const vehicles = breakdown ? 1 : rng.int(1, 2);
    const what = breakdown
      ? `Broken-down vehicle on ${segment.id}`
      : `Minor collision on ${segment.id}, ${vehicles} vehicle${vehicles > 1 ? 's' : ''}, no injuries`;
    incidents.push({
      incidentId: nextId(),
      grid,
      segment,
      incidentType: breakdown ? 'breakdown' : 'accident',
      serious: false,
      source: `camera/${segment.id}`,
      updates: [
        { atMs, status: 'onGoing', injured: 0, dead: 0, vehiclesInvolved: vehicles, description: what },
        {
          atMs: solvedAtMs,
          status: 'solved',
          injured: 0,
          dead: 0,
          vehiclesInvolved: vehicles,
          description: `${what} — cleared`,
        },
      ],
    });
  }
  return incidents;
}

function seriousUpdates(
  rng: Random,
  segment: RoadSegment,
  atMs: number,
  solvedAtMs: number,
): IncidentUpdate[] {
  const vehicles = rng.int(2, 3);
  let injured = rng.int(1, 3);
  let dead = 0;
  const describe = (note: string): string =>
    `${vehicles}-vehicle collision on ${segment.id} (${segment.roadClass}), ${injured} injured` +
    (dead > 0 ? `, ${dead} dead` : '') +
    ` — ${note}`;

  const updates: IncidentUpdate[] = [
    { atMs, status: 'onGoing', injured, dead, vehiclesInvolved: vehicles, description: describe('reported') },
  ];
  const count = rng.int(1, 2);
  const notes = ['ambulance and traffic police on scene', 'one lane closed, traffic diverted'];
  for (let k = 1; k <= count; k++) {
    // Evenly spread with jitter, so updates stay strictly between the report and the solution.
    const fraction = (k + rng.between(-0.3, 0.3)) / (count + 1);
    if (rng.chance(0.3)) injured += 1;
    if (dead === 0 && rng.chance(0.08)) dead = 1;
    updates.push({
      atMs: toSecond(atMs + fraction * (solvedAtMs - atMs)),
      status: 'onGoing',
      injured,
      dead,
      vehiclesInvolved: vehicles,
      description: describe(notes[k - 1] ?? 'update'),
    });
  }
  updates.push({
    atMs: solvedAtMs,
    status: 'solved',
    injured,
    dead,
    vehiclesInvolved: vehicles,
    description: describe('cleared, road reopened'),
  });
  return updates;
}

/** The plan's view of a serious accident. */
export function plannedAccidentOf(incident: ScheduledIncident): PlannedAccident {
  const first = incident.updates[0];
  const last = incident.updates[incident.updates.length - 1];
  if (first === undefined || last === undefined)
    throw new RangeError(`incident ${incident.incidentId} has no updates`);
  return {
    gridId: incident.grid.id,
    areaId: incident.grid.areaId,
    incidentId: incident.incidentId,
    segmentId: incident.segment.id,
    atMs: first.atMs,
    resolvedAtMs: last.atMs,
    injured: last.injured,
    dead: last.dead,
    vehiclesInvolved: last.vehiclesInvolved,
  };
}
