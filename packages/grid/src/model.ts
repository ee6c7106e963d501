/** A WGS84 position as `[lon, lat]` in degrees (GeoJSON order). */
export type LonLat = readonly [lon: number, lat: number];

/** The city a registry describes, e.g. `{ id: 'longgang', nameZh: '龙港市', nameEn: 'Longgang' }`. */
export interface City {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A service area (片区): groups large grids; not an administrative level. */
export interface Area {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A large grid (大网格): groups grids inside one area. */
export interface LargeGrid {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The area it belongs to. */
  readonly areaId: string;
}

/** A community (社区), managed directly by the city; served by one or more grids. */
export interface Community {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** An all-purpose grid (全科网格): the unit that events are aggregated and alerted on. */
export interface Grid {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The large grid it belongs to. */
  readonly largeGridId: string;
  /** The area of its large grid. */
  readonly areaId: string;
  /** The community it serves. */
  readonly communityId: string;
  /**
   * Its boundary as an open ring of `[lon, lat]` vertices (a closing vertex equal to the first, if
   * the file had one, is dropped), in the file's order and orientation.
   */
  readonly boundary: readonly LonLat[];
  /**
   * A representative point, degrees: the polygon's area centroid (planar in lon/lat, accurate at
   * grid scale) or, when a concave boundary puts that centroid outside, a point inside the polygon.
   * It always locates to this grid.
   */
  readonly centroid: { readonly lat: number; readonly lon: number };
}

/** Why an event location could not be resolved to a grid. */
export type GridResolveFailure = 'unknown-grid' | 'outside-all-grids' | 'invalid-coordinates';

/** The outcome of resolving an event location to its grid. */
export type GridResolution =
  | { readonly ok: true; readonly gridId: string; readonly areaId: string }
  | { readonly ok: false; readonly reason: GridResolveFailure };
