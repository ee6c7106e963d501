import { describe, expect, it } from 'vitest';
import { assignIndexes } from './partition-index-assigner';

const range = (n: number) => [...Array(n).keys()];
const counts = (m: Map<string, number[]>) => [...m.values()].map((l) => l.length);

describe('assignIndexes', () => {
  it('gives every index to the only member', () => {
    expect(assignIndexes([{ memberId: 'a', owned: [] }], range(6))).toEqual(new Map([['a', range(6)]]));
  });

  it('balances fresh members within one index, every index exactly once', () => {
    const out = assignIndexes(
      ['c', 'a', 'b', 'd'].map((memberId) => ({ memberId, owned: [] })),
      range(6),
    );
    expect(counts(out).sort()).toEqual([1, 1, 2, 2]);
    expect([...out.values()].flat().sort((a, b) => a - b)).toEqual(range(6));
  });

  it('is sticky: a joining member takes indexes from the owner, the owner keeps the rest', () => {
    const out = assignIndexes(
      [
        { memberId: 'old', owned: range(6) },
        { memberId: 'new1', owned: [] },
        { memberId: 'new2', owned: [] },
      ],
      range(6),
    );
    expect(counts(out)).toEqual([2, 2, 2]);
    expect(out.get('old')).toEqual([0, 1]);
    expect([...out.values()].flat().sort((a, b) => a - b)).toEqual(range(6));
  });

  it('when a member leaves, only its indexes move', () => {
    const out = assignIndexes(
      [
        { memberId: 'a', owned: [0, 1] },
        { memberId: 'c', owned: [4, 5] },
      ],
      range(6),
    );
    expect(out.get('a')!.slice(0, 2)).toEqual([0, 1]);
    expect(out.get('c')).toEqual(expect.arrayContaining([4, 5]));
    expect(counts(out)).toEqual([3, 3]);
  });

  it('ignores claims on indexes that do not exist and double claims', () => {
    const out = assignIndexes(
      [
        { memberId: 'a', owned: [0, 1, 9] },
        { memberId: 'b', owned: [1, 2] },
      ],
      range(3),
    );
    expect(out.get('a')).toEqual([0, 1]);
    expect(out.get('b')).toEqual([2]);
  });

  it('leaves members without indexes when there are more members than indexes', () => {
    const out = assignIndexes(
      ['a', 'b', 'c'].map((memberId) => ({ memberId, owned: [] })),
      range(2),
    );
    expect(counts(out)).toEqual([1, 1, 0]);
  });
});
