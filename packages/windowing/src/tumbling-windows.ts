import { requireMs } from './validate-ms';
import { floorMod, type WindowBounds } from './window-bounds';

/** Options shared by every window assigner. */
export interface WindowOptions {
  /**
   * How long after a window's end (in event time, measured by the watermark) it still accepts
   * out-of-order events before it is final. Default 0: a window is final as soon as the watermark
   * reaches its end. There is no hidden default grace (Kafka Streams once defaulted to 24 h).
   */
  readonly graceMs?: number;
}

/**
 * Fixed-size, non-overlapping, epoch-aligned windows `[k·sizeMs, (k+1)·sizeMs)`: every timestamp
 * falls in exactly one window. Kafka Streams `TimeWindows.ofSizeAndGrace(size, grace)`.
 *
 * @example
 * ```ts
 * const perMinute = TumblingWindows.of(60_000, { graceMs: 5_000 });
 * perMinute.windowsFor(90_000); // [{ startMs: 60_000, endMs: 120_000 }]
 * ```
 */
export class TumblingWindows {
  /** Discriminant for {@link WindowSpec}. */
  readonly kind = 'tumbling' as const;
  /** Window length, ms. */
  readonly sizeMs: number;
  /** Equal to `sizeMs` for tumbling windows; lets the engine treat them as hopping windows. */
  readonly advanceMs: number;
  /** Grace after the window end, ms (default 0). */
  readonly graceMs: number;

  private constructor(sizeMs: number, graceMs: number) {
    this.sizeMs = sizeMs;
    this.advanceMs = sizeMs;
    this.graceMs = graceMs;
  }

  /**
   * Creates tumbling windows of `sizeMs` (integer ms >= 1) with `graceMs` (integer ms >= 0, default 0).
   * @throws WindowSpecError when an argument is out of range.
   */
  static of(sizeMs: number, opts?: WindowOptions): TumblingWindows {
    return new TumblingWindows(requireMs('sizeMs', sizeMs, 1), requireMs('graceMs', opts?.graceMs ?? 0, 0));
  }

  /** The one window that contains `timestampMs` (epoch ms). Pure. */
  windowsFor(timestampMs: number): WindowBounds[] {
    const startMs = timestampMs - floorMod(timestampMs, this.sizeMs);
    return [{ startMs, endMs: startMs + this.sizeMs }];
  }
}
