import type { RoadClass } from '@citybrain/domain';

/** The five congestion levels of China's urban traffic operation standard, fastest first. */
export type CongestionLevel = 'free' | 'mostlyFree' | 'light' | 'moderate' | 'severe';

/** The levels the simulator injects on purpose. */
export type InjectedCongestionLevel = 'moderate' | 'severe';

/**
 * Upper speed bound of each slower level, km/h, inclusive (the domain doc's table): a speed equal to a
 * band's lower edge belongs to the slower band, e.g. 30 km/h on an arterial road is `light`.
 */
export const SPEED_BAND_UPPER_KMH: Readonly<
  Record<
    RoadClass,
    {
      readonly severe: number;
      readonly moderate: number;
      readonly light: number;
      readonly mostlyFree: number;
    }
  >
> = {
  expressway: { severe: 20, moderate: 35, light: 50, mostlyFree: 65 },
  arterial: { severe: 15, moderate: 20, light: 30, mostlyFree: 40 },
  secondary: { severe: 10, moderate: 15, light: 25, mostlyFree: 35 },
};

/** The congestion level of an average speed on a road class. */
export function congestionLevelOf(roadClass: RoadClass, speedKmh: number): CongestionLevel {
  const bands = SPEED_BAND_UPPER_KMH[roadClass];
  if (speedKmh <= bands.severe) return 'severe';
  if (speedKmh <= bands.moderate) return 'moderate';
  if (speedKmh <= bands.light) return 'light';
  if (speedKmh <= bands.mostlyFree) return 'mostlyFree';
  return 'free';
}

/**
 * The speeds the simulator draws from to inject a level, km/h: the band's interior with a 0.5 km/h
 * margin from each edge (and from 40% of the upper bound for `severe`, since traffic still crawls), so
 * that rounding to 0.1 km/h can never cross into a neighbouring band.
 */
export function injectedSpeedRangeKmh(
  roadClass: RoadClass,
  level: InjectedCongestionLevel,
): { readonly minKmh: number; readonly maxKmh: number } {
  const bands = SPEED_BAND_UPPER_KMH[roadClass];
  return level === 'moderate'
    ? { minKmh: bands.severe + 0.5, maxKmh: bands.moderate - 0.5 }
    : { minKmh: bands.severe * 0.4, maxKmh: bands.severe - 0.5 };
}
