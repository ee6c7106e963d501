/**
 * A user-defined aggregation over the events of one window: `init` → `add`* → `result`, with
 * `merge` to combine two partial aggregates (session windows merge, sliding windows build a new
 * window from single-event parts, sketches combine).
 *
 * Ownership: the engine owns every accumulator and never shares one between windows, so `add` may
 * mutate `acc` and return it (cheaper than copying), and `merge` may mutate and return its first
 * argument; `merge` must not mutate its second argument. Always use the returned value.
 *
 * Snapshots: accumulators are written with `serialize` (default: the accumulator itself) and must
 * then be JSON-serialisable; `deserialize` is its inverse (default: the JSON value itself).
 *
 * @typeParam E - the event value type
 * @typeParam A - the accumulator type
 * @typeParam R - the result type
 */
export interface Aggregator<E, A, R> {
  /** A fresh, empty accumulator. */
  init(): A;
  /** Adds one event. May mutate `acc`; returns the new accumulator. */
  add(acc: A, event: E): A;
  /** Combines two accumulators. May mutate `a`, must not mutate `b`; returns the combined one. */
  merge(a: A, b: A): A;
  /** The window's value; must not mutate `acc` (early results read the same accumulator again). */
  result(acc: A): R;
  /** JSON-serialisable form of `acc` for snapshots (default: `acc` itself). */
  serialize?(acc: A): unknown;
  /** Inverse of `serialize` (default: the JSON value itself). */
  deserialize?(json: unknown): A;
}

/** Accumulator type of an aggregator. */
export type AccOf<G> = G extends Aggregator<never, infer A, unknown> ? A : never;
/** Result type of an aggregator. */
export type ResultOf<G> = G extends Aggregator<never, unknown, infer R> ? R : never;
