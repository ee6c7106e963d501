/**
 * A half-open event-time interval `[startMs, endMs)` in epoch milliseconds. Structurally equal to
 * `TimeWindow` of `@citybrain/domain`, so a result's window can be put on an alert as is.
 */
export interface WindowBounds {
  /** Inclusive start, epoch ms. */
  readonly startMs: number;
  /** Exclusive end, epoch ms. */
  readonly endMs: number;
}

/** `n mod m` in `[0, m)`, also for negative `n` (JavaScript's `%` keeps the sign of `n`). */
export function floorMod(n: number, m: number): number {
  const r = n % m;
  return r < 0 ? r + m : r;
}
