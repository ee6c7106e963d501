import { ROAD_CLASSES } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { speedFactor, occupancyOf, trafficDemand } from './traffic-model';
import { congestionLevelOf } from './speed-bands';
import { cityTime } from './test-fixtures';

describe('traffic model', () => {
  it('has more demand in rush hours than in daytime, and little at night', () => {
    expect(trafficDemand(cityTime(8, 15))).toBeGreaterThan(0.9);
    expect(trafficDemand(cityTime(18, 0))).toBeGreaterThan(0.9);
    expect(trafficDemand(cityTime(11, 0))).toBeLessThan(0.7);
    expect(trafficDemand(cityTime(3, 0))).toBeLessThan(0.1);
    expect(trafficDemand(cityTime(7, 45))).toBeGreaterThan(trafficDemand(cityTime(7, 15)));
  });

  it('slows traffic with demand but keeps the rush-hour peak at mostly free on the slowest roads', () => {
    expect(speedFactor(0.05)).toBeGreaterThan(0.99);
    expect(speedFactor(0.6)).toBeLessThan(0.9);
    const peak = speedFactor(trafficDemand(cityTime(8, 15)));
    expect(peak).toBeLessThan(0.75);
    // Slowest free-flow speeds of each class (road-network), at the peak.
    const slowest = { expressway: 72, arterial: 45, secondary: 38 };
    for (const roadClass of ROAD_CLASSES) {
      expect(congestionLevelOf(roadClass, slowest[roadClass] * peak)).toBe('mostlyFree');
      // Even with the noise bound (−15%) it stays light or better.
      expect(['light', 'mostlyFree']).toContain(
        congestionLevelOf(roadClass, slowest[roadClass] * peak * 0.85),
      );
    }
  });

  it('derives occupancy from flow / speed', () => {
    expect(occupancyOf(1000, 50)).toBeCloseTo(0.14);
    expect(occupancyOf(1000, 10)).toBeGreaterThan(occupancyOf(1000, 50));
    expect(occupancyOf(1000, 1)).toBe(0.95);
    expect(occupancyOf(1000, 0)).toBe(0.95);
    expect(occupancyOf(0, 50)).toBe(0);
  });
});
