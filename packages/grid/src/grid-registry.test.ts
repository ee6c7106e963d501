import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { GridRegistryError, type GridRegistryIssue } from './errors';
import { GridRegistry } from './grid-registry';

// A 2 × 2 tiling of 0.01° cells whose shared centre vertex is off-centre, so that the
// inner edges are slanted.
const X = 120.5;
const Y = 27.5;
const S = 0.01;
const CX = 120.5107;
const CY = 27.5093;
const RINGS: Record<string, [number, number][]> = {
  G1: [[X, Y], [X + S, Y], [CX, CY], [X, Y + S]],
  G2: [[X + S, Y], [X + 2 * S, Y], [X + 2 * S, Y + S], [CX, CY]],
  G3: [[CX, CY], [X + 2 * S, Y + S], [X + 2 * S, Y + 2 * S], [X + S, Y + 2 * S]],
  G4: [[X, Y + S], [CX, CY], [X + S, Y + 2 * S], [X, Y + 2 * S]],
}; // prettier-ignore

type Data = {
  version: number;
  city: Record<string, string>;
  areas: Record<string, unknown>[];
  largeGrids: Record<string, unknown>[];
  communities: Record<string, unknown>[];
  grids: Record<string, unknown>[];
};

function fixture(): Data {
  const named = (id: string, parent: string) => ({ id, nameZh: `${id}区`, nameEn: `${id} zone`, parent });
  return structuredClone({
    version: 1,
    city: { id: 'testcity', nameZh: '测试市', nameEn: 'Test City' },
    areas: [named('A1', 'testcity'), named('A2', 'testcity')],
    largeGrids: [named('L1', 'A1'), named('L2', 'A2')],
    communities: [named('C1', 'testcity'), named('C2', 'testcity'), named('C3', 'testcity')],
    grids: [
      { ...named('G1', 'L1'), community: 'C1', boundary: RINGS['G1'] },
      { ...named('G2', 'L1'), community: 'C1', boundary: RINGS['G2'] },
      { ...named('G3', 'L2'), community: 'C2', boundary: RINGS['G3'] },
      { ...named('G4', 'L2'), community: 'C3', boundary: RINGS['G4'] },
    ],
  });
}

function issuesOf(data: unknown): readonly GridRegistryIssue[] {
  try {
    GridRegistry.fromObject(data);
  } catch (err: unknown) {
    if (err instanceof GridRegistryError) return err.issues;
    throw err;
  }
  throw new Error('expected a GridRegistryError');
}

describe('GridRegistry loading', () => {
  it('builds the hierarchy from a valid object and from its YAML text', () => {
    for (const registry of [GridRegistry.fromObject(fixture()), GridRegistry.parse(stringify(fixture()))]) {
      expect(registry.city).toEqual({ id: 'testcity', nameZh: '测试市', nameEn: 'Test City' });
      expect(registry.areas.map((a) => a.id)).toEqual(['A1', 'A2']);
      expect(registry.largeGrid('L2')).toEqual({ id: 'L2', nameZh: 'L2区', nameEn: 'L2 zone', areaId: 'A2' });
      expect(registry.community('C3')?.nameEn).toBe('C3 zone');
      const g3 = registry.grid('G3');
      expect(g3).toMatchObject({ largeGridId: 'L2', areaId: 'A2', communityId: 'C2' });
      expect(g3?.boundary).toHaveLength(4);
      expect(registry.area('A1')?.nameZh).toBe('A1区');
      expect(registry.grid('nope')).toBeUndefined();
    }
  });

  it('accepts a closed ring and drops its closing vertex', () => {
    const data = fixture();
    data.grids[0]!['boundary'] = [...RINGS['G1']!, RINGS['G1']![0]];
    expect(GridRegistry.fromObject(data).grid('G1')?.boundary).toEqual(RINGS['G1']);
  });

  it('returns frozen data', () => {
    const registry = GridRegistry.fromObject(fixture());
    expect(Object.isFrozen(registry)).toBe(true);
    expect(Object.isFrozen(registry.grids)).toBe(true);
    expect(Object.isFrozen(registry.grid('G1'))).toBe(true);
    expect(Object.isFrozen(registry.grid('G1')?.boundary[0])).toBe(true);
  });

  it('reports a duplicate id on the later entry, across collections too', () => {
    const data = fixture();
    data.grids[3]!['id'] = 'G1';
    data.communities[2]!['id'] = 'A1';
    data.grids[3]!['community'] = 'C2';
    expect(issuesOf(data)).toEqual([
      { path: 'communities[2]', id: 'A1', reason: 'duplicate id A1 (already used by areas[0])' },
      { path: 'grids[3]', id: 'G1', reason: 'duplicate id G1 (already used by grids[0])' },
    ]);
  });

  it('reports parents that do not exist or are of the wrong kind', () => {
    const data = fixture();
    data.grids[2]!['parent'] = 'L99';
    data.grids[3]!['parent'] = 'A1';
    data.grids[1]!['community'] = 'G4';
    data.largeGrids[0]!['parent'] = 'C1';
    data.areas[1]!['parent'] = 'elsewhere';
    data.communities[0]!['parent'] = 'A1';
    expect(issuesOf(data).map((i) => `${i.path} (${i.id}): ${i.reason}`)).toEqual([
      'areas[1] (A2): parent elsewhere is not the city (testcity) (no such id)',
      'communities[0] (C1): parent A1 is not the city (testcity) (it is an area)',
      'largeGrids[0] (L1): parent C1 is not an area (it is a community)',
      'grids[1] (G2): community G4 is not a community (it is a grid)',
      'grids[2] (G3): parent L99 is not a large grid (no such id)',
      'grids[3] (G4): parent A1 is not a large grid (it is an area)',
    ]);
  });

  it('reports a grid without a boundary, or with an empty one', () => {
    const data = fixture();
    delete data.grids[0]!['boundary'];
    data.grids[1]!['boundary'] = [];
    expect(issuesOf(data)).toEqual([
      { path: 'grids[0]', id: 'G1', reason: 'has no boundary' },
      { path: 'grids[1]', id: 'G2', reason: 'has no boundary (empty list)' },
    ]);
  });

  it('reports degenerate polygons: too few vertices, no area, self-intersecting', () => {
    const data = fixture();
    data.grids[0]!['boundary'] = [
      [X, Y],
      [X + S, Y],
      [X, Y],
    ];
    data.grids[1]!['boundary'] = [
      [X, Y],
      [X + S, Y],
      [X + 2 * S, Y],
    ];
    data.grids[2]!['boundary'] = [
      [X, Y],
      [X + S, Y + S],
      [X + S, Y],
      [X, Y + S],
    ];
    expect(issuesOf(data)).toEqual([
      {
        path: 'grids[0]',
        id: 'G1',
        reason: 'boundary is degenerate: needs at least 3 distinct vertices, has 2',
      },
      { path: 'grids[1]', id: 'G2', reason: 'boundary is degenerate: it encloses no area' },
      {
        path: 'grids[2]',
        id: 'G3',
        reason: 'boundary is degenerate: the edges from vertex 0 and vertex 2 intersect',
      },
    ]);
  });

  it('reports overlapping grids once, on the later one', () => {
    const data = fixture();
    // G4 shifted half a cell east now overlaps G2 and G3; G5 is a copy of G2.
    data.grids[3]!['boundary'] = RINGS['G4']!.map(([lon, lat]) => [lon + S / 2, lat]);
    const extra = {
      id: 'G5',
      nameZh: '五',
      nameEn: 'five',
      parent: 'L2',
      community: 'C3',
      boundary: RINGS['G2'],
    };
    data.grids.push(extra);
    expect(issuesOf(data)).toEqual([
      { path: 'grids[3]', id: 'G4', reason: 'boundary overlaps grids[1] (G2)' },
      { path: 'grids[3]', id: 'G4', reason: 'boundary overlaps grids[2] (G3)' },
      { path: 'grids[4]', id: 'G5', reason: 'boundary overlaps grids[1] (G2)' },
      { path: 'grids[4]', id: 'G5', reason: 'boundary overlaps grids[3] (G4)' },
    ]);
  });

  it('reports malformed entries with the field at fault, all of them at once', () => {
    const data = fixture();
    delete data.areas[0]!['nameEn'];
    data.largeGrids[1]!['colour'] = 'red';
    data.communities[1] = 'C2' as unknown as Record<string, unknown>;
    data.grids[0]!['boundary'] = [
      [X, Y],
      [181, Y],
      [X, 'north'],
    ];
    data.grids[1]!['id'] = 'G 2';
    data.grids[2]!['nameZh'] = '  ';
    const lines = issuesOf(data).map(
      (i) => `${i.path}${i.id === undefined ? '' : ` (${i.id})`}: ${i.reason}`,
    );
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('areas[0] (A1): nameEn is missing');
    expect(lines[1]).toMatch(/^largeGrids\[1\] \(L2\): .*colour/);
    expect(lines[2]).toMatch(/^communities\[1\]: .*expected object/);
    expect(lines[3]).toBe('grids[0] (G1): boundary[1][0]: lon must be in [-180, 180]');
    expect(lines[4]).toMatch(/^grids\[0\] \(G1\): boundary\[2\]\[1\]: .*expected number/);
    expect(lines[5]).toMatch(/^grids\[1\] \(G 2\): id: must be 1-64 letters/);
    expect(lines[6]).toBe('grids[2] (G3): nameZh: must not be empty');
  });

  it('reports a bad top level: version, city, missing or empty collections', () => {
    const data: Partial<Data> = fixture();
    data.version = 2;
    delete data.communities;
    data.grids = [];
    data.city!['nameEn'] = '';
    expect(issuesOf(data)).toEqual([
      { path: 'version', reason: 'must be 1' },
      { path: 'city.nameEn', reason: 'must not be empty' },
      { path: 'communities', reason: 'is missing' },
      { path: 'grids', reason: 'needs at least one grid' },
    ]);
    expect(issuesOf([1, 2])).toEqual([
      {
        path: '(root)',
        reason: 'must be a mapping with version, city, areas, largeGrids, communities and grids',
      },
    ]);
  });

  it('wraps YAML syntax errors, and its message names every problem', () => {
    expect(() => GridRegistry.parse('version: 1\ncity: [unclosed\n')).toThrow(GridRegistryError);
    try {
      GridRegistry.parse('version: 1\nversion: 1\n');
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(GridRegistryError);
      const e = err as GridRegistryError;
      expect(e.code).toBe('GRID_REGISTRY_INVALID');
      expect(e.name).toBe('GridRegistryError');
      expect(e.retriable).toBe(false);
      expect(e.issues[0]?.path).toBe('(yaml)');
      expect(e.message).toMatch(/unique/i);
    }
    const data = fixture();
    data.grids[2]!['parent'] = 'L99';
    data.grids[3]!['parent'] = 'L98';
    expect(() => GridRegistry.fromObject(data)).toThrow(
      /2 problems\):\n {2}grids\[2\] \(G3\): parent L99 is not a large grid \(no such id\)\n {2}grids\[3\] \(G4\): parent L98/,
    );
  });
});

describe('GridRegistry.resolve and locate', () => {
  const registry = GridRegistry.fromObject(fixture());

  it('resolves a known grid id to its area and rejects an unknown one', () => {
    expect(registry.resolve({ kind: 'grid', gridId: 'G3' })).toEqual({
      ok: true,
      gridId: 'G3',
      areaId: 'A2',
    });
    expect(registry.resolve({ kind: 'grid', gridId: 'G9' })).toEqual({ ok: false, reason: 'unknown-grid' });
  });

  it('resolves points inside each grid, and reports points outside all of them', () => {
    expect(registry.resolve({ kind: 'point', lat: Y + 0.002, lon: X + 0.002 })).toEqual({
      ok: true,
      gridId: 'G1',
      areaId: 'A1',
    });
    expect(registry.locate(Y + 0.018, X + 0.018)?.id).toBe('G3');
    expect(registry.locate(Y + 0.018, X + 0.002)?.id).toBe('G4');
    expect(registry.locate(Y + 0.002, X + 0.018)?.id).toBe('G2');
    expect(registry.resolve({ kind: 'point', lat: Y - 0.001, lon: X + 0.005 })).toEqual({
      ok: false,
      reason: 'outside-all-grids',
    });
    expect(registry.resolve({ kind: 'point', lat: 0, lon: 0 })).toEqual({
      ok: false,
      reason: 'outside-all-grids',
    });
  });

  it('rejects invalid coordinates', () => {
    for (const [lat, lon] of [
      [NaN, X],
      [Y, NaN],
      [91, X],
      [-90.5, X],
      [Y, 180.1],
      [Y, -Infinity],
    ] as const) {
      expect(registry.resolve({ kind: 'point', lat, lon }), `${lat},${lon}`).toEqual({
        ok: false,
        reason: 'invalid-coordinates',
      });
    }
  });

  it('gives points on shared edges and vertices to one of the grids sharing them, always the same', () => {
    const mid = (a: readonly number[], b: readonly number[]): [number, number] => [
      (a[1]! + b[1]!) / 2,
      (a[0]! + b[0]!) / 2,
    ];
    const cases: [lat: number, lon: number, expected: readonly string[]][] = [
      // The centre vertex counts as nudged east (then, infinitely less, north): that is G2 here, as
      // the G2/G3 edge rises eastwards.
      [CY, CX, ['G2']],
      [Y, X + S, ['G2']], // a vertex on the south border, between G1 and G2
      [...mid([X + S, Y], [CX, CY]), ['G1', 'G2']],
      [...mid([X, Y + S], [CX, CY]), ['G1', 'G4']],
      [...mid([CX, CY], [X + S, Y + 2 * S]), ['G3', 'G4']],
      [...mid([CX, CY], [X + 2 * S, Y + S]), ['G2', 'G3']],
    ];
    for (const [lat, lon, expected] of cases) {
      const id = registry.locate(lat, lon)?.id;
      expect(expected, `${lat},${lon}`).toContain(id);
      expect(registry.locate(lat, lon)?.id).toBe(id);
    }
  });

  it('locates random points inside a grid to that grid (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...registry.grids),
        fc.nat(3),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (grid, edge, u, v) => {
          // A point strictly inside the triangle (centroid, vertex, next vertex) of a convex grid.
          const [ax, ay] = grid.boundary[edge]!;
          const [bx, by] = grid.boundary[(edge + 1) % grid.boundary.length]!;
          const [s, t] = u + v < 1 ? [u, v] : [1 - u, 1 - v];
          const w = Math.max(1e-6, 1 - s - t);
          const lon = (w * grid.centroid.lon + s * ax + t * bx) / (w + s + t);
          const lat = (w * grid.centroid.lat + s * ay + t * by) / (w + s + t);
          fc.pre(s > 1e-6 && t > 1e-6 && 1 - s - t > 1e-6);
          expect(registry.locate(lat, lon)?.id).toBe(grid.id);
        },
      ),
    );
  });
});
