/**
 * The processor's pure core composed from a rule set: one event-time window engine per threshold
 * rule (each wrapped in the RxJS operator of `@citybrain/windowing`), the rule engine of
 * `@citybrain/rules`, a congestion KPI window, and an event-time clock over every input partition for
 * the rules' timers. No I/O: the caller passes decoded events and processing time in and gets alerts,
 * late events, KPI facts and grid state out. The processor service wraps it in Kafka; tests and the
 * simulator drive it directly.
 *
 * @example
 * ```ts
 * import { CityPipeline } from '@citybrain/pipeline';
 * const pipeline = new CityPipeline(settings, ruleSet, (gridId) => registry.grid(gridId)?.areaId);
 * pipeline.assign({ traffic: ['city.traffic.v1/0'], permit: [], case: [] }, Date.now());
 * const out = pipeline.processBatch(events, Date.now());
 * commit(out.alerts, pipeline.storeChanges()); // outputs and changed state entries, together
 * ```
 */
export {
  CityPipeline,
  KPI_WINDOW,
  type GridWindowState,
  type PartitionsByFamily,
  type PipelineEvent,
  type PipelineKpi,
  type PipelineLateEvent,
  type PipelineOutput,
  type PipelineSettings,
  type PipelineSnapshot,
  type PipelineStoreChanges,
  type SourceProgress,
  type WindowState,
} from './city-pipeline';
export { syncStage, type SyncStage } from './sync-stage';
export { StoreEntryError } from './store-entries';
