/**
 * The citybrain processor: a consumer group over the traffic, permit and case topics that decodes
 * and validates at the edge (malformed records to the dead-letter topic), aggregates per grid in
 * event-time windows, evaluates the rules, and publishes alerts before committing input offsets.
 *
 * @example
 * ```ts
 * import { loadProcessorConfig, startProcessor } from '@citybrain/processor';
 * const handle = await startProcessor(loadProcessorConfig(process.env), logger);
 * process.once('SIGTERM', () => void handle.stop());
 * ```
 */
export { loadProcessorConfig, DEFAULT_GRIDS_FILE, type ProcessorConfig } from './config';
export { startProcessor, loadGridRegistry, loadRulesConfig, type ProcessorHandle } from './processor';
export {
  CityPipeline,
  type PipelineEvent,
  type PipelineOutput,
  type PipelineSettings,
} from './city-pipeline';
