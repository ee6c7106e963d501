import { ROAD_CLASSES } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { RoadNetwork, roadSegmentsOf } from './road-network';
import { congestionLevelOf } from './speed-bands';
import { testGrids } from './test-fixtures';

describe('road network', () => {
  const grids = testGrids(103);

  it('gives every grid 1–3 segments named after it, the same every time', () => {
    for (const grid of grids) {
      const segments = roadSegmentsOf(grid.id);
      expect(segments.length).toBeGreaterThanOrEqual(1);
      expect(segments.length).toBeLessThanOrEqual(3);
      expect(segments.map((s) => s.id)).toEqual(segments.map((_, i) => `${grid.id}-S${i + 1}`));
      expect(roadSegmentsOf(grid.id)).toEqual(segments);
    }
  });

  it('mixes road classes and counts over the city', () => {
    const segments = grids.flatMap((g) => roadSegmentsOf(g.id));
    for (const roadClass of ROAD_CLASSES) expect(segments.some((s) => s.roadClass === roadClass)).toBe(true);
    const counts = new Set(grids.map((g) => roadSegmentsOf(g.id).length));
    expect([...counts].sort()).toEqual([1, 2, 3]);
    expect(segments.length / grids.length).toBeGreaterThan(1.7);
    expect(segments.length / grids.length).toBeLessThan(2.4);
  });

  it('sets free-flow speeds in the free band of the class', () => {
    for (const s of grids.flatMap((g) => roadSegmentsOf(g.id))) {
      expect(congestionLevelOf(s.roadClass, s.freeFlowKmh)).toBe('free');
      expect(s.lanes).toBeGreaterThanOrEqual(1);
      expect(s.phase >= 0 && s.phase < 1).toBe(true);
    }
  });

  it('refuses a grid it was not built with', () => {
    const network = new RoadNetwork(['G001']);
    expect(network.segmentsOf('G001')).toEqual(roadSegmentsOf('G001'));
    expect(() => network.segmentsOf('G999')).toThrow(RangeError);
  });
});
