import { describe, expect, it } from 'vitest';
import type { Aggregator } from './aggregator';
import { combine, count, mapEvents, max, mean, min, sum } from './aggregators';

const run = <E, A, R>(agg: Aggregator<E, A, R>, events: E[]): R =>
  agg.result(events.reduce((acc, e) => agg.add(acc, e), agg.init()));

const split = <E, A, R>(agg: Aggregator<E, A, R>, left: E[], right: E[]): R => {
  const a = left.reduce((acc, e) => agg.add(acc, e), agg.init());
  const b = right.reduce((acc, e) => agg.add(acc, e), agg.init());
  return agg.result(agg.merge(a, b));
};

const xs = [3, 1, 4, 1, 5, 9, 2, 6];
const id = (x: number): number => x;

describe('built-in aggregators', () => {
  it('compute count, sum, min, max and mean', () => {
    expect(run(count<number>(), xs)).toBe(8);
    expect(run(sum(id), xs)).toBe(31);
    expect(run(min(id), xs)).toBe(1);
    expect(run(max(id), xs)).toBe(9);
    expect(run(mean(id), xs)).toBeCloseTo(31 / 8);
  });

  it('merge like aggregating everything at once', () => {
    for (const agg of [count<number>(), sum(id), min(id), max(id), mean(id)] as Aggregator<
      number,
      unknown,
      number
    >[]) {
      expect(split(agg, xs.slice(0, 3), xs.slice(3))).toBeCloseTo(run(agg, xs));
    }
  });

  it('mean of nothing is NaN', () => {
    expect(run(mean(id), [])).toBeNaN();
  });

  it('serialise min/max infinities as null and read them back', () => {
    const m = min(id);
    const json = JSON.parse(JSON.stringify(m.serialize!(m.init()))) as unknown;
    expect(json).toBeNull();
    expect(m.deserialize!(json)).toBe(Number.POSITIVE_INFINITY);
  });

  it('combine runs each part and merges part-wise', () => {
    interface Obs {
      speedKmh: number;
      intensity: number;
    }
    const agg = combine({
      n: count<Obs>(),
      speedKmh: mean((o: Obs) => o.speedKmh),
      peak: max((o: Obs) => o.intensity),
    });
    const obs: Obs[] = [
      { speedKmh: 30, intensity: 5 },
      { speedKmh: 50, intensity: 9 },
      { speedKmh: 40, intensity: 2 },
    ];
    expect(run(agg, obs)).toEqual({ n: 3, speedKmh: 40, peak: 9 });
    expect(split(agg, obs.slice(0, 1), obs.slice(1))).toEqual({ n: 3, speedKmh: 40, peak: 9 });
    const acc = obs.reduce((a, o) => agg.add(a, o), agg.init());
    const back = agg.deserialize!(JSON.parse(JSON.stringify(agg.serialize!(acc))));
    expect(agg.result(back)).toEqual({ n: 3, speedKmh: 40, peak: 9 });
  });
});

describe('mapEvents', () => {
  it('maps each event before the wrapped aggregator and keeps its snapshot hooks', () => {
    const agg = mapEvents(
      min((x: number) => x),
      (e: { v: number }) => e.v,
    );
    expect(run(agg, [{ v: 3 }, { v: -2 }])).toBe(-2);
    expect(agg.serialize!(agg.init())).toBeNull();
  });
});
