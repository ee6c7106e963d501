import type { CaseUrgency } from '@citybrain/domain';
import { MINUTE_MS, HOUR_MS } from './city-clock';
import type { PlannedCongestion } from './congestion-plan';
import type { ScheduledIncident } from './incident-schedule';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';
import type { RoadNetwork } from './road-network';

/** Minor accidents in one grid, each less than 30 minutes after the previous: an accident cluster. */
export interface PlannedAccidentCluster {
  readonly gridId: string;
  readonly areaId: string;
  readonly incidentIds: readonly string[];
  /** First and last accident reports, epoch ms. */
  readonly fromMs: number;
  readonly lastMs: number;
}

/** A work order that misses a deadline (dispatch for a normal order, acceptance for an urgent one). */
export interface PlannedOverdueOrder {
  readonly caseId: string;
  readonly gridId: string;
  readonly areaId: string;
  readonly urgency: CaseUrgency;
  readonly deadline: 'dispatch' | 'accept';
  /** When the deadline passes (receipt + 30 minutes, the shipped limits), epoch ms. */
  readonly dueMs: number;
  /** When the missed stage is finally reached, epoch ms (maybe after the period). */
  readonly metMs: number;
}

/** Every arterial road of an area slows into the moderate band at once. */
export interface PlannedAreaSlowdown {
  readonly areaId: string;
  readonly gridIds: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
}

/** A work order's stages, planned up front. */
export interface ScheduledOrder {
  readonly caseId: string;
  readonly grid: SimGrid;
  readonly urgency: CaseUrgency;
  readonly serviceCode: string;
  readonly steps: readonly {
    readonly stage: 'received' | 'dispatched' | 'accepted' | 'handled' | 'verified' | 'closed';
    readonly atMs: number;
  }[];
}

/** The drills of a scenario: what they plan, and what the sources must emit for them. */
export interface RuleDrills {
  readonly accidentClusters: readonly PlannedAccidentCluster[];
  readonly overdueOrders: readonly PlannedOverdueOrder[];
  readonly areaSlowdown: PlannedAreaSlowdown | null;
  readonly incidents: readonly ScheduledIncident[];
  readonly orders: readonly ScheduledOrder[];
  /** The slowdown as congestion episodes of each grid's arterial roads. */
  readonly slowdownEpisodes: readonly PlannedCongestion[];
}

const CLUSTER_SPAN_MS = 40 * MINUTE_MS;
const SLOWDOWN_MS = 15 * MINUTE_MS;
/** Room after a slowdown for the 5-minute windows to close and resolve. */
const SLOWDOWN_MARGIN_MS = 10 * MINUTE_MS;
const ORDER_SPAN_MS = 4 * HOUR_MS;

/**
 * Plans the drills that exercise the rules the rest of the scenario leaves to chance: accident
 * clusters (3 minor accidents, 8–12 minutes apart), overdue work orders (a normal order dispatched
 * 45 minutes after receipt; an urgent one accepted 40 minutes after), and an area-wide slowdown
 * (every arterial road of the area with the most arterial grids, moderate congestion for 15
 * minutes). A period too short for a drill gets none of it.
 */
export function planRuleDrills(
  options: ResolvedScenarioOptions,
  network: RoadNetwork,
  rng: Random,
): RuleDrills {
  const { startMs, durationMs, seed } = options;
  const minuteIn = (spanMs: number) =>
    startMs + rng.int(0, Math.floor((durationMs - spanMs) / MINUTE_MS)) * MINUTE_MS;

  const incidents: ScheduledIncident[] = [];
  const accidentClusters: PlannedAccidentCluster[] = [];
  if (durationMs >= CLUSTER_SPAN_MS) {
    for (let k = 1; k <= options.accidentClusters; k++) {
      const grid = rng.pick(options.grids);
      const segments = network.segmentsOf(grid.id);
      let atMs = minuteIn(CLUSTER_SPAN_MS);
      const ids: string[] = [];
      const fromMs = atMs;
      for (let i = 1; i <= 3; i++) {
        const incidentId = `sim-${seed}-cluster-${k}-${i}`;
        const segment = rng.pick(segments);
        const what = `Minor collision on ${segment.id}, 2 vehicles, no injuries`;
        incidents.push({
          incidentId,
          grid,
          segment,
          incidentType: 'accident',
          serious: false,
          source: `camera/${segment.id}`,
          updates: [
            { atMs, status: 'onGoing', injured: 0, dead: 0, vehiclesInvolved: 2, description: what },
            {
              atMs: atMs + 15 * MINUTE_MS,
              status: 'solved',
              injured: 0,
              dead: 0,
              vehiclesInvolved: 2,
              description: `${what} — cleared`,
            },
          ],
        });
        ids.push(incidentId);
        if (i < 3) atMs += rng.int(8, 12) * MINUTE_MS;
      }
      accidentClusters.push({ gridId: grid.id, areaId: grid.areaId, incidentIds: ids, fromMs, lastMs: atMs });
    }
  }

  const orders: ScheduledOrder[] = [];
  const overdueOrders: PlannedOverdueOrder[] = [];
  if (durationMs >= ORDER_SPAN_MS) {
    for (let k = 1; k <= options.stalledOrders; k++) {
      const grid = rng.pick(options.grids);
      const receivedMs = minuteIn(ORDER_SPAN_MS);
      const urgent = k % 2 === 0;
      const caseId = `sim-${seed}-stalled-${k}`;
      const at = (minutes: number) => receivedMs + minutes * MINUTE_MS;
      const steps = urgent
        ? [
            { stage: 'received' as const, atMs: at(0) },
            { stage: 'dispatched' as const, atMs: at(5) },
            { stage: 'accepted' as const, atMs: at(40) },
            { stage: 'handled' as const, atMs: at(90) },
            { stage: 'verified' as const, atMs: at(110) },
            { stage: 'closed' as const, atMs: at(120) },
          ]
        : [
            { stage: 'received' as const, atMs: at(0) },
            { stage: 'dispatched' as const, atMs: at(45) },
            { stage: 'accepted' as const, atMs: at(60) },
            { stage: 'handled' as const, atMs: at(150) },
            { stage: 'verified' as const, atMs: at(180) },
            { stage: 'closed' as const, atMs: at(200) },
          ];
      orders.push({
        caseId,
        grid,
        urgency: urgent ? 'urgent' : 'normal',
        serviceCode: 'road.damage',
        steps,
      });
      overdueOrders.push({
        caseId,
        gridId: grid.id,
        areaId: grid.areaId,
        urgency: urgent ? 'urgent' : 'normal',
        deadline: urgent ? 'accept' : 'dispatch',
        dueMs: at(30),
        metMs: urgent ? at(40) : at(45),
      });
    }
  }

  let areaSlowdown: PlannedAreaSlowdown | null = null;
  const slowdownEpisodes: PlannedCongestion[] = [];
  if (options.areaSlowdowns > 0 && durationMs >= SLOWDOWN_MS + SLOWDOWN_MARGIN_MS) {
    const arterialGrids = new Map<string, SimGrid[]>();
    for (const grid of options.grids) {
      if (!network.segmentsOf(grid.id).some((s) => s.roadClass === 'arterial')) continue;
      arterialGrids.set(grid.areaId, [...(arterialGrids.get(grid.areaId) ?? []), grid]);
    }
    let best: [string, SimGrid[]] | undefined;
    for (const entry of [...arterialGrids].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      if (best === undefined || entry[1].length > best[1].length) best = entry;
    if (best !== undefined) {
      const fromMs = minuteIn(SLOWDOWN_MS + SLOWDOWN_MARGIN_MS);
      const toMs = fromMs + SLOWDOWN_MS;
      areaSlowdown = { areaId: best[0], gridIds: best[1].map((g) => g.id), fromMs, toMs };
      for (const grid of best[1]) {
        slowdownEpisodes.push({
          gridId: grid.id,
          areaId: grid.areaId,
          roadClass: 'arterial',
          level: 'moderate',
          segmentIds: network
            .segmentsOf(grid.id)
            .filter((s) => s.roadClass === 'arterial')
            .map((s) => s.id),
          fromMs,
          toMs,
        });
      }
    }
  }
  return { accidentClusters, overdueOrders, areaSlowdown, incidents, orders, slowdownEpisodes };
}
