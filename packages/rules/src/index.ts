/**
 * The alert rules of citybrain: window aggregators for traffic and cases, the congestion speed bands,
 * and a pure event-time rule engine that turns located events, final window results and watermark
 * advances into Alertmanager-like alerts (firing → resolved, deterministic ids, no duplicates).
 *
 * @example
 * ```ts
 * import { RuleEngine, parseRulesConfig } from '@citybrain/rules';
 * const config = parseRulesConfig({ caseBacklogSpike: { threshold: 8 } }); // throws RulesConfigError
 * const areaOf = (gridId: string) => registry.grid(gridId)?.areaId;
 * const engine = new RuleEngine(config, areaOf);
 * publish(engine.onEvents(locatedEvents)); // serious accidents fire at once; permit stages move
 * publish(engine.onTrafficWindows(trafficResults)); // trafficStatsAggregator results; only `final` ones count
 * publish(engine.onCaseWindows(caseResults)); // caseStatsAggregator results
 * publish(engine.onWatermark(watermarkMs)); // permit deadlines, stale alerts
 * const saved = JSON.stringify(engine.snapshot());
 * const again = RuleEngine.restore(config, areaOf, JSON.parse(saved));
 * ```
 */
export type { Aggregator, WindowBounds, WindowResult } from './window-result';
export type {
  BoundedCongestionLevel,
  CongestionLevel,
  SpeedBandKmh,
  SpeedBandsKmh,
} from './congestion-level';
export {
  BOUNDED_CONGESTION_LEVELS,
  CONGESTION_LEVEL_NAMES,
  CONGESTION_LEVELS,
  DEFAULT_SPEED_BANDS_KMH,
  congestionLevel,
  congestionLevelRank,
  congestionSeverity,
  isAtLeastLevel,
} from './congestion-level';
export type { RoadClassStats, RoadClassSums, TrafficStats, TrafficStatsAccumulator } from './traffic-stats';
export { trafficStatsAggregator } from './traffic-stats';
export type { CaseStats, CaseStatsAccumulator } from './case-stats';
export { caseStatsAggregator } from './case-stats';
export type {
  CaseBacklogSpikeConfig,
  PermitOverdueConfig,
  RulesConfig,
  RulesConfigInput,
  SeriousAccidentConfig,
  TrafficCongestionConfig,
} from './rules-config';
export { defaultRulesConfig, parseRulesConfig, rulesConfigSchema } from './rules-config';
export type { RuleName } from './rule-names';
export { RULE_NAMES } from './rule-names';
export { alertFingerprint, alertId } from './alert-identity';
export { UNKNOWN_AREA_ID } from './alert-lifecycle';
export type { AreaOf } from './rule-engine';
export { RuleEngine } from './rule-engine';
export type { RuleEngineSnapshot } from './rule-engine-snapshot';
export { RULE_ENGINE_SNAPSHOT_VERSION, parseRuleEngineSnapshot } from './rule-engine-snapshot';
export type { ClosedId } from './closed-ids';
export type { WindowedAlertEntry } from './windowed-alerts';
export type { OpenPermitStage, PermitOverdueState, PermitTrack } from './permit-overdue-rule';
export type { SeriousAccidentState } from './serious-accident-rule';
export type { RulesConfigIssue } from './errors';
export { InvalidSpeedError, RuleEngineSnapshotError, RulesConfigError, RulesError } from './errors';
