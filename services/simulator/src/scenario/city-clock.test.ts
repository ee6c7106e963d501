import { describe, expect, it } from 'vitest';
import {
  ceilToMinute,
  cityHourOfDay,
  cityMidnightMs,
  cityTimeOfDayMs,
  HOUR_MS,
  rushHourPhase,
  rushIntervals,
} from './city-clock';
import { cityTime } from './test-fixtures';

describe('city clock (UTC+8)', () => {
  it('reads the local time of day', () => {
    // 2020-09-25T23:30Z is 07:30 on the 26th in Longgang.
    const t = Date.UTC(2020, 8, 25, 23, 30);
    expect(cityTimeOfDayMs(t)).toBe(7.5 * HOUR_MS);
    expect(cityHourOfDay(t)).toBe(7);
    expect(cityMidnightMs(t)).toBe(Date.UTC(2020, 8, 25, 16, 0));
  });

  it('places moments in the rush hours', () => {
    expect(rushHourPhase(cityTime(7, 29))).toBe(-1);
    expect(rushHourPhase(cityTime(7, 30))).toBe(0);
    expect(rushHourPhase(cityTime(8, 15))).toBeCloseTo(0.5);
    expect(rushHourPhase(cityTime(9, 0))).toBe(-1);
    expect(rushHourPhase(cityTime(18, 0))).toBeCloseTo(0.5);
    expect(rushHourPhase(cityTime(12, 0))).toBe(-1);
  });

  it('lists the rush hours overlapping a period, clipped, across days', () => {
    expect(rushIntervals(cityTime(8), cityTime(18))).toEqual([
      { fromMs: cityTime(8), toMs: cityTime(9) },
      { fromMs: cityTime(17), toMs: cityTime(18) },
    ]);
    const nextDay = 24 * HOUR_MS;
    expect(rushIntervals(cityTime(20), cityTime(8) + nextDay)).toEqual([
      { fromMs: cityTime(7, 30) + nextDay, toMs: cityTime(8) + nextDay },
    ]);
    expect(rushIntervals(cityTime(10), cityTime(16))).toEqual([]);
  });

  it('rounds up to whole minutes', () => {
    expect(ceilToMinute(cityTime(7))).toBe(cityTime(7));
    expect(ceilToMinute(cityTime(7) + 1)).toBe(cityTime(7, 1));
  });
});
