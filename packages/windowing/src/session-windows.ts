import type { WindowOptions } from './tumbling-windows';
import { requireMs } from './validate-ms';
import type { WindowBounds } from './window-bounds';

/**
 * Per-key sessions of activity separated by gaps of at least `gapMs`: each event opens the window
 * `[t, t + gapMs)` and windows of a key that overlap merge, so events less than `gapMs` apart share a
 * session and a session is `[first event, last event + gapMs)`. Flink's `EventTimeSessionWindows`;
 * Kafka Streams' `SessionWindows` with inclusive ends (Kafka session `[s, e]` ≈ `[s, e + gapMs)` here).
 * A session is final when the watermark reaches `endMs + graceMs`.
 *
 * @example
 * ```ts
 * const incidents = SessionWindows.of(15 * 60_000, { graceMs: 60_000 });
 * ```
 */
export class SessionWindows {
  /** Discriminant for {@link WindowSpec}. */
  readonly kind = 'session' as const;
  /** Inactivity gap that ends a session, ms. */
  readonly gapMs: number;
  /** Grace after each session's end, ms (default 0). */
  readonly graceMs: number;

  private constructor(gapMs: number, graceMs: number) {
    this.gapMs = gapMs;
    this.graceMs = graceMs;
  }

  /**
   * Creates session windows with inactivity gap `gapMs` (integer ms >= 1) and `graceMs` (integer ms >= 0,
   * default 0). @throws WindowSpecError when an argument is out of range.
   */
  static of(gapMs: number, opts?: WindowOptions): SessionWindows {
    return new SessionWindows(requireMs('gapMs', gapMs, 1), requireMs('graceMs', opts?.graceMs ?? 0, 0));
  }

  /** The proto-window of one event, before merging: `[t, t + gapMs)`. Pure. */
  windowsFor(timestampMs: number): WindowBounds[] {
    return [{ startMs: timestampMs, endMs: timestampMs + this.gapMs }];
  }
}
