/**
 * The simulator's scenario generator: a pure, seeded, reproducible stream of Longgang's city events —
 * traffic observations and incidents, permit stages, city-management cases — with planned congestion,
 * accidents, a case backlog spike, overdue permits, accident clusters, overdue work orders and an
 * area-wide slowdown that the alert rules should catch.
 *
 * @example
 * ```ts
 * import { generateScenario, plannedIncidents } from './scenario';
 * const options = {
 *   seed: 42,
 *   grids: [{ id: 'G017', areaId: 'A03', centroid: { lat: 27.51, lon: 120.55 } }],
 *   startMs: Date.UTC(2020, 8, 25, 23, 0), // 07:00 in Longgang (UTC+8)
 *   durationMs: 3 * 3_600_000,
 * };
 * for (const event of generateScenario(options)) publish(event); // event time never decreases
 * const plan = plannedIncidents(options); // the congestion, accidents, spike and overdue permits to expect
 * ```
 */
export { generateScenario } from './generate-scenario';
export { plannedIncidents, type ScenarioPlan } from './scenario-plan';
export {
  resolveScenarioOptions,
  scenarioOptionsSchema,
  type ResolvedScenarioOptions,
  type ScenarioOptions,
  type SimGrid,
} from './options';
export type { PlannedCongestion } from './congestion-plan';
export type { PlannedAccident } from './incident-schedule';
export type { PlannedCaseSpike } from './case-spike';
export type { PlannedOverduePermit } from './permit-schedule';
export type { PlannedAccidentCluster, PlannedAreaSlowdown, PlannedOverdueOrder } from './rule-drills';
export { PERMIT_DEADLINE_MS, PERMIT_BACKFILL_MS } from './permit-schedule';
export { roadSegmentsOf, type RoadSegment } from './road-network';
export {
  congestionLevelOf,
  SPEED_BAND_UPPER_KMH,
  type CongestionLevel,
  type InjectedCongestionLevel,
} from './speed-bands';
export {
  SimulatorError,
  ScenarioOptionsError,
  type SimulatorErrorCode,
  type ScenarioOptionIssue,
} from './errors';
