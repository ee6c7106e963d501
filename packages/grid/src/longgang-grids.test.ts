// Tests of the default registry shipped for Longgang. Reading the file is the test's own I/O edge.
import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { renderLonggangGrids } from '../scripts/generate-longgang';
import { ringContains, signedArea } from './geometry';
import { GridRegistry } from './grid-registry';
import type { Grid } from './model';

const text = readFileSync(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url), 'utf8');
const registry = GridRegistry.parse(text);

/** The grids whose polygon holds the point, by brute force over every grid. */
function holders(lat: number, lon: number): string[] {
  return registry.grids.filter((g) => ringContains(g.boundary, lon, lat)).map((g) => g.id);
}

describe('the shipped Longgang registry', () => {
  it('is what the generator writes (it is never edited by hand)', async () => {
    expect(text).toBe(await renderLonggangGrids());
  });

  it('has the counts from the article: 9 areas, 32 large grids, 103 grids, 102 communities', () => {
    expect(registry.city).toEqual({ id: 'longgang', nameZh: '龙港市', nameEn: 'Longgang' });
    expect(registry.areas).toHaveLength(9);
    expect(registry.largeGrids).toHaveLength(32);
    expect(registry.grids).toHaveLength(103);
    expect(registry.communities).toHaveLength(102);
  });

  it('uses readable ids and names the areas of the article', () => {
    expect(registry.areas.map((a) => a.id)).toEqual([
      'A01',
      'A02',
      'A03',
      'A04',
      'A05',
      'A06',
      'A07',
      'A08',
      'A09',
    ]);
    expect(registry.grids.every((g) => /^G\d{3}$/.test(g.id))).toBe(true);
    expect(registry.largeGrids.every((l) => /^L\d{2}$/.test(l.id))).toBe(true);
    expect(registry.communities.every((c) => /^C\d{3}$/.test(c.id))).toBe(true);
    expect(registry.areas.map((a) => a.nameZh)).toEqual(expect.arrayContaining(['沿江片区', '华中片区']));
    expect(new Set(registry.communities.map((c) => c.nameEn)).size).toBe(102);
  });

  it('leaves no area or large grid empty, and serves every community; 华中 by two grids', () => {
    for (const area of registry.areas)
      expect(registry.largeGrids.some((l) => l.areaId === area.id)).toBe(true);
    for (const large of registry.largeGrids)
      expect(registry.grids.some((g) => g.largeGridId === large.id)).toBe(true);
    const servedBy = new Map<string, string[]>();
    for (const g of registry.grids)
      servedBy.set(g.communityId, [...(servedBy.get(g.communityId) ?? []), g.id]);
    expect(servedBy.size).toBe(102);
    expect([...servedBy].filter(([, grids]) => grids.length > 1)).toEqual([['C001', ['G001', 'G002']]]);
    expect(registry.community('C001')?.nameZh).toBe('华中社区');
  });

  it('lies around 27.5°N 120.55°E and covers about the city’s 183.9 km²', () => {
    const vertices = registry.grids.flatMap((g) => g.boundary);
    for (const [lon, lat] of vertices) {
      expect(lon).toBeGreaterThan(120.46);
      expect(lon).toBeLessThan(120.64);
      expect(lat).toBeGreaterThan(27.43);
      expect(lat).toBeLessThan(27.57);
    }
    const km2 =
      registry.grids.reduce((sum, g) => sum + Math.abs(signedArea(g.boundary)), 0) * 110.811 * 98.812;
    expect(km2).toBeGreaterThan(175);
    expect(km2).toBeLessThan(190);
  });

  it("locates every grid's centroid to that grid", () => {
    for (const grid of registry.grids) {
      expect(registry.locate(grid.centroid.lat, grid.centroid.lon)?.id, grid.id).toBe(grid.id);
    }
  });

  it('agrees with a brute-force search at random points, and no point is in two grids (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 27.43, max: 27.57, noNaN: true }),
        fc.double({ min: 120.46, max: 120.64, noNaN: true }),
        (lat, lon) => {
          const found = holders(lat, lon);
          expect(found.length).toBeLessThanOrEqual(1);
          expect(registry.locate(lat, lon)?.id).toBe(found[0]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives every point of a shared edge to exactly one grid, one of the two (property)', () => {
    const shared: { a: readonly [number, number]; b: readonly [number, number]; grids: string[] }[] = [];
    const byKey = new Map<
      string,
      { a: readonly [number, number]; b: readonly [number, number]; grids: string[] }
    >();
    for (const grid of registry.grids) {
      grid.boundary.forEach((a, i) => {
        const b = grid.boundary[(i + 1) % grid.boundary.length]!;
        const key = [a, b]
          .map((p) => p.join())
          .sort()
          .join('|');
        const edge = byKey.get(key) ?? { a, b, grids: [] };
        edge.grids.push(grid.id);
        byKey.set(key, edge);
      });
    }
    for (const edge of byKey.values()) if (edge.grids.length === 2) shared.push(edge);
    expect(shared.length).toBeGreaterThan(300);
    fc.assert(
      fc.property(
        fc.constantFrom(...shared),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ a, b, grids }, t) => {
          const lon = a[0] + t * (b[0] - a[0]);
          const lat = a[1] + t * (b[1] - a[1]);
          const found = holders(lat, lon);
          const atEnd = [a, b].some(([x, y]) => x === lon && y === lat);
          if (atEnd) {
            // A vertex may be shared by more grids than the edge's two, or lie on the outer border.
            expect(found.length).toBeLessThanOrEqual(1);
          } else {
            expect(found).toHaveLength(1);
            expect(grids).toContain(found[0]);
          }
          expect(registry.locate(lat, lon)?.id).toBe(found[0]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives every vertex shared by four grids to exactly one of them', () => {
    const sharers = new Map<string, Set<string>>();
    for (const grid of registry.grids) {
      for (const p of grid.boundary) sharers.set(p.join(), (sharers.get(p.join()) ?? new Set()).add(grid.id));
    }
    // Three grids also meet on the outer border, at the estuary's inner corner, so take four.
    const inner = [...sharers].filter(([, grids]) => grids.size === 4);
    expect(inner.length).toBeGreaterThan(70);
    for (const [key, grids] of inner) {
      const [lon, lat] = key.split(',').map(Number) as [number, number];
      const found = holders(lat, lon);
      expect(found, key).toHaveLength(1);
      expect([...grids]).toContain(found[0]);
    }
  });

  it('locates random points inside a grid to that grid (property)', () => {
    // Each grid is star-shaped around its centroid: sample the triangles (centroid, v[i], v[i+1]).
    const inside = (grid: Grid, edge: number, s: number, t: number): [number, number] => {
      const [ax, ay] = grid.boundary[edge % grid.boundary.length]!;
      const [bx, by] = grid.boundary[(edge + 1) % grid.boundary.length]!;
      const w = 1 - s - t;
      return [w * grid.centroid.lat + s * ay + t * by, w * grid.centroid.lon + s * ax + t * bx];
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...registry.grids),
        fc.nat(7),
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        (grid, edge, u, v) => {
          fc.pre(u + v < 0.999);
          const [lat, lon] = inside(grid, edge, u, v);
          expect(registry.resolve({ kind: 'point', lat, lon })).toEqual({
            ok: true,
            gridId: grid.id,
            areaId: grid.areaId,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
