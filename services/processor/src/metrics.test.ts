import { describe, expect, it } from 'vitest';
import { boundedLabel } from './metrics';

describe('boundedLabel', () => {
  it('keeps the first distinct values and folds later new ones into "other"', () => {
    const label = boundedLabel(2);
    expect(['a', 'b', 'c', 'a', 'b', 'd', ''].map(label)).toEqual([
      'a',
      'b',
      'other',
      'a',
      'b',
      'other',
      'other',
    ]);
    expect(boundedLabel(5)('x'.repeat(100))).toHaveLength(64);
    expect(boundedLabel(5)('')).toBe('unknown');
  });
});
