import type { Aggregator } from './aggregator';

/** Number of events in the window. */
export function count<E = unknown>(): Aggregator<E, number, number> {
  return {
    init: () => 0,
    add: (acc) => acc + 1,
    merge: (a, b) => a + b,
    result: (acc) => acc,
  };
}

/** Sum of `f(event)` over the window. */
export function sum<E>(f: (event: E) => number): Aggregator<E, number, number> {
  return {
    init: () => 0,
    add: (acc, event) => acc + f(event),
    merge: (a, b) => a + b,
    result: (acc) => acc,
  };
}

// Snapshots are JSON: ±Infinity (the empty min/max) would become null, so it is written as null
// and read back explicitly.
const serializeExtreme = (acc: number): number | null => (Number.isFinite(acc) ? acc : null);

/** Smallest `f(event)` in the window (`Infinity` for a window with no events, which the engine never emits). */
export function min<E>(f: (event: E) => number): Aggregator<E, number, number> {
  return {
    init: () => Number.POSITIVE_INFINITY,
    add: (acc, event) => Math.min(acc, f(event)),
    merge: (a, b) => Math.min(a, b),
    result: (acc) => acc,
    serialize: serializeExtreme,
    deserialize: (json) => (typeof json === 'number' ? json : Number.POSITIVE_INFINITY),
  };
}

/** Largest `f(event)` in the window (`-Infinity` for a window with no events, which the engine never emits). */
export function max<E>(f: (event: E) => number): Aggregator<E, number, number> {
  return {
    init: () => Number.NEGATIVE_INFINITY,
    add: (acc, event) => Math.max(acc, f(event)),
    merge: (a, b) => Math.max(a, b),
    result: (acc) => acc,
    serialize: serializeExtreme,
    deserialize: (json) => (typeof json === 'number' ? json : Number.NEGATIVE_INFINITY),
  };
}

/** Accumulator of {@link mean}. */
export interface MeanAcc {
  sum: number;
  count: number;
}

/** Arithmetic mean of `f(event)` over the window (`NaN` for a window with no events). */
export function mean<E>(f: (event: E) => number): Aggregator<E, MeanAcc, number> {
  return {
    init: () => ({ sum: 0, count: 0 }),
    add: (acc, event) => {
      acc.sum += f(event);
      acc.count += 1;
      return acc;
    },
    merge: (a, b) => {
      a.sum += b.sum;
      a.count += b.count;
      return a;
    },
    result: (acc) => (acc.count === 0 ? Number.NaN : acc.sum / acc.count),
    serialize: (acc) => ({ sum: acc.sum, count: acc.count }),
  };
}

/** A record of aggregators, for {@link combine}. */
export type AggregatorRecord<E> = Readonly<Record<string, Aggregator<E, unknown, unknown>>>;

/**
 * Runs several aggregators over the same window and returns a record of their results.
 *
 * @example
 * ```ts
 * const stats = combine({ n: count<Obs>(), speedKmh: mean((o: Obs) => o.speedKmh), peak: max((o: Obs) => o.intensity) });
 * // WindowResult value: { n: number; speedKmh: number; peak: number }
 * ```
 */
export function combine<E, S extends AggregatorRecord<E>>(
  parts: S,
): Aggregator<
  E,
  { [K in keyof S]: S[K] extends Aggregator<E, infer A, unknown> ? A : never },
  { [K in keyof S]: S[K] extends Aggregator<E, unknown, infer R> ? R : never }
> {
  type Acc = { [K in keyof S]: S[K] extends Aggregator<E, infer A, unknown> ? A : never };
  type Res = { [K in keyof S]: S[K] extends Aggregator<E, unknown, infer R> ? R : never };
  const names = Object.keys(parts);
  const entries = names.map((name) => [name, parts[name] as Aggregator<E, unknown, unknown>] as const);
  // add runs once per event and window: plain indexed loops over parallel arrays, no iterator or
  // destructuring per call.
  const aggs = entries.map(([, agg]) => agg);
  const n = names.length;
  const build = (
    f: (agg: Aggregator<E, unknown, unknown>, name: string) => unknown,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, agg] of entries) out[name] = f(agg, name);
    return out;
  };
  return {
    init: () => build((agg) => agg.init()) as Acc,
    add: (acc, event) => {
      const rec = acc as Record<string, unknown>;
      for (let i = 0; i < n; i++) {
        const name = names[i]!;
        rec[name] = aggs[i]!.add(rec[name], event);
      }
      return acc;
    },
    merge: (a, b) => {
      const ra = a as Record<string, unknown>;
      const rb = b as Record<string, unknown>;
      for (const [name, agg] of entries) ra[name] = agg.merge(ra[name], rb[name]);
      return a;
    },
    result: (acc) => build((agg, name) => agg.result((acc as Record<string, unknown>)[name])) as Res,
    serialize: (acc) =>
      build((agg, name) => {
        const part = (acc as Record<string, unknown>)[name];
        return agg.serialize ? agg.serialize(part) : part;
      }),
    deserialize: (json) => {
      const rec = (json ?? {}) as Record<string, unknown>;
      return build((agg, name) => (agg.deserialize ? agg.deserialize(rec[name]) : rec[name])) as Acc;
    },
  };
}

/**
 * Adapts an aggregator of `E` to events of `V` by mapping each event first (e.g. to unwrap an
 * envelope that carries the source record). Keeps the accumulator type and snapshot hooks.
 */
export function mapEvents<V, E, A, R>(agg: Aggregator<E, A, R>, f: (event: V) => E): Aggregator<V, A, R> {
  const mapped: Aggregator<V, A, R> = {
    init: () => agg.init(),
    add: (acc, event) => agg.add(acc, f(event)),
    merge: (a, b) => agg.merge(a, b),
    result: (acc) => agg.result(acc),
  };
  if (agg.serialize) mapped.serialize = (acc) => agg.serialize!(acc);
  if (agg.deserialize) mapped.deserialize = (json) => agg.deserialize!(json);
  return mapped;
}
