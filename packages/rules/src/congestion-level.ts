import type { RoadClass } from '@citybrain/domain';
import { InvalidSpeedError } from './errors';

/**
 * The five traffic levels of China's urban traffic operation standard, from free flow (畅通) to
 * severe congestion (严重拥堵).
 */
export type CongestionLevel = 'free' | 'mostlyFree' | 'light' | 'moderate' | 'severe';

/** All levels, from the fastest to the slowest; the index is the level's rank. */
export const CONGESTION_LEVELS: readonly CongestionLevel[] = [
  'free',
  'mostlyFree',
  'light',
  'moderate',
  'severe',
];

/** The levels that have an upper speed bound: every level but `free`. */
export type BoundedCongestionLevel = Exclude<CongestionLevel, 'free'>;

/**
 * Inclusive upper speed bound, km/h, of each bounded level for one road class: a speed `v` is at
 * level L when `v ≤ bound(L)` and `v > bound(next slower level)`. Bounds strictly decrease from
 * `mostlyFree` to `severe`; anything above `mostlyFree` is `free`.
 */
export type SpeedBandKmh = Readonly<Record<BoundedCongestionLevel, number>>;

/** Speed bands per road class, km/h. */
export type SpeedBandsKmh = Readonly<Record<RoadClass, SpeedBandKmh>>;

/**
 * The standard's bands (see docs/domain.md). A value on a band's lower edge belongs to the slower
 * band, e.g. arterial 30 km/h is `light`, 40 km/h is `mostlyFree`, 15 km/h is `severe` ("≤ 15").
 *
 * | road class | free | mostlyFree | light | moderate | severe |
 * |---|---|---|---|---|---|
 * | expressway | > 65 | 50–65 | 35–50 | 20–35 | ≤ 20 |
 * | arterial   | > 40 | 30–40 | 20–30 | 15–20 | ≤ 15 |
 * | secondary  | > 35 | 25–35 | 15–25 | 10–15 | ≤ 10 |
 */
export const DEFAULT_SPEED_BANDS_KMH: SpeedBandsKmh = Object.freeze({
  expressway: Object.freeze({ mostlyFree: 65, light: 50, moderate: 35, severe: 20 }),
  arterial: Object.freeze({ mostlyFree: 40, light: 30, moderate: 20, severe: 15 }),
  secondary: Object.freeze({ mostlyFree: 35, light: 25, moderate: 15, severe: 10 }),
});

/**
 * The traffic level of a road segment of class `roadClass` whose average speed is `speedKmh`.
 *
 * @param bands speed bands, km/h; defaults to {@link DEFAULT_SPEED_BANDS_KMH}
 * @throws InvalidSpeedError when `speedKmh` is negative, NaN or infinite
 */
export function congestionLevel(
  roadClass: RoadClass,
  speedKmh: number,
  bands: SpeedBandsKmh = DEFAULT_SPEED_BANDS_KMH,
): CongestionLevel {
  if (!Number.isFinite(speedKmh) || speedKmh < 0) throw new InvalidSpeedError(speedKmh);
  const band = bands[roadClass];
  if (speedKmh <= band.severe) return 'severe';
  if (speedKmh <= band.moderate) return 'moderate';
  if (speedKmh <= band.light) return 'light';
  if (speedKmh <= band.mostlyFree) return 'mostlyFree';
  return 'free';
}

/** Rank of a level: 0 for `free` up to 4 for `severe`. */
export function congestionLevelRank(level: CongestionLevel): number {
  return CONGESTION_LEVELS.indexOf(level);
}
