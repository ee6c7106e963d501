import { planCaseSpike, type PlannedCaseSpike, type ScheduledCaseSpike } from './case-spike';
import { planCongestion, type PlannedCongestion } from './congestion-plan';
import {
  plannedAccidentOf,
  scheduleIncidents,
  type PlannedAccident,
  type ScheduledIncident,
} from './incident-schedule';
import { resolveScenarioOptions, type ResolvedScenarioOptions, type ScenarioOptions } from './options';
import {
  overdueStagesOf,
  schedulePermits,
  type PlannedOverduePermit,
  type ScheduledPermit,
} from './permit-schedule';
import { Random } from './random';
import {
  planRuleDrills,
  type PlannedAccidentCluster,
  type PlannedAreaSlowdown,
  type PlannedOverdueOrder,
  type ScheduledOrder,
} from './rule-drills';
import { RoadNetwork } from './road-network';

/**
 * The random streams of a scenario (jumps of the seed's generator). Each family draws from its own,
 * so the plan does not depend on how many numbers the traffic noise used.
 */
export const RANDOM_STREAMS = {
  plan: 0,
  permits: 1,
  traffic: 2,
  cases: 3,
  details: 4,
  disorder: 5,
  drills: 6,
} as const;

/** What a scenario injects, so that tests and the demo can check that the expected alerts appear. */
export interface ScenarioPlan {
  /** Congestion episodes, by start. */
  readonly congestion: readonly PlannedCongestion[];
  /** Serious accidents (injured ≥ 1) reported and solved inside the period, in scheduling order. */
  readonly accidents: readonly PlannedAccident[];
  /** The backlog spike. */
  readonly caseSpike: PlannedCaseSpike;
  /**
   * Permit deadlines (8 days in a stage, or filing → permit in 8 days: `overall`) that pass before the
   * end of the period with the permit still waiting, by deadline. A deadline may also be before the
   * start: permits filed up to 10 days earlier are backfilled, so their overdue alerts fire early.
   */
  readonly overduePermits: readonly PlannedOverduePermit[];
  /** Accident clusters (3 minor accidents in a grid, each < 30 minutes after the previous). */
  readonly accidentClusters: readonly PlannedAccidentCluster[];
  /** Work orders that miss their dispatch or accept deadline. */
  readonly overdueOrders: readonly PlannedOverdueOrder[];
  /** The area-wide arterial slowdown, if the period has room for it. */
  readonly areaSlowdown: PlannedAreaSlowdown | null;
}

/** Everything a scenario decides before it generates its first event. */
export interface ScenarioSchedule {
  readonly options: ResolvedScenarioOptions;
  readonly network: RoadNetwork;
  readonly plan: ScenarioPlan;
  readonly incidents: readonly ScheduledIncident[];
  readonly permits: readonly ScheduledPermit[];
  readonly caseSpike: ScheduledCaseSpike;
  /** Work orders planned up front (the drills'). */
  readonly orders: readonly ScheduledOrder[];
  /** Congestion episodes of the traffic sensors: the plan's and the area slowdown's. */
  readonly episodes: readonly PlannedCongestion[];
}

/** Plans a scenario from validated options. Pure: the same options give the same schedule. */
export function scheduleScenario(options: ResolvedScenarioOptions): ScenarioSchedule {
  const network = new RoadNetwork(options.grids.map((g) => g.id));
  const planRng = Random.stream(options.seed, RANDOM_STREAMS.plan);
  const congestion = planCongestion(options, network, planRng);
  const incidents = scheduleIncidents(options, network, planRng);
  const caseSpike = planCaseSpike(options, planRng);
  const permits = schedulePermits(options, Random.stream(options.seed, RANDOM_STREAMS.permits));
  const drills = planRuleDrills(options, network, Random.stream(options.seed, RANDOM_STREAMS.drills));
  const plan: ScenarioPlan = {
    congestion,
    accidents: incidents.filter((i) => i.serious).map(plannedAccidentOf),
    caseSpike: caseSpike.plan,
    overduePermits: permits
      .flatMap((p) => overdueStagesOf(p, options.endMs))
      .sort((a, b) => a.deadlineMs - b.deadlineMs),
    accidentClusters: drills.accidentClusters,
    overdueOrders: drills.overdueOrders,
    areaSlowdown: drills.areaSlowdown,
  };
  return {
    options,
    network,
    plan,
    incidents: [...incidents, ...drills.incidents],
    permits,
    caseSpike,
    orders: drills.orders,
    episodes: [...congestion, ...drills.slowdownEpisodes],
  };
}

/**
 * What `generateScenario(options)` injects: congestion episodes, serious accidents, the case backlog
 * spike and overdue permits. Computed without generating the stream.
 * @throws ScenarioOptionsError naming every bad option.
 */
export function plannedIncidents(options: ScenarioOptions): ScenarioPlan {
  return scheduleScenario(resolveScenarioOptions(options)).plan;
}
