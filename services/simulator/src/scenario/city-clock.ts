/** One second, ms. */
export const SECOND_MS = 1000;
/** One minute, ms. */
export const MINUTE_MS = 60 * SECOND_MS;
/** One hour, ms. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One day, ms. */
export const DAY_MS = 24 * HOUR_MS;
/** Longgang's offset from UTC: China Standard Time, UTC+8, no daylight saving. */
export const CITY_UTC_OFFSET_MS = 8 * HOUR_MS;

/** A half-open event-time interval `[fromMs, toMs)`, epoch ms. */
export interface Interval {
  readonly fromMs: number;
  readonly toMs: number;
}

/** The rush hours of the city, as ms since local midnight: 07:30–09:00 and 17:00–19:00. */
export const RUSH_HOURS_OF_DAY: readonly Interval[] = [
  { fromMs: 7.5 * HOUR_MS, toMs: 9 * HOUR_MS },
  { fromMs: 17 * HOUR_MS, toMs: 19 * HOUR_MS },
];

/** Milliseconds since the city's local midnight, `[0, DAY_MS)`. */
export function cityTimeOfDayMs(epochMs: number): number {
  const local = (epochMs + CITY_UTC_OFFSET_MS) % DAY_MS;
  return local < 0 ? local + DAY_MS : local;
}

/** The city's local hour of day, 0..23. */
export function cityHourOfDay(epochMs: number): number {
  return Math.floor(cityTimeOfDayMs(epochMs) / HOUR_MS);
}

/** Epoch ms of the city's local midnight at or before `epochMs`. */
export function cityMidnightMs(epochMs: number): number {
  return epochMs - cityTimeOfDayMs(epochMs);
}

/**
 * Where `epochMs` falls inside a rush hour: 0 at its start, 1 at its end; `-1` outside rush hours.
 */
export function rushHourPhase(epochMs: number): number {
  const t = cityTimeOfDayMs(epochMs);
  for (const rush of RUSH_HOURS_OF_DAY) {
    if (t >= rush.fromMs && t < rush.toMs) return (t - rush.fromMs) / (rush.toMs - rush.fromMs);
  }
  return -1;
}

/** The rush hours that overlap `[startMs, endMs)`, clipped to it, in time order. */
export function rushIntervals(startMs: number, endMs: number): Interval[] {
  const out: Interval[] = [];
  for (let midnight = cityMidnightMs(startMs); midnight < endMs; midnight += DAY_MS) {
    for (const rush of RUSH_HOURS_OF_DAY) {
      const fromMs = Math.max(startMs, midnight + rush.fromMs);
      const toMs = Math.min(endMs, midnight + rush.toMs);
      if (fromMs < toMs) out.push({ fromMs, toMs });
    }
  }
  return out;
}

/** Rounds `epochMs` up to the next whole minute (unchanged when already whole). */
export function ceilToMinute(epochMs: number): number {
  return Math.ceil(epochMs / MINUTE_MS) * MINUTE_MS;
}
