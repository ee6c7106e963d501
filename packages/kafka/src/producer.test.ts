import { describe, expect, it } from 'vitest';
import { splitBySize } from './producer';

describe('splitBySize', () => {
  it('keeps order and puts each group under the limit (a record larger than it goes alone)', () => {
    const rec = (n: number) => ({ topic: 't', key: 'k', value: Buffer.alloc(n) });
    const groups = splitBySize([rec(300), rec(300), rec(900), rec(10), rec(10)], 1000);
    expect(groups.map((g) => g.map((r) => r.value?.length))).toEqual([[300, 300], [900], [10, 10]]);
  });
});
