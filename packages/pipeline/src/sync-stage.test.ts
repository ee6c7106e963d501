import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { syncStage } from './sync-stage';

describe('syncStage', () => {
  it('returns the output emitted for each input', () => {
    const stage = syncStage(map((n: number) => n * 2));
    expect(stage.push(2)).toBe(4);
    expect(stage.push(5)).toBe(10);
  });

  it('fails loudly when the operator does not emit', () => {
    const stage = syncStage(filter((n: number) => n > 3));
    expect(stage.push(4)).toBe(4);
    expect(() => stage.push(1)).toThrow(/did not emit/);
  });

  it('re-throws an operator error', () => {
    const stage = syncStage(
      map((n: number) => {
        if (n < 0) throw new RangeError('negative');
        return n;
      }),
    );
    expect(() => stage.push(-1)).toThrow(RangeError);
    expect(() => stage.push(1)).toThrow(RangeError);
  });
});
