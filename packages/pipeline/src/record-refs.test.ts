import type { RecordRef } from '@citybrain/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertRef, withRecordRefs } from './record-refs';

const ref = (eventId: string, eventTimeMs: number): RecordRef => ({ eventId, eventTimeMs });
const count = {
  init: () => 0,
  add: (a: number) => a + 1,
  merge: (a: number, b: number) => a + b,
  result: (a: number) => a,
};
type Ev = { id: string; t: number; beat?: true };
const agg = (max: number) =>
  withRecordRefs<Ev, number>(count, { timeOf: (e) => (e.beat ? undefined : e.t), idOf: (e) => e.id }, max);

describe('withRecordRefs', () => {
  it('keeps the earliest records by event time then id, at most the bound, and counts them all', () => {
    const a = agg(3);
    let acc = a.init();
    for (const e of [
      { id: 'e5', t: 50 },
      { id: 'e1', t: 10 },
      { id: 'e9', t: 90 },
      { id: 'e2b', t: 20 },
      { id: 'e2a', t: 20 },
      { id: 'hb', t: 1, beat: true as const },
    ])
      acc = a.add(acc, e);
    expect(a.result(acc)).toEqual({ value: 6, records: [ref('e1', 10), ref('e2a', 20), ref('e2b', 20)] });
  });

  it('lists the same records whatever the arrival order and however windows merged', () => {
    const events = fc.uniqueArray(
      fc.record({ id: fc.stringMatching(/^[a-z]{1,3}$/), t: fc.integer({ min: 0, max: 50 }) }),
      { selector: (e) => e.id, maxLength: 40 },
    );
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 40 }), (evs, cut) => {
        const a = agg(5);
        const oneByOne = a.result(evs.reduce((acc, e) => a.add(acc, e), a.init()));
        const reversed = a.result([...evs].reverse().reduce((acc, e) => a.add(acc, e), a.init()));
        const left = evs.slice(0, cut).reduce((acc, e) => a.add(acc, e), a.init());
        const right = evs.slice(cut).reduce((acc, e) => a.add(acc, e), a.init());
        const merged = a.result(a.merge(left, right));
        const expected = [...evs]
          .sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
          .slice(0, 5)
          .map((e) => ref(e.id, e.t));
        expect(oneByOne.records).toEqual(expected);
        expect(reversed.records).toEqual(expected);
        expect(merged.records).toEqual(expected);
        expect(merged.value).toBe(evs.length);
      }),
    );
  });

  it('survives a snapshot as JSON, and restores a snapshot taken before refs were kept', () => {
    const a = agg(20);
    const acc = a.add(a.add(a.init(), { id: 'x', t: 2 }), { id: 'y', t: 1 });
    const json: unknown = JSON.parse(JSON.stringify(a.serialize!(acc)));
    expect(json).toEqual({
      m: 2,
      r: [
        ['y', 1],
        ['x', 2],
      ],
    });
    expect(a.result(a.deserialize!(json))).toEqual({ value: 2, records: [ref('y', 1), ref('x', 2)] });
    expect(a.result(a.deserialize!(7))).toEqual({ value: 7, records: [] });
  });

  it('a full list in event-time order is left alone, and a record is never listed twice', () => {
    const full = [ref('a', 1), ref('b', 2)];
    expect(insertRef(full, 3, 'c', 2)).toBe(false);
    expect(insertRef(full, 1, 'a', 3)).toBe(false); // the same record twice
    expect(full).toEqual([ref('a', 1), ref('b', 2)]);
    expect(insertRef(full, 0, 'z', 2)).toBe(true);
    expect(full).toEqual([ref('z', 0), ref('a', 1)]);
  });

  it('an early result keeps its records when the window goes on growing', () => {
    const a = agg(5);
    const acc = a.add(a.init(), { id: 'x', t: 2 });
    const early = a.result(acc);
    a.add(acc, { id: 'w', t: 1 });
    expect(early.records).toEqual([ref('x', 2)]);
    expect(a.result(acc).records).toEqual([ref('w', 1), ref('x', 2)]);
  });
});
