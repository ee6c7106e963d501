import type { EventLocation } from '@citybrain/domain';
import { parseDocument } from 'yaml';

import { GridRegistryError } from './errors';
import type { GridLocator } from './grid-locator';
import type { Area, City, Community, Grid, GridResolution, LargeGrid } from './model';
import { validateRegistry, type RegistryData } from './validate-registry';

/**
 * A city's service grids: areas (片区) → large grids (大网格) → grids (全科网格), the communities the
 * grids serve, and the lookup of an event location to its grid. Immutable; build it once at start-up
 * with {@link GridRegistry.parse} or {@link GridRegistry.fromObject} and share it.
 */
export class GridRegistry {
  /** The city the registry describes. */
  readonly city: City;
  /** Areas, in file order. */
  readonly areas: readonly Area[];
  /** Large grids, in file order. */
  readonly largeGrids: readonly LargeGrid[];
  /** Grids, in file order. */
  readonly grids: readonly Grid[];
  /** Communities, in file order. */
  readonly communities: readonly Community[];

  private readonly locator: GridLocator;
  private readonly gridById: ReadonlyMap<string, Grid>;
  private readonly areaById: ReadonlyMap<string, Area>;
  private readonly largeGridById: ReadonlyMap<string, LargeGrid>;
  private readonly communityById: ReadonlyMap<string, Community>;

  private constructor(data: RegistryData) {
    this.city = data.city;
    this.areas = data.areas;
    this.largeGrids = data.largeGrids;
    this.grids = data.grids;
    this.communities = data.communities;
    this.locator = data.locator;
    this.gridById = new Map(data.grids.map((g) => [g.id, g]));
    this.areaById = new Map(data.areas.map((a) => [a.id, a]));
    this.largeGridById = new Map(data.largeGrids.map((l) => [l.id, l]));
    this.communityById = new Map(data.communities.map((c) => [c.id, c]));
    Object.freeze(this);
  }

  /**
   * Parses a registry file's YAML text (the caller reads the file).
   *
   * @throws GridRegistryError listing every YAML syntax error, or every bad entry.
   */
  static parse(yamlText: string): GridRegistry {
    const doc = parseDocument(yamlText);
    if (doc.errors.length > 0) {
      throw new GridRegistryError(
        doc.errors.map((err) => ({ path: '(yaml)', reason: err.message.split('\n')[0] ?? err.message })),
        { cause: doc.errors[0] },
      );
    }
    return GridRegistry.fromObject(doc.toJS());
  }

  /**
   * Builds a registry from data shaped like the file (`version`, `city`, `areas`, `largeGrids`,
   * `communities`, `grids`), with the same checks as {@link GridRegistry.parse}.
   *
   * @throws GridRegistryError naming every bad entry, e.g. `grids[12] (G013): parent L99 is not a large grid (no such id)`.
   */
  static fromObject(data: unknown): GridRegistry {
    return new GridRegistry(validateRegistry(data));
  }

  /** The grid with this id. */
  grid(id: string): Grid | undefined {
    return this.gridById.get(id);
  }

  /** The area with this id. */
  area(id: string): Area | undefined {
    return this.areaById.get(id);
  }

  /** The large grid with this id. */
  largeGrid(id: string): LargeGrid | undefined {
    return this.largeGridById.get(id);
  }

  /** The community with this id. */
  community(id: string): Community | undefined {
    return this.communityById.get(id);
  }

  /**
   * Resolves an event location to its grid and area: a grid id must be known; a point must be
   * valid WGS84 (finite, lat in [-90, 90], lon in [-180, 180]) and inside a grid.
   */
  resolve(location: EventLocation): GridResolution {
    if (location.kind === 'grid') {
      const grid = this.gridById.get(location.gridId);
      return grid === undefined
        ? { ok: false, reason: 'unknown-grid' }
        : { ok: true, gridId: grid.id, areaId: grid.areaId };
    }
    const { lat, lon } = location;
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return { ok: false, reason: 'invalid-coordinates' };
    }
    const grid = this.locate(lat, lon);
    return grid === undefined
      ? { ok: false, reason: 'outside-all-grids' }
      : { ok: true, gridId: grid.id, areaId: grid.areaId };
  }

  /**
   * The grid holding a WGS84 point (degrees), or `undefined`. Fast enough to call per event: an
   * R-tree over bounding boxes, then an exact point-in-polygon test. A point on an edge or vertex
   * shared by grids always resolves to the same one of them: the grid east of the edge, or north
   * of an east-west edge. A point on the outer border may resolve to no grid.
   */
  locate(lat: number, lon: number): Grid | undefined {
    const i = this.locator.locate(lon, lat);
    return i < 0 ? undefined : this.grids[i];
  }
}
