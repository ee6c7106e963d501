import type { RoadClass } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import type { CongestionLevel } from './congestion-level';
import { congestionLevel, congestionLevelRank } from './congestion-level';
import { InvalidSpeedError } from './errors';

// A value equal to a band's lower edge belongs to the slower band; "≤" edges are inclusive.
const EDGES: [RoadClass, number, CongestionLevel][] = [
  ['expressway', 65.01, 'free'],
  ['expressway', 65, 'mostlyFree'],
  ['expressway', 50.01, 'mostlyFree'],
  ['expressway', 50, 'light'],
  ['expressway', 35, 'moderate'],
  ['expressway', 20.01, 'moderate'],
  ['expressway', 20, 'severe'],
  ['arterial', 40.01, 'free'],
  ['arterial', 40, 'mostlyFree'],
  ['arterial', 30, 'light'],
  ['arterial', 20.01, 'light'],
  ['arterial', 20, 'moderate'],
  ['arterial', 15.01, 'moderate'],
  ['arterial', 15, 'severe'],
  ['arterial', 0, 'severe'],
  ['secondary', 35.01, 'free'],
  ['secondary', 35, 'mostlyFree'],
  ['secondary', 25, 'light'],
  ['secondary', 15, 'moderate'],
  ['secondary', 10.01, 'moderate'],
  ['secondary', 10, 'severe'],
];

describe('congestionLevel', () => {
  it.each(EDGES)('%s at %d km/h is %s', (roadClass, speed, level) => {
    expect(congestionLevel(roadClass, speed)).toBe(level);
  });

  it('uses custom bands', () => {
    const bands = {
      expressway: { mostlyFree: 80, light: 60, moderate: 40, severe: 20 },
      arterial: { mostlyFree: 50, light: 40, moderate: 30, severe: 25 },
      secondary: { mostlyFree: 35, light: 25, moderate: 15, severe: 10 },
    };
    expect(congestionLevel('arterial', 25, bands)).toBe('severe');
    expect(congestionLevel('arterial', 25, undefined)).toBe('light');
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('rejects %d km/h', (speed) => {
    expect(() => congestionLevel('arterial', speed)).toThrow(InvalidSpeedError);
  });

  it('ranks levels from free (0) to severe (4)', () => {
    expect(congestionLevelRank('free')).toBe(0);
    expect(congestionLevelRank('moderate')).toBe(3);
    expect(congestionLevelRank('severe')).toBe(4);
  });
});
