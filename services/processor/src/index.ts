/**
 * The citybrain processor: a consumer group over the traffic, permit and case topics that decodes
 * and validates at the edge (malformed records to the dead-letter topic), aggregates in the event-time
 * windows the rule file declares (one engine per threshold rule, per grid or per area), evaluates the
 * rules, publishes alerts before committing input offsets, exposes per-grid and per-area KPIs, and
 * reloads the rule file on SIGHUP or change (an invalid file is rejected, the old rules keep running).
 *
 * @example
 * ```ts
 * import { loadProcessorConfig, startProcessor } from '@citybrain/processor';
 * const handle = await startProcessor(loadProcessorConfig(process.env), logger);
 * process.once('SIGTERM', () => void handle.stop());
 * ```
 */
export { loadProcessorConfig, DEFAULT_GRIDS_FILE, DEFAULT_RULES_FILE, type ProcessorConfig } from './config';
export { startProcessor, type ProcessorHandle } from './processor';
export { loadGridRegistry } from './grid-file';
export { loadRuleSet, parseRuleText, readRuleFile, watchRuleFile } from './rules-file';
export {
  createKpiMetrics,
  createRuleFileMetrics,
  type KpiMetrics,
  type RuleFileMetrics,
} from './kpi-metrics';
