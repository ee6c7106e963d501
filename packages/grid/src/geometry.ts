/**
 * Planar polygon geometry on `[lon, lat]` degrees. Grids are a few square kilometres, so treating
 * degrees as a plane changes nothing that matters here (which grid holds a point, whether two grids
 * overlap) and keeps every test exact and fast.
 */
import type { LonLat } from './model';

/**
 * Tolerance, degrees (about 0.1 mm): a point this close to an edge counts as on it, so shared
 * edges and T-junctions written with rounded coordinates are not reported as overlaps.
 */
export const BOUNDARY_TOLERANCE_DEG = 1e-9;

/** An axis-aligned bounding box, degrees. */
export interface BBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

/** Drops consecutive duplicate vertices and a closing vertex equal to the first one. */
export function normalizeRing(points: readonly LonLat[]): LonLat[] {
  const ring: LonLat[] = [];
  for (const p of points) {
    const last = ring[ring.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (
    ring.length > 1 &&
    first !== undefined &&
    last !== undefined &&
    first[0] === last[0] &&
    first[1] === last[1]
  ) {
    ring.pop();
  }
  return ring;
}

function at(ring: readonly LonLat[], i: number): LonLat {
  // Indices are always taken modulo the length of a non-empty ring.
  return ring[i % ring.length]!;
}

/** Signed shoelace area, square degrees: positive for a counter-clockwise ring (lat up, lon right). */
export function signedArea(ring: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = at(ring, i);
    const [x1, y1] = at(ring, i + 1);
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Area centroid of a ring with non-zero area, computed relative to its first vertex for precision. */
export function areaCentroid(ring: readonly LonLat[]): { readonly lon: number; readonly lat: number } {
  const [ox, oy] = at(ring, 0);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [px0, py0] = at(ring, i);
    const [px1, py1] = at(ring, i + 1);
    const x0 = px0 - ox;
    const y0 = py0 - oy;
    const x1 = px1 - ox;
    const y1 = py1 - oy;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { lon: ox + cx / (3 * a), lat: oy + cy / (3 * a) };
}

/** Bounding box of a non-empty ring. */
export function ringBBox(ring: readonly LonLat[]): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return { minLon, minLat, maxLon, maxLat };
}

/** Packs a ring as `[lon0, lat0, lon1, lat1, ...]` for the allocation-free hot path. */
export function flattenRing(ring: readonly LonLat[]): Float64Array {
  const flat = new Float64Array(ring.length * 2);
  ring.forEach(([lon, lat], i) => {
    flat[2 * i] = lon;
    flat[2 * i + 1] = lat;
  });
  return flat;
}

/**
 * Ray casting (even-odd) on a flattened ring. Half-open in both axes, and each edge's crossing is
 * computed from its lower endpoint whatever the ring's direction, so two polygons that share an
 * edge compute the same crossing bit for bit: a point on a shared edge or vertex of a tiling
 * belongs to exactly one polygon, the one holding the point moved east by ε and north by an
 * amount infinitely smaller than ε (so: the grid east of a shared edge, north of an east-west one).
 */
export function flatRingContains(flat: Float64Array, lon: number, lat: number): boolean {
  const n = flat.length;
  let inside = false;
  let xj = flat[n - 2]!;
  let yj = flat[n - 1]!;
  for (let i = 0; i < n; i += 2) {
    const xi = flat[i]!;
    const yi = flat[i + 1]!;
    if (yi > lat !== yj > lat) {
      const xCross =
        yi < yj ? xi + ((lat - yi) * (xj - xi)) / (yj - yi) : xj + ((lat - yj) * (xi - xj)) / (yi - yj);
      if (lon < xCross) inside = !inside;
    }
    xj = xi;
    yj = yi;
  }
  return inside;
}

/** Same rule as {@link flatRingContains}, on an unpacked ring. */
export function ringContains(ring: readonly LonLat[], lon: number, lat: number): boolean {
  return flatRingContains(flattenRing(ring), lon, lat);
}

function distanceToSegment(p: LonLat, a: LonLat, b: LonLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Whether `p` lies within {@link BOUNDARY_TOLERANCE_DEG} of the ring's boundary. */
export function onRingBoundary(ring: readonly LonLat[], p: LonLat): boolean {
  for (let i = 0; i < ring.length; i++) {
    if (distanceToSegment(p, at(ring, i), at(ring, i + 1)) <= BOUNDARY_TOLERANCE_DEG) return true;
  }
  return false;
}

/** Whether `p` is inside the ring and not on its boundary. */
export function strictlyInside(ring: readonly LonLat[], p: LonLat): boolean {
  return ringContains(ring, p[0], p[1]) && !onRingBoundary(ring, p);
}

/** Side of `c` relative to the line `a → b`: 1 left, -1 right, 0 within tolerance of the line. */
function side(a: LonLat, b: LonLat, c: LonLat): -1 | 0 | 1 {
  const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (Math.abs(cross) <= BOUNDARY_TOLERANCE_DEG * len) return 0;
  return cross > 0 ? 1 : -1;
}

/** Whether segments `ab` and `cd` cross at a point interior to both (touching does not count). */
export function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const s1 = side(a, b, c);
  const s2 = side(a, b, d);
  const s3 = side(c, d, a);
  const s4 = side(c, d, b);
  return s1 * s2 < 0 && s3 * s4 < 0;
}

/** Whether segments `ab` and `cd` share any point, touching included. */
export function segmentsTouch(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  if (segmentsCross(a, b, c, d)) return true;
  return (
    distanceToSegment(c, a, b) <= BOUNDARY_TOLERANCE_DEG ||
    distanceToSegment(d, a, b) <= BOUNDARY_TOLERANCE_DEG ||
    distanceToSegment(a, c, d) <= BOUNDARY_TOLERANCE_DEG ||
    distanceToSegment(b, c, d) <= BOUNDARY_TOLERANCE_DEG
  );
}

/**
 * The first pair of non-adjacent edges that touch or cross, as vertex indices of their starts, or
 * `undefined` for a simple ring. Quadratic in the vertex count, which is small for a grid.
 */
export function findSelfIntersection(ring: readonly LonLat[]): readonly [number, number] | undefined {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentsTouch(at(ring, i), at(ring, i + 1), at(ring, j), at(ring, j + 1))) return [i, j];
    }
  }
  return undefined;
}

/**
 * A point strictly inside a simple ring: its area centroid when that is inside, otherwise the middle
 * of the widest inside span of a horizontal line through the centroid (or the bbox middle).
 */
export function interiorPoint(ring: readonly LonLat[]): { readonly lon: number; readonly lat: number } {
  const centroid = areaCentroid(ring);
  if (strictlyInside(ring, [centroid.lon, centroid.lat])) return centroid;
  const box = ringBBox(ring);
  const candidates = [centroid.lat, (box.minLat + box.maxLat) / 2];
  // Scan lines through a vertex would be ambiguous; nudge to a few other heights as a fallback.
  for (let k = 1; k <= 8; k++) candidates.push(box.minLat + ((box.maxLat - box.minLat) * k) / 9);
  for (const lat of candidates) {
    const xs: number[] = [];
    for (let i = 0; i < ring.length; i++) {
      const [x0, y0] = at(ring, i);
      const [x1, y1] = at(ring, i + 1);
      if (y0 > lat !== y1 > lat) xs.push(x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0));
    }
    xs.sort((p, q) => p - q);
    let best: { lon: number; lat: number } | undefined;
    let bestWidth = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (width > bestWidth) {
        bestWidth = width;
        best = { lon: (xs[i]! + xs[i + 1]!) / 2, lat };
      }
    }
    if (best !== undefined && strictlyInside(ring, [best.lon, best.lat])) return best;
  }
  return centroid;
}

function midpoint(a: LonLat, b: LonLat): LonLat {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

function anyProbeInside(probeRing: readonly LonLat[], ring: readonly LonLat[]): boolean {
  for (let i = 0; i < probeRing.length; i++) {
    const v = at(probeRing, i);
    if (strictlyInside(ring, v) || strictlyInside(ring, midpoint(v, at(probeRing, i + 1)))) return true;
  }
  const inner = interiorPoint(probeRing);
  return strictlyInside(ring, [inner.lon, inner.lat]);
}

/**
 * Whether two simple rings share interior area. Approximate but sufficient for a registry: edges
 * that properly cross, or a vertex, edge midpoint or interior point of one strictly inside the
 * other. Shared edges and vertices (a tiling) do not count.
 */
export function ringsOverlap(a: readonly LonLat[], b: readonly LonLat[]): boolean {
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (segmentsCross(at(a, i), at(a, i + 1), at(b, j), at(b, j + 1))) return true;
    }
  }
  return anyProbeInside(a, b) || anyProbeInside(b, a);
}
