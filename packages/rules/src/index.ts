/**
 * The alert rules of citybrain. Rules are declarative: a YAML rule file validated by
 * {@link parseRuleSet} (windowed measures with thresholds, `for`, `keep_firing_for`, baselines,
 * per-area overrides, bilingual summary templates; serious accidents; work-order and permit
 * deadlines), evaluated on event time by {@link CityRuleEngine}, which turns located events, the
 * results of the caller's window engines and watermark advances into Alertmanager-like alerts
 * (firing → resolved, deterministic ids, no duplicates). Also: {@link compileMeasure} (what a
 * threshold rule's window engine aggregates), the traffic aggregator and the congestion speed bands
 * of the per-grid congestion KPI. Pure: no I/O.
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
 */
export type { Aggregator, WindowBounds, WindowResult } from './window-result';
export type {
  BoundedCongestionLevel,
  CongestionLevel,
  SpeedBandKmh,
  SpeedBandsKmh,
} from './congestion-level';
export {
  CONGESTION_LEVELS,
  DEFAULT_SPEED_BANDS_KMH,
  congestionLevel,
  congestionLevelRank,
} from './congestion-level';
export type { RoadClassStats, RoadClassSums, TrafficStats, TrafficStatsAccumulator } from './traffic-stats';
export { trafficStatsAggregator } from './traffic-stats';
export type { RuleName } from './rule-names';
export { RULE_NAMES } from './rule-names';
export { alertFingerprint, alertId } from './alert-identity';
export { UNKNOWN_AREA_ID } from './alert-lifecycle';
export type { ClosedId } from './closed-ids';
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
export type { CityRuleEngineSnapshot, EventStep, PermitLeadTime } from './city-rule-engine';
export { CityRuleEngine } from './city-rule-engine';
export type { RulesConfigIssue } from './errors';
export { InvalidSpeedError, RulesConfigError, RulesError } from './errors';
export type { OpenCaseChanges, OpenCaseEntry } from './open-case-tracker';
export { OpenCaseTracker } from './open-case-tracker';
export {
  parseRuleStateName,
  ruleEntryName,
  ruleStateEntries,
  ruleStateFromEntries,
  subjectEntryName,
  type RuleEntry,
  type RuleStateEntry,
  type RuleSubjectEntry,
} from './rule-state-entries';
export type { SubjectEntry } from './subject-entries';
