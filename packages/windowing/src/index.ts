/**
 * The event-time windowing engine of citybrain: per-key tumbling, hopping, sliding and session windows
 * over event time, with per-partition watermarks, idle-partition handling, a processing-time fallback,
 * explicit grace (default 0), late events reported (never dropped silently), exactly one final result
 * per window, optional early results throttled per key, and compact JSON snapshots per key with
 * change tracking (a state store writes only the keys that changed). A pure, deterministic reducer ({@link WindowEngine}) wrapped in an RxJS operator
 * ({@link eventTimeWindows}); aggregators include count/sum/min/max/mean, {@link combine} and
 * DDSketch {@link quantiles}.
 *
 * @example
 * ```ts
 * import { TumblingWindows, combine, count, mean, eventTimeWindows } from '@citybrain/windowing';
 *
 * const perMinute$ = inputs$.pipe(
 *   eventTimeWindows({
 *     windows: TumblingWindows.of(60_000, { graceMs: 10_000 }),
 *     aggregator: combine({ n: count<Obs>(), speedKmh: mean((o: Obs) => o.speedKmh) }),
 *     watermark: { maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 30_000, idleAdvanceAfterMs: 120_000 },
 *   }),
 * );
 * perMinute$.subscribe(({ results, late }) => {
 *   for (const r of results) if (r.final) console.log(r.key, r.window, r.value.n, r.value.speedKmh);
 *   for (const l of late) console.warn('late', l.event.key, l.event.timestampMs);
 * });
 * ```
 */
export * from './errors';
export { isEventTimeMs, MAX_EVENT_TIME_MS, type WindowBounds } from './window-bounds';
export { TumblingWindows, type WindowOptions } from './tumbling-windows';
export { HoppingWindows } from './hopping-windows';
export { SlidingWindows } from './sliding-windows';
export { SessionWindows } from './session-windows';
export type { WindowSpec } from './window-spec';
export type { Aggregator, AccOf, ResultOf } from './aggregator';
export {
  count,
  sum,
  min,
  max,
  mean,
  combine,
  mapEvents,
  type MeanAcc,
  type AggregatorRecord,
} from './aggregators';
export { quantiles, type QuantileOptions, type QuantileSummary } from './quantile-sketch';
export type { KeyedEvent, EngineInput, ReadToEnd } from './keyed-event';
export type { WindowResult, LateEvent, EngineOutput } from './engine-output';
export type { WatermarkOptions } from './watermark-options';
export { WatermarkTracker, type WatermarkSnapshot } from './watermark-tracker';
export { WindowEngine, type WindowEngineSpec, type RestoreOptions } from './window-engine';
export type { EngineSnapshot, EngineHead, KeySnapshot, WindowTuple, RecordTuple } from './engine-snapshot';
export { eventTimeWindows } from './event-time-windows';
