/**
 * The shape of a grid registry file, as zod schemas. Zod checks the structure (types, required and
 * unknown keys, coordinate ranges) of each entry on its own, so one run reports every malformed
 * entry; the cross-entry rules (ids, parents, geometry) are in `validate-registry.ts`.
 */
import { z } from 'zod';

/** Ids are short, readable and safe in labels and fingerprints: `A01`, `L01`, `G001`, `C001`. */
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-"');
const name = z.string().trim().min(1, 'must not be empty');

/** One `[lon, lat]` vertex, WGS84 degrees. */
const lonLat = z.tuple([
  z.number().finite().min(-180, 'lon must be in [-180, 180]').max(180, 'lon must be in [-180, 180]'),
  z.number().finite().min(-90, 'lat must be in [-90, 90]').max(90, 'lat must be in [-90, 90]'),
]);

/** The file's top level; entries are checked one by one with the schemas below. */
export const registryFileSchema = z.strictObject({
  version: z.literal(1, 'must be 1'),
  city: z.strictObject({ id, nameZh: name, nameEn: name }),
  areas: z.array(z.unknown()).min(1, 'needs at least one area'),
  largeGrids: z.array(z.unknown()).min(1, 'needs at least one large grid'),
  communities: z.array(z.unknown()),
  grids: z.array(z.unknown()).min(1, 'needs at least one grid'),
});

/** An area: its parent is the city. */
export const areaEntrySchema = z.strictObject({ id, nameZh: name, nameEn: name, parent: id });
/** A large grid: its parent is an area. */
export const largeGridEntrySchema = z.strictObject({ id, nameZh: name, nameEn: name, parent: id });
/** A community: its parent is the city (communities are managed by the city directly). */
export const communityEntrySchema = z.strictObject({ id, nameZh: name, nameEn: name, parent: id });
/** A grid: its parent is a large grid; it serves one community and has a polygon boundary. */
export const gridEntrySchema = z.strictObject({
  id,
  nameZh: name,
  nameEn: name,
  parent: id,
  community: id,
  boundary: z.array(lonLat, {
    error: (issue) => (issue.input === undefined ? 'has no boundary' : 'must be a list of [lon, lat] pairs'),
  }),
});

/** A structurally valid area, large grid or community entry. */
export type NamedEntry = z.infer<typeof areaEntrySchema>;
/** A structurally valid grid entry. */
export type GridEntry = z.infer<typeof gridEntrySchema>;
