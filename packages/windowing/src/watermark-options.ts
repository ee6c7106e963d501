import { WindowSpecError } from './errors';
import { requireMs } from './validate-ms';

/**
 * How the engine's event-time watermark is computed.
 *
 * The watermark of a partition is the largest event time seen on it minus `maxOutOfOrdernessMs`.
 * The engine's watermark is the minimum over active partitions, or, when every partition is idle,
 * the maximum over all of them; it never goes back.
 */
export interface WatermarkOptions {
  /**
   * Bounded out-of-orderness, ms: how far behind the newest event of its partition an event may be
   * and still be on time (besides the window's `graceMs`). Required, no default: `0` suits sources
   * that are in order per partition (one Kafka partition per producer); choose it from the data.
   */
  readonly maxOutOfOrdernessMs: number;
  /**
   * A partition that received no event for this long (processing time, ms) is idle and no longer holds
   * the watermark back, so one quiet partition cannot freeze every window. `Infinity` disables idleness.
   */
  readonly idleTimeoutMs: number;
  /**
   * Processing-time fallback: when NO partition has received events for this long (ms), the watermark
   * advances with processing time — to the largest partition watermark plus the processing time
   * elapsed since the last event, times `eventTimePerProcessingMs` — so the windows of keys that get no
   * more events still close. Undefined (default) disables it. Events that arrive after the fallback
   * moved the watermark past their windows are reported as late.
   */
  readonly idleAdvanceAfterMs?: number;
  /** Event-time ms per processing-time ms for the fallback (default 1; > 1 for fast replays). */
  readonly eventTimePerProcessingMs?: number;
  /**
   * Idle only partitions read to their end. With it, a partition may go idle — and the
   * processing-time fallback may move the watermark — only while the caller reports it read to its
   * end (`readToEnd` on an engine input, {@link WatermarkTracker.readTo}); a partition it has not
   * reported on counts as having records pending. Idleness then cannot depend on the order in which
   * a backlog's partitions are read: a partition with records pending is never idled, whatever the
   * timestamps. Default false: idleness by processing time alone.
   */
  readonly idleRequiresEnd?: boolean;
}

/** Validated {@link WatermarkOptions} with defaults filled in. */
export interface ResolvedWatermarkOptions {
  readonly maxOutOfOrdernessMs: number;
  readonly idleTimeoutMs: number;
  readonly idleAdvanceAfterMs: number | undefined;
  readonly eventTimePerProcessingMs: number;
  readonly idleRequiresEnd: boolean;
}

/** Validates watermark options. @throws WindowSpecError naming the bad field. */
export function resolveWatermarkOptions(opts: WatermarkOptions): ResolvedWatermarkOptions {
  const rate = opts.eventTimePerProcessingMs ?? 1;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    throw new WindowSpecError('watermark.eventTimePerProcessingMs', rate, 'a finite number > 0');
  }
  return {
    maxOutOfOrdernessMs: requireMs('watermark.maxOutOfOrdernessMs', opts.maxOutOfOrdernessMs, 0),
    idleTimeoutMs: requireMs('watermark.idleTimeoutMs', opts.idleTimeoutMs, 1, true),
    idleAdvanceAfterMs:
      opts.idleAdvanceAfterMs === undefined
        ? undefined
        : requireMs('watermark.idleAdvanceAfterMs', opts.idleAdvanceAfterMs, 0),
    eventTimePerProcessingMs: rate,
    idleRequiresEnd: opts.idleRequiresEnd ?? false,
  };
}
