/**
 * The alert rules of citybrain. Rules are declarative (a YAML rule file validated by
 * {@link parseRuleSet}: windowed measures with thresholds, `for`, `keep_firing_for`, per-area
 * overrides, bilingual summary templates; serious accidents; work-order and permit deadlines) and run
 * in {@link CityRuleEngine}. Also: window aggregators for traffic and cases, the congestion speed
 * bands, and the original four-rule event-time engine ({@link RuleEngine}) that turns located events, final window results and watermark
 * advances into Alertmanager-like alerts (firing → resolved, deterministic ids, no duplicates).
 *
 * @example
 * ```ts
 * import { CityRuleEngine, compileMeasure, parseRuleSet } from '@citybrain/rules';
 * const rules = new CityRuleEngine(parseRuleSet(YAML.parse(text)), areaOf); // throws RulesConfigError
 * for (const rule of rules.thresholdRules()) {
 *   const measure = compileMeasure(rule.measure, rule.scope); // matches, keyOf, aggregator
 *   // ... a window engine per rule; its results go to rules.onWindows(rule.id, results)
 * }
 * publish(rules.onEvents(located).alerts); // accidents, work-order and permit lifecycles
 * publish(rules.onWatermark(watermarkMs)); // deadlines, escalations, staleness
 * ```
 *
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
export type {
  ComparisonOp,
  Condition,
  KpiConfig,
  Measure,
  MeasureAggregation,
  MeasureStream,
  MeasureWindow,
  PermitRuleConfig,
  RuleConfig,
  RuleScope,
  RuleSet,
  SeriousAccidentRuleConfig,
  SummaryTemplate,
  ThresholdRule,
  WorkOrderDeadlines,
  WorkOrderRuleConfig,
} from './rule-set';
export {
  DISTINCT_FIELDS,
  FILTER_FIELDS,
  MEASURE_STREAMS,
  NUMERIC_FIELDS,
  parseRuleSet,
  ruleIdOf,
} from './rule-set';
export { parseDurationMs } from './duration';
export { fillTemplate } from './template';
export type { CompiledMeasure, MeasureAccumulator } from './measure';
export { compileMeasure } from './measure';
export type { ThresholdState, ThresholdTrack } from './threshold-rule';
export { ThresholdEvaluator } from './threshold-rule';
export type { WorkOrderClosure, WorkOrderDeadline, WorkOrderState, WorkOrderTrack } from './work-order-rule';
export { WorkOrderRule } from './work-order-rule';
export type { EventStep, PermitLeadTime } from './city-rule-engine';
export { CityRuleEngine } from './city-rule-engine';
export type { RulesConfigIssue } from './errors';
export { InvalidSpeedError, RuleEngineSnapshotError, RulesConfigError, RulesError } from './errors';
