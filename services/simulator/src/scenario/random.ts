import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_MINUS_32 = 2 ** -32;

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a hash of a string, 32 bits. */
export function hashString(text: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x0100_0193);
  }
  return h >>> 0;
}

/**
 * xoroshiro128+ seeded through a mixer: pure-rand's own `xoroshiro128plus(seed)` puts the seed in the
 * state as is, so nearby seeds start with nearby outputs.
 */
function seededGenerator(seed: number): JumpableRandomGenerator {
  const state = [0x9e37_79b9, 0x7f4a_7c15, 0x6a09_e667, 0xbb67_ae85].map((salt, i) =>
    mix32((seed >>> 0) ^ mix32(salt + i)),
  );
  return xoroshiro128plusFromState(state);
}

/**
 * A seeded pseudo-random source, the only randomness of the simulator (never `Math.random`).
 *
 * Built on pure-rand's xoroshiro128+ — the generator fast-check relies on, fast (32-bit integer ops
 * only) and jumpable: `Random.stream(seed, k)` jumps 2^64 steps per stream index, so the families of a
 * scenario draw from non-overlapping streams, and drawing one more number for traffic never shifts
 * the permits or the plan.
 */
export class Random {
  private constructor(private readonly rng: JumpableRandomGenerator) {}

  /** Stream number `index` (0, 1, 2, ...) of `seed`; different indexes never overlap. */
  static stream(seed: number, index: number): Random {
    const rng = seededGenerator(seed);
    for (let i = 0; i < index; i++) rng.jump();
    return new Random(rng);
  }

  /** A source determined by a string alone, e.g. a grid id, so that a grid's roads are the same in every scenario. */
  static fromKey(key: string): Random {
    return new Random(seededGenerator(hashString(key)));
  }

  /** Uniform in `[0, 1)`, 32 bits of randomness. */
  float(): number {
    return (this.rng.next() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform in `[min, max)`. */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in `[min, max]`, both inclusive, unbiased. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element, uniformly. @throws RangeError on an empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One value, with probability proportional to its weight. @throws RangeError if no weight is positive. */
  weighted<T>(choices: readonly (readonly [value: T, weight: number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    if (!(total > 0)) throw new RangeError('weighted choice needs a positive total weight');
    let r = this.float() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    // Rounding can leave r at 0 after the last positive weight.
    return (choices.findLast(([, weight]) => weight > 0) as readonly [T, number])[0];
  }

  /**
   * Approximately standard normal (mean 0, standard deviation 1) and bounded to ±3: the sum of three
   * uniforms (Irwin–Hall), cheaper than Box–Muller and free of the rare huge outlier a sensor model
   * does not want.
   */
  normal(): number {
    return (this.float() + this.float() + this.float() - 1.5) * 2;
  }

  /** Exponentially distributed with the given mean (inter-arrival times of a Poisson process). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** `k` distinct elements, in random order (partial Fisher–Yates). `k` is capped at the list length. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = items.slice();
    const n = Math.min(k, pool.length);
    for (let i = 0; i < n; i++) {
      const j = this.int(i, pool.length - 1);
      const tmp = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = tmp;
    }
    return pool.slice(0, n);
  }
}
