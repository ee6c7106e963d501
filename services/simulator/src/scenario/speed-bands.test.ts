import { ROAD_CLASSES } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { congestionLevelOf, injectedSpeedRangeKmh } from './speed-bands';

describe('speed bands', () => {
  it('follows the table, a lower edge belonging to the slower band', () => {
    expect(congestionLevelOf('arterial', 40.1)).toBe('free');
    expect(congestionLevelOf('arterial', 40)).toBe('mostlyFree');
    expect(congestionLevelOf('arterial', 30)).toBe('light');
    expect(congestionLevelOf('arterial', 20)).toBe('moderate');
    expect(congestionLevelOf('arterial', 15)).toBe('severe');
    expect(congestionLevelOf('expressway', 35)).toBe('moderate');
    expect(congestionLevelOf('expressway', 20)).toBe('severe');
    expect(congestionLevelOf('secondary', 10.1)).toBe('moderate');
    expect(congestionLevelOf('secondary', 25.5)).toBe('mostlyFree');
  });

  it('injects speeds strictly inside the band, rounding included', () => {
    for (const roadClass of ROAD_CLASSES) {
      for (const level of ['moderate', 'severe'] as const) {
        const { minKmh, maxKmh } = injectedSpeedRangeKmh(roadClass, level);
        expect(minKmh).toBeLessThan(maxKmh);
        for (const v of [minKmh, maxKmh, minKmh - 0.04, maxKmh + 0.04]) {
          expect(congestionLevelOf(roadClass, Math.round(v * 10) / 10)).toBe(level);
        }
        expect(minKmh).toBeGreaterThan(0);
      }
    }
  });
});
