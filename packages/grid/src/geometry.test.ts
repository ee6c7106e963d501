import { describe, expect, it } from 'vitest';

import {
  areaCentroid,
  findSelfIntersection,
  flatRingContains,
  flattenRing,
  interiorPoint,
  normalizeRing,
  ringContains,
  ringsOverlap,
  segmentsCross,
  segmentsTouch,
  signedArea,
  strictlyInside,
} from './geometry';
import type { LonLat } from './model';

const square = (x: number, y: number, size = 1): LonLat[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

describe('normalizeRing', () => {
  it('drops the closing vertex and consecutive duplicates', () => {
    expect(
      normalizeRing([
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });
});

describe('area and centroid', () => {
  it('is positive for counter-clockwise rings and finds the middle of a square', () => {
    expect(signedArea(square(0, 0, 2))).toBe(4);
    expect(signedArea([...square(0, 0, 2)].reverse())).toBe(-4);
    const c = areaCentroid(square(120, 27, 2));
    expect(c.lon).toBeCloseTo(121, 12);
    expect(c.lat).toBeCloseTo(28, 12);
  });
});

describe('point in polygon', () => {
  const u: LonLat[] = [
    [0, 0],
    [3, 0],
    [3, 3],
    [2, 3],
    [2, 1],
    [1, 1],
    [1, 3],
    [0, 3],
  ];

  it('tells inside from outside in a concave ring', () => {
    expect(ringContains(u, 0.5, 2)).toBe(true);
    expect(ringContains(u, 1.5, 0.5)).toBe(true);
    expect(ringContains(u, 1.5, 2)).toBe(false);
    expect(ringContains(u, 4, 1)).toBe(false);
  });

  it('gives a point on a shared slanted edge to exactly one of the two polygons', () => {
    // Two quads sharing the slanted edge (1, 0)–(1.3, 1), listed in opposite directions.
    const left: LonLat[] = [
      [0, 0],
      [1, 0],
      [1.3, 1],
      [0, 1],
    ];
    const right: LonLat[] = [
      [1, 0],
      [2, 0],
      [2, 1],
      [1.3, 1],
    ];
    for (let k = 0; k <= 100; k++) {
      const t = k / 100;
      const lon = 1 + 0.3 * t;
      const lat = t;
      const count = [left, right].filter((ring) => flatRingContains(flattenRing(ring), lon, lat)).length;
      expect(count, `t=${t}`).toBeLessThanOrEqual(1);
      if (t > 0 && t < 1) expect(count, `t=${t}`).toBe(1);
    }
  });

  it('gives a vertex shared by four squares to exactly one', () => {
    const squares = [square(0, 0), square(1, 0), square(0, 1), square(1, 1)];
    expect(squares.filter((s) => ringContains(s, 1, 1))).toEqual([square(1, 1)]);
  });

  it('excludes boundary points from strictlyInside', () => {
    expect(strictlyInside(square(0, 0), [0.5, 0.5])).toBe(true);
    expect(strictlyInside(square(0, 0), [0, 0.5])).toBe(false);
    expect(strictlyInside(square(0, 0), [1, 1])).toBe(false);
  });
});

describe('segments', () => {
  it('counts a proper crossing but not touching as crossing', () => {
    expect(segmentsCross([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsCross([0, 0], [1, 1], [1, 1], [2, 0])).toBe(false);
    expect(segmentsTouch([0, 0], [1, 1], [1, 1], [2, 0])).toBe(true);
    expect(segmentsTouch([0, 0], [1, 0], [0, 1], [1, 1])).toBe(false);
  });

  it('finds a bow tie but accepts a simple ring', () => {
    expect(
      findSelfIntersection([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
      ]),
    ).toBeDefined();
    expect(findSelfIntersection(square(0, 0))).toBeUndefined();
  });
});

describe('interiorPoint', () => {
  it('returns the centroid of a convex ring', () => {
    expect(interiorPoint(square(0, 0, 2))).toEqual({ lon: 1, lat: 1 });
  });

  it('finds a point inside a C shape whose centroid is outside', () => {
    const c: LonLat[] = [
      [0, 0],
      [10, 0],
      [10, 1],
      [1, 1],
      [1, 9],
      [10, 9],
      [10, 10],
      [0, 10],
    ];
    const centroid = areaCentroid(c);
    expect(ringContains(c, centroid.lon, centroid.lat)).toBe(false);
    const p = interiorPoint(c);
    expect(strictlyInside(c, [p.lon, p.lat])).toBe(true);
  });
});

describe('ringsOverlap', () => {
  it('does not flag neighbours of a tiling, nor a T-junction', () => {
    expect(ringsOverlap(square(0, 0), square(1, 0))).toBe(false);
    expect(ringsOverlap(square(0, 0), square(1, 1))).toBe(false);
    // The right-hand rectangle spans two left squares: vertex (1, 1) of the squares sits on its edge.
    const tall: LonLat[] = [
      [1, 0],
      [2, 0],
      [2, 2],
      [1, 2],
    ];
    expect(ringsOverlap(square(0, 1), tall)).toBe(false);
    expect(ringsOverlap(square(0, 0), tall)).toBe(false);
  });

  it('flags partial overlap, containment and identical rings', () => {
    expect(ringsOverlap(square(0, 0), square(0.5, 0.5))).toBe(true);
    expect(ringsOverlap(square(0, 0, 4), square(1, 1))).toBe(true);
    expect(ringsOverlap(square(1, 1), square(0, 0, 4))).toBe(true);
    expect(ringsOverlap(square(0, 0), square(0, 0))).toBe(true);
  });

  it('flags a triangle that cuts a square along its diagonal', () => {
    const triangle: LonLat[] = [
      [0, 0],
      [1, 0],
      [1, 1],
    ];
    expect(ringsOverlap(square(0, 0), triangle)).toBe(true);
  });
});
