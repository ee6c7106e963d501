import { WindowSpecError } from './errors';
import type { WindowOptions } from './tumbling-windows';
import { requireMs } from './validate-ms';
import { floorMod, type WindowBounds } from './window-bounds';

/**
 * Fixed-size, overlapping, epoch-aligned windows `[k·advanceMs, k·advanceMs + sizeMs)`: a timestamp
 * falls in `ceil(sizeMs / advanceMs)` or `floor(sizeMs / advanceMs)` windows. Kafka Streams
 * `TimeWindows.ofSizeAndGrace(size, grace).advanceBy(advance)`; Flink's "sliding" windows.
 *
 * @example
 * ```ts
 * const fiveMinEveryMinute = HoppingWindows.of(300_000, 60_000);
 * fiveMinEveryMinute.windowsFor(90_000).length; // 5
 * ```
 */
export class HoppingWindows {
  /** Discriminant for {@link WindowSpec}. */
  readonly kind = 'hopping' as const;
  /** Window length, ms. */
  readonly sizeMs: number;
  /** Distance between the starts of consecutive windows, ms (`1 <= advanceMs <= sizeMs`). */
  readonly advanceMs: number;
  /** Grace after each window's end, ms (default 0). */
  readonly graceMs: number;

  private constructor(sizeMs: number, advanceMs: number, graceMs: number) {
    this.sizeMs = sizeMs;
    this.advanceMs = advanceMs;
    this.graceMs = graceMs;
  }

  /**
   * Creates hopping windows. `sizeMs` and `advanceMs` are integer ms >= 1 with `advanceMs <= sizeMs`;
   * `graceMs` is an integer ms >= 0, default 0.
   * @throws WindowSpecError when an argument is out of range.
   */
  static of(sizeMs: number, advanceMs: number, opts?: WindowOptions): HoppingWindows {
    requireMs('sizeMs', sizeMs, 1);
    requireMs('advanceMs', advanceMs, 1);
    if (advanceMs > sizeMs) {
      throw new WindowSpecError('advanceMs', advanceMs, `<= sizeMs (${sizeMs})`);
    }
    return new HoppingWindows(sizeMs, advanceMs, requireMs('graceMs', opts?.graceMs ?? 0, 0));
  }

  /** Every window that contains `timestampMs`, in ascending start order. Pure. */
  windowsFor(timestampMs: number): WindowBounds[] {
    const out: WindowBounds[] = [];
    const lastStart = timestampMs - floorMod(timestampMs, this.advanceMs);
    let start = lastStart;
    while (start > timestampMs - this.sizeMs) start -= this.advanceMs;
    for (start += this.advanceMs; start <= lastStart; start += this.advanceMs) {
      out.push({ startMs: start, endMs: start + this.sizeMs });
    }
    return out;
  }
}
