/**
 * The spatial index behind `GridRegistry.locate`: a flatbush R-tree over the grids' bounding boxes
 * narrows a point to a few candidates, then an exact ray-casting test picks the grid.
 */
import Flatbush from 'flatbush';

import { flatRingContains, flattenRing, ringBBox } from './geometry';
import type { LonLat } from './model';

/** Finds which of a fixed list of polygons holds a point. Immutable once built. */
export class GridLocator {
  private readonly index: Flatbush;
  private readonly rings: readonly Float64Array[];

  /** Indexes `boundaries` (open rings, at least one, each with at least 3 vertices). */
  constructor(boundaries: readonly (readonly LonLat[])[]) {
    this.index = new Flatbush(boundaries.length);
    for (const ring of boundaries) {
      const box = ringBBox(ring);
      this.index.add(box.minLon, box.minLat, box.maxLon, box.maxLat);
    }
    this.index.finish();
    this.rings = boundaries.map(flattenRing);
  }

  /**
   * Index of the polygon that holds the point, or -1. Should polygons overlap, the lowest index
   * wins, so the answer never depends on the tree's traversal order.
   */
  locate(lon: number, lat: number): number {
    let found = -1;
    this.index.search(lon, lat, lon, lat, (i) => {
      if ((found === -1 || i < found) && flatRingContains(this.rings[i]!, lon, lat)) found = i;
      return false; // collect nothing: the answer is in `found`
    });
    return found;
  }

  /** Indices of the other polygons whose bounding boxes touch polygon `i`'s, ascending. */
  bboxNeighbours(
    i: number,
    box: { minLon: number; minLat: number; maxLon: number; maxLat: number },
  ): number[] {
    return this.index
      .search(box.minLon, box.minLat, box.maxLon, box.maxLat)
      .filter((j) => j !== i)
      .sort((a, b) => a - b);
  }
}
