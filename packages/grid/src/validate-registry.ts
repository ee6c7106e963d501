/**
 * Turns untrusted registry data into checked, frozen model objects, or a `GridRegistryError`
 * that names every bad entry. Structure first (zod, entry by entry), then the rules that span
 * entries: unique ids, parents of the right kind, sound polygons, no overlapping grids.
 */
import type { z } from 'zod';

import { GridRegistryError, type GridRegistryIssue } from './errors';
import {
  findSelfIntersection,
  interiorPoint,
  normalizeRing,
  ringBBox,
  ringsOverlap,
  signedArea,
} from './geometry';
import { GridLocator } from './grid-locator';
import type { Area, City, Community, Grid, LargeGrid, LonLat } from './model';
import {
  areaEntrySchema,
  communityEntrySchema,
  gridEntrySchema,
  largeGridEntrySchema,
  registryFileSchema,
  type GridEntry,
  type NamedEntry,
} from './registry-schema';

/** Below this area, square degrees (about 0.01 m²), a polygon counts as degenerate. */
const MIN_AREA_SQ_DEG = 1e-12;

/** Everything a `GridRegistry` holds, checked and frozen. */
export interface RegistryData {
  readonly city: City;
  readonly areas: readonly Area[];
  readonly largeGrids: readonly LargeGrid[];
  readonly communities: readonly Community[];
  readonly grids: readonly Grid[];
  /** Spatial index over `grids`, in the same order. */
  readonly locator: GridLocator;
}

type Collection = 'areas' | 'largeGrids' | 'communities' | 'grids';
type Kind = 'city' | 'area' | 'large grid' | 'community' | 'grid';

const KIND_OF: Record<Collection, Kind> = {
  areas: 'area',
  largeGrids: 'large grid',
  communities: 'community',
  grids: 'grid',
};

const ARTICLE: Record<Kind, string> = {
  city: 'the city',
  area: 'an area',
  'large grid': 'a large grid',
  community: 'a community',
  grid: 'a grid',
};

interface Parsed<T> {
  readonly index: number;
  readonly path: string;
  readonly entry: T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryId(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : undefined;
}

function issue(path: string, id: string | undefined, reason: string): GridRegistryIssue {
  return id === undefined ? { path, reason } : { path, id, reason };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A zod issue, phrased relative to the entry it is in. */
function reasonOf(zodIssue: z.core.$ZodIssue, entry: unknown): string {
  const field = formatPath(zodIssue.path);
  if (field === '') return zodIssue.message;
  if (zodIssue.code === 'invalid_type' && valueAt(entry, zodIssue.path) === undefined) {
    return field === 'boundary' ? 'has no boundary' : `${field} is missing`;
  }
  return `${field}: ${zodIssue.message}`;
}

function parseEntries<T>(
  collection: Collection,
  entries: readonly unknown[],
  schema: z.ZodType<T>,
  issues: GridRegistryIssue[],
): Parsed<T>[] {
  const parsed: Parsed<T>[] = [];
  entries.forEach((entry, index) => {
    const path = `${collection}[${index}]`;
    const result = schema.safeParse(entry);
    if (result.success) {
      parsed.push({ index, path, entry: result.data });
    } else {
      for (const zodIssue of result.error.issues)
        issues.push(issue(path, entryId(entry), reasonOf(zodIssue, entry)));
    }
  });
  return parsed;
}

/**
 * Checks registry data (as parsed from YAML or built in code) and builds the model.
 *
 * @throws GridRegistryError naming every bad entry.
 */
export function validateRegistry(data: unknown): RegistryData {
  const issues: GridRegistryIssue[] = [];
  if (!isRecord(data)) {
    throw new GridRegistryError([
      issue(
        '(root)',
        undefined,
        'must be a mapping with version, city, areas, largeGrids, communities and grids',
      ),
    ]);
  }
  const top = registryFileSchema.safeParse(data);
  if (!top.success) {
    for (const zodIssue of top.error.issues) {
      const path = formatPath(zodIssue.path);
      const missing = zodIssue.code === 'invalid_type' && valueAt(data, zodIssue.path) === undefined;
      issues.push(issue(path === '' ? '(root)' : path, undefined, missing ? 'is missing' : zodIssue.message));
    }
  }
  const list = (key: Collection): readonly unknown[] => {
    const value = data[key];
    return Array.isArray(value) ? value : [];
  };
  const rawCity = data['city'];
  const cityId = entryId(rawCity);

  const areas = parseEntries('areas', list('areas'), areaEntrySchema, issues);
  const largeGrids = parseEntries('largeGrids', list('largeGrids'), largeGridEntrySchema, issues);
  const communities = parseEntries('communities', list('communities'), communityEntrySchema, issues);
  const grids = parseEntries('grids', list('grids'), gridEntrySchema, issues);

  // Ids are unique across the whole file, so `parent` and `community` can never be ambiguous.
  // Entries that failed the structural check still claim their id, to avoid cascading reports.
  const owners = new Map<string, { readonly kind: Kind; readonly path: string }>();
  if (cityId !== undefined) owners.set(cityId, { kind: 'city', path: 'city' });
  for (const collection of ['areas', 'largeGrids', 'communities', 'grids'] as const) {
    list(collection).forEach((entry, index) => {
      const id = entryId(entry);
      if (id === undefined) return;
      const path = `${collection}[${index}]`;
      const owner = owners.get(id);
      if (owner === undefined) owners.set(id, { kind: KIND_OF[collection], path });
      else issues.push(issue(path, id, `duplicate id ${id} (already used by ${owner.path})`));
    });
  }

  const checkRef = (path: string, id: string, field: string, ref: string, expected: Kind): void => {
    const owner = owners.get(ref);
    if (owner?.kind === expected) return;
    const what = owner === undefined ? 'no such id' : `it is ${ARTICLE[owner.kind]}`;
    const target = expected === 'city' && cityId !== undefined ? `the city (${cityId})` : ARTICLE[expected];
    issues.push(issue(path, id, `${field} ${ref} is not ${target} (${what})`));
  };
  for (const { path, entry } of areas) checkRef(path, entry.id, 'parent', entry.parent, 'city');
  for (const { path, entry } of communities) checkRef(path, entry.id, 'parent', entry.parent, 'city');
  for (const { path, entry } of largeGrids) checkRef(path, entry.id, 'parent', entry.parent, 'area');
  for (const { path, entry } of grids) {
    checkRef(path, entry.id, 'parent', entry.parent, 'large grid');
    checkRef(path, entry.id, 'community', entry.community, 'community');
  }

  const shaped = checkBoundaries(grids, issues);
  const locator = shaped.length > 0 ? new GridLocator(shaped.map((g) => g.ring)) : undefined;
  if (locator !== undefined) checkOverlaps(shaped, locator, issues);

  if (issues.length > 0 || locator === undefined || !top.success) throw new GridRegistryError(issues);
  return buildModel(top.data.city, areas, largeGrids, communities, shaped, locator);
}

interface ShapedGrid extends Parsed<GridEntry> {
  readonly ring: readonly LonLat[];
}

function checkBoundaries(grids: readonly Parsed<GridEntry>[], issues: GridRegistryIssue[]): ShapedGrid[] {
  const shaped: ShapedGrid[] = [];
  for (const grid of grids) {
    const { path, entry } = grid;
    const ring = normalizeRing(entry.boundary);
    if (ring.length < 3) {
      const reason =
        entry.boundary.length === 0
          ? 'has no boundary (empty list)'
          : `boundary is degenerate: needs at least 3 distinct vertices, has ${ring.length}`;
      issues.push(issue(path, entry.id, reason));
      continue;
    }
    const crossing = findSelfIntersection(ring);
    if (crossing !== undefined) {
      const [i, j] = crossing;
      issues.push(
        issue(path, entry.id, `boundary is degenerate: the edges from vertex ${i} and vertex ${j} intersect`),
      );
      continue;
    }
    if (Math.abs(signedArea(ring)) < MIN_AREA_SQ_DEG) {
      issues.push(issue(path, entry.id, 'boundary is degenerate: it encloses no area'));
      continue;
    }
    shaped.push({ ...grid, ring });
  }
  return shaped;
}

function checkOverlaps(
  grids: readonly ShapedGrid[],
  locator: GridLocator,
  issues: GridRegistryIssue[],
): void {
  // Each pair once, reported on the later grid, in file order.
  grids.forEach((grid, j) => {
    for (const i of locator.bboxNeighbours(j, ringBBox(grid.ring))) {
      const earlier = grids[i]!;
      if (i < j && ringsOverlap(earlier.ring, grid.ring)) {
        issues.push(
          issue(grid.path, grid.entry.id, `boundary overlaps ${earlier.path} (${earlier.entry.id})`),
        );
      }
    }
  });
}

function named(entry: NamedEntry): { readonly id: string; readonly nameZh: string; readonly nameEn: string } {
  return { id: entry.id, nameZh: entry.nameZh, nameEn: entry.nameEn };
}

function buildModel(
  city: City,
  areas: readonly Parsed<NamedEntry>[],
  largeGrids: readonly Parsed<NamedEntry>[],
  communities: readonly Parsed<NamedEntry>[],
  grids: readonly ShapedGrid[],
  locator: GridLocator,
): RegistryData {
  const areaOfLargeGrid = new Map(largeGrids.map(({ entry }) => [entry.id, entry.parent]));
  return Object.freeze({
    city: Object.freeze({ id: city.id, nameZh: city.nameZh, nameEn: city.nameEn }),
    areas: Object.freeze(areas.map(({ entry }) => Object.freeze(named(entry)))),
    largeGrids: Object.freeze(
      largeGrids.map(({ entry }) => Object.freeze({ ...named(entry), areaId: entry.parent })),
    ),
    communities: Object.freeze(communities.map(({ entry }) => Object.freeze(named(entry)))),
    grids: Object.freeze(
      grids.map(({ entry, ring }): Grid => {
        const centroid = interiorPoint(ring);
        return Object.freeze({
          id: entry.id,
          nameZh: entry.nameZh,
          nameEn: entry.nameEn,
          largeGridId: entry.parent,
          // The parent was checked to be a large grid, so the lookup always succeeds.
          areaId: areaOfLargeGrid.get(entry.parent)!,
          communityId: entry.community,
          boundary: Object.freeze(ring.map((p) => Object.freeze([p[0], p[1]] as const))),
          centroid: Object.freeze({ lat: centroid.lat, lon: centroid.lon }),
        });
      }),
    ),
    locator,
  });
}
