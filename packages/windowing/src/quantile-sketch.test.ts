import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowSpecError } from './errors';
import { quantiles } from './quantile-sketch';

const id = (x: number): number => x;

/** The exact quantile as DDSketch defines its rank: the value at rank `q · (n − 1)`, lower. */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('quantiles (DDSketch)', () => {
  it('estimates p50/p95/p99 within the relative accuracy, with exact min/max/mean', () => {
    const agg = quantiles(id, { relativeAccuracy: 0.01, extraQuantiles: [0.9] });
    const values = Array.from({ length: 10_000 }, (_, i) => 1 + ((i * 7919) % 10_000) / 10);
    const r = agg.result(values.reduce((acc, v) => agg.add(acc, v), agg.init()));
    expect(r.count).toBe(10_000);
    expect(r.min).toBe(Math.min(...values));
    expect(r.max).toBe(Math.max(...values));
    expect(r.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
    for (const [q, got] of [
      [0.5, r.p50],
      [0.95, r.p95],
      [0.99, r.p99],
      [0.9, r.extra['0.9']!],
    ] as const) {
      const want = exact(values, q);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(want * 0.01 + 1e-9);
    }
  });

  // Within 9 decades the bins stay under binLimit, so no collapsing: merging must then be exact.
  const magnitude = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
  const value = fc.oneof(
    fc.constant(0),
    magnitude,
    magnitude.map((v) => -v),
  );

  it('merges (positive, negative and zero values) like sketching everything at once', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 200 }),
        fc.array(value, { maxLength: 200 }),
        (left, right) => {
          const agg = quantiles(id);
          const whole = agg.result([...left, ...right].reduce((acc, v) => agg.add(acc, v), agg.init()));
          const a = left.reduce((acc, v) => agg.add(acc, v), agg.init());
          const b = right.reduce((acc, v) => agg.add(acc, v), agg.init());
          const bBefore = JSON.stringify(agg.serialize!(b));
          const merged = agg.result(agg.merge(a, b));
          expect(JSON.stringify(agg.serialize!(b))).toBe(bBefore);
          expect(merged.count).toBe(whole.count);
          expect(merged.p50).toBe(whole.p50);
          expect(merged.p95).toBe(whole.p95);
          expect(merged.p99).toBe(whole.p99);
          expect(merged.min).toBe(whole.min);
          expect(merged.max).toBe(whole.max);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives a JSON snapshot round trip', () => {
    const agg = quantiles(id);
    const acc = [-5, 0, 0, 3, 17, 250, 4_000].reduce((a, v) => agg.add(a, v), agg.init());
    const back = agg.deserialize!(JSON.parse(JSON.stringify(agg.serialize!(acc))));
    expect(agg.result(back)).toEqual(agg.result(acc));
    expect(agg.result(agg.add(back, 9))).toEqual(agg.result(agg.add(acc, 9)));
  });

  it('ignores non-finite values and reports an empty sketch as NaN', () => {
    const agg = quantiles(id);
    const r = agg.result(agg.add(agg.init(), Number.NaN));
    expect(r.count).toBe(0);
    expect(r.p50).toBeNaN();
    expect(r.min).toBeNaN();
    const empty = agg.deserialize!(JSON.parse(JSON.stringify(agg.serialize!(agg.init()))));
    expect(agg.result(empty).count).toBe(0);
  });

  // Issue 9 item 8: past the bin limit, the sketch library lost or duplicated counts when it
  // collapsed its lowest bins, so high quantiles were overestimated (and bins could sum to NaN).
  it('keeps every count and the accuracy of the uncollapsed quantiles once the bin limit collapses low bins', () => {
    const relativeAccuracy = 0.02;
    const logGamma = Math.log1p((2 * relativeAccuracy) / (1 - relativeAccuracy));
    const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.array(fc.array(positive, { minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (binLimit, parts, roundTrip) => {
          const agg = quantiles(id, { relativeAccuracy, binLimit, extraQuantiles: [0.9, 0.999, 1] });
          const sketches = parts.map((part) => {
            const acc = part.reduce((a, v) => agg.add(a, v), agg.init());
            return roundTrip ? agg.deserialize!(JSON.parse(JSON.stringify(agg.serialize!(acc)))) : acc;
          });
          const acc = sketches.reduce((a, b) => agg.merge(a, b));
          const values = parts.flat();
          const json = agg.serialize!(acc) as { pos: [number, number][] };
          expect(json.pos.reduce((n, [, c]) => n + c, 0)).toBe(values.length);
          expect(json.pos.length).toBeLessThanOrEqual(binLimit);
          const lowestKey = json.pos[0]![0];
          const r = agg.result(acc);
          for (const [q, got] of [
            [0.5, r.p50],
            [0.9, r.extra['0.9']!],
            [0.99, r.p99],
            [0.999, r.extra['0.999']!],
            [1, r.extra['1']!],
          ] as const) {
            const want = exact(values, q);
            // Quantiles in the collapsed lowest bin have no accuracy guarantee; the others keep it.
            if (Math.ceil(Math.log(want) / logGamma - 1e-9) <= lowestKey) continue;
            expect(Math.abs(got - want)).toBeLessThanOrEqual(want * relativeAccuracy * 1.000001);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('validates its options', () => {
    expect(() => quantiles(id, { relativeAccuracy: 0 })).toThrow(WindowSpecError);
    expect(() => quantiles(id, { binLimit: 0 })).toThrow(WindowSpecError);
    expect(() => quantiles(id, { extraQuantiles: [1.5] })).toThrow(WindowSpecError);
  });
});
