import type { WindowOptions } from './tumbling-windows';
import { requireMs } from './validate-ms';
import type { WindowBounds } from './window-bounds';

/**
 * Record-driven windows of fixed size `sizeMs` (Kafka Streams `SlidingWindows`): instead of one window
 * per fixed step, there is one window per distinct set of events less than `sizeMs` apart. For each
 * event at `t` of a key there is a window ending with it, `[t − sizeMs + 1, t + 1)`, and one starting
 * right after it, `[t + 1, t + 1 + sizeMs)`, when the latter holds any event — so a result appears
 * both when an event enters the trailing `sizeMs` and when one leaves it. Empty windows are never
 * emitted. Kafka's `SlidingWindows.ofTimeDifferenceAndGrace(d, g)` equals `SlidingWindows.of(d + 1, { graceMs: g })`.
 *
 * State: besides its windows, the engine keeps each event's single-event aggregate for
 * `sizeMs + graceMs` of event time (new windows are built by merging them), so memory grows with the
 * events inside that span.
 *
 * @example
 * ```ts
 * const lastFiveMinutes = SlidingWindows.of(5 * 60_000);
 * ```
 */
export class SlidingWindows {
  /** Discriminant for {@link WindowSpec}. */
  readonly kind = 'sliding' as const;
  /** Window length, ms: two events share a window iff they are less than `sizeMs` apart. */
  readonly sizeMs: number;
  /** Grace after each window's end, ms (default 0). */
  readonly graceMs: number;

  private constructor(sizeMs: number, graceMs: number) {
    this.sizeMs = sizeMs;
    this.graceMs = graceMs;
  }

  /**
   * Creates sliding windows of `sizeMs` (integer ms >= 1) with `graceMs` (integer ms >= 0, default 0).
   * @throws WindowSpecError when an argument is out of range.
   */
  static of(sizeMs: number, opts?: WindowOptions): SlidingWindows {
    return new SlidingWindows(requireMs('sizeMs', sizeMs, 1), requireMs('graceMs', opts?.graceMs ?? 0, 0));
  }

  /**
   * The two windows that one event at `timestampMs` defines, before considering other events: the
   * one ending with it and the one starting right after it (the latter exists only if other events fall
   * in it). Pure.
   */
  windowsFor(timestampMs: number): WindowBounds[] {
    return [
      { startMs: timestampMs - this.sizeMs + 1, endMs: timestampMs + 1 },
      { startMs: timestampMs + 1, endMs: timestampMs + 1 + this.sizeMs },
    ];
  }
}
