import { describe, expect, it } from 'vitest';
import { hashString, Random } from './random';

const draw = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.float());

describe('Random', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draw(Random.stream(42, 3), 50)).toEqual(draw(Random.stream(42, 3), 50));
    expect(draw(Random.fromKey('G017'), 10)).toEqual(draw(Random.fromKey('G017'), 10));
  });

  it('gives different sequences for nearby seeds, other streams and other keys', () => {
    const base = draw(Random.stream(1, 0), 20);
    expect(draw(Random.stream(2, 0), 20)).not.toEqual(base);
    expect(draw(Random.stream(1, 1), 20)).not.toEqual(base);
    expect(draw(Random.fromKey('G018'), 20)).not.toEqual(draw(Random.fromKey('G017'), 20));
  });

  it('mixes nearby seeds from the first draw on', () => {
    const firsts = Array.from({ length: 100 }, (_, seed) => Random.stream(seed, 0).float());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    expect(new Set(firsts).size).toBe(100);
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
  });

  it('keeps draws in their ranges', () => {
    const rng = Random.stream(7, 0);
    for (let i = 0; i < 5000; i++) {
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const b = rng.between(10, 20);
      expect(b >= 10 && b < 20).toBe(true);
      const n = rng.int(1, 3);
      expect([1, 2, 3]).toContain(n);
      expect(Math.abs(rng.normal())).toBeLessThanOrEqual(3);
    }
  });

  it('draws a roughly standard normal', () => {
    const rng = Random.stream(9, 0);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('never picks a zero-weight choice and follows the weights', () => {
    const rng = Random.stream(5, 0);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      counts[
        rng.weighted([
          ['a', 1],
          ['b', 0],
          ['c', 3],
        ] as const)
      ] += 1;
    }
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.6);
    expect(counts.c / counts.a).toBeLessThan(3.4);
    expect(() => rng.weighted([['a', 0]])).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('samples distinct elements, capped at the list length', () => {
    const rng = Random.stream(5, 1);
    const picked = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(picked).size).toBe(4);
    expect(rng.sample([1, 2], 5).sort()).toEqual([1, 2]);
  });

  it('hashes strings with FNV-1a', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
