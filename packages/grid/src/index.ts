/**
 * The grid registry: a city's areas (片区), large grids (大网格), all-purpose grids (全科网格) and
 * communities, loaded from data the city supplies, and the lookup of an event location to its grid.
 * Pure: the caller reads the file; this package only parses and checks it.
 *
 * @example
 * ```ts
 * import { GridRegistry, GridRegistryError } from '@citybrain/grid';
 * const registry = GridRegistry.parse(yamlText); // throws GridRegistryError naming every bad entry
 * const where = registry.resolve({ kind: 'point', lat: 27.5, lon: 120.55 });
 * if (where.ok) console.log(where.gridId, where.areaId);
 * else console.log(where.reason); // 'unknown-grid' | 'outside-all-grids' | 'invalid-coordinates'
 * ```
 */
export { GridRegistry } from './grid-registry';
export type {
  Area,
  City,
  Community,
  Grid,
  GridResolution,
  GridResolveFailure,
  LargeGrid,
  LonLat,
} from './model';
export { GridError, GridRegistryError, formatGridRegistryIssue, type GridRegistryIssue } from './errors';
