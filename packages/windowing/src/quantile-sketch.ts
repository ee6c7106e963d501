import { LogCollapsingLowestDenseDDSketch, type DDSketch } from '@datadog/sketches-js';
import type { Aggregator } from './aggregator';
import { WindowSpecError } from './errors';

/** Options of {@link quantiles}. */
export interface QuantileOptions {
  /**
   * Relative accuracy of every quantile: the returned value is within `± relativeAccuracy · true value`
   * (DDSketch guarantee). Default 0.01 (1 %). Between 0 and 1, exclusive.
   */
  readonly relativeAccuracy?: number;
  /**
   * Bound on the sketch's bins per sign (memory per window: about 8 bytes each). When exceeded, the
   * lowest bins collapse, so low quantiles lose accuracy first and p95/p99 keep theirs. Default 2048.
   */
  readonly binLimit?: number;
  /** Further quantiles to report in `QuantileSummary.extra`, each in `[0, 1]`, e.g. `[0.9, 0.999]`. */
  readonly extraQuantiles?: readonly number[];
}

/** Result of {@link quantiles}: summary statistics and estimated quantiles of a window. */
export interface QuantileSummary {
  /** Number of finite values. */
  readonly count: number;
  /** Exact smallest value (`NaN` if none). */
  readonly min: number;
  /** Exact largest value (`NaN` if none). */
  readonly max: number;
  /** Exact mean (`NaN` if none). */
  readonly mean: number;
  /** Median estimate. */
  readonly p50: number;
  /** 95th percentile estimate. */
  readonly p95: number;
  /** 99th percentile estimate. */
  readonly p99: number;
  /** The `extraQuantiles`, keyed by `String(q)` (e.g. `"0.9"`). */
  readonly extra: Readonly<Record<string, number>>;
}

/** JSON form of a sketch in snapshots: non-empty bins as `[key, count]`, and the exact statistics. */
interface SketchJson {
  readonly pos: readonly (readonly [number, number])[];
  readonly neg: readonly (readonly [number, number])[];
  readonly zero: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * Mergeable quantile estimates (p50, p95, p99, …) of `f(event)` per window, with a relative-error
 * guarantee, on Datadog's DDSketch (`@datadog/sketches-js`: maintained by Datadog, no dependencies,
 * mergeable, bounded memory). Non-finite values are ignored. Snapshots store the sketch's bins as JSON.
 *
 * @example
 * ```ts
 * const speeds = quantiles((o: Obs) => o.speedKmh, { relativeAccuracy: 0.02 });
 * // WindowResult value: { count, min, max, mean, p50, p95, p99, extra }
 * ```
 * @throws WindowSpecError when an option is out of range.
 */
export function quantiles<E>(
  f: (event: E) => number,
  opts: QuantileOptions = {},
): Aggregator<E, DDSketch, QuantileSummary> {
  const relativeAccuracy = opts.relativeAccuracy ?? 0.01;
  const binLimit = opts.binLimit ?? 2048;
  const extraQuantiles = opts.extraQuantiles ?? [];
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new WindowSpecError('relativeAccuracy', relativeAccuracy, 'a number in (0, 1)');
  }
  if (!Number.isSafeInteger(binLimit) || binLimit < 1) {
    throw new WindowSpecError('binLimit', binLimit, 'an integer >= 1');
  }
  for (const q of extraQuantiles) {
    if (!(q >= 0 && q <= 1)) throw new WindowSpecError('extraQuantiles', q, 'a number in [0, 1]');
  }
  // The library types its sketches as DDSketch; the collapsing variant bounds memory.
  const init = (): DDSketch => new LogCollapsingLowestDenseDDSketch({ relativeAccuracy, binLimit });
  return {
    init,
    add: (acc, event) => {
      const v = f(event);
      if (Number.isFinite(v)) acc.accept(v);
      return acc;
    },
    merge: (a, b) => {
      if (b.count === 0) return a;
      if (a.count === 0) {
        a.merge(b); // copies both stores
        return a;
      }
      a.merge(b);
      // sketches-js 2.1.1 merges only the positive store; add the negative values ourselves.
      a.negativeStore.merge(b.negativeStore);
      return a;
    },
    result: (acc) => {
      const empty = acc.count === 0;
      const extra: Record<string, number> = {};
      for (const q of extraQuantiles) extra[String(q)] = acc.getValueAtQuantile(q);
      return {
        count: acc.count,
        min: empty ? Number.NaN : acc.min,
        max: empty ? Number.NaN : acc.max,
        mean: empty ? Number.NaN : acc.sum / acc.count,
        p50: acc.getValueAtQuantile(0.5),
        p95: acc.getValueAtQuantile(0.95),
        p99: acc.getValueAtQuantile(0.99),
        extra,
      };
    },
    serialize: (acc): SketchJson => ({
      pos: bins(acc.store),
      neg: bins(acc.negativeStore),
      zero: acc.zeroCount,
      count: acc.count,
      sum: acc.sum,
      min: acc.count === 0 ? null : acc.min,
      max: acc.count === 0 ? null : acc.max,
    }),
    deserialize: (json) => {
      const j = json as SketchJson;
      const acc = init();
      for (const [key, n] of j.pos) acc.store.add(key, n);
      for (const [key, n] of j.neg) acc.negativeStore.add(key, n);
      acc.zeroCount = j.zero;
      acc.count = j.count;
      acc.sum = j.sum;
      acc.min = j.min ?? Number.POSITIVE_INFINITY;
      acc.max = j.max ?? Number.NEGATIVE_INFINITY;
      return acc;
    },
  };
}

function bins(store: DDSketch['store']): [number, number][] {
  const out: [number, number][] = [];
  if (store.count === 0) return out;
  for (let i = 0; i < store.bins.length; i++) {
    const n = store.bins[i]!;
    if (n > 0) out.push([i + store.offset, n]);
  }
  return out;
}
