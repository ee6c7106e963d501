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

/**
 * Largest magnitude of an event time the engine windows, epoch ms: the range of ECMAScript dates
 * (±8.64e15 ms, about ±275,000 years). Beyond 2^53 (≈ 9.007e15) adding a window's advance to a double
 * may not change it, which would never end the walk over an event's windows.
 */
export const MAX_EVENT_TIME_MS = 8.64e15;

/**
 * Whether the engine can window an event at `timestampMs`: an integer number of ms (as Kafka record
 * timestamps and the codec's event times are; sliding windows `[t − size + 1, t + 1)` and their event
 * lookup rely on whole milliseconds) within ±{@link MAX_EVENT_TIME_MS}. Other events are `invalid`.
 */
export function isEventTimeMs(timestampMs: number): boolean {
  return Number.isInteger(timestampMs) && Math.abs(timestampMs) <= MAX_EVENT_TIME_MS;
}
