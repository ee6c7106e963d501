import type { EventLocation } from '@citybrain/domain';
import type { SimGrid } from './options';
import type { Random } from './random';

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * Chooses where an event says it happened: its grid id, or — with probability `pointFraction` —
 * coordinates near the grid's centroid (within `pointJitterM` metres), which the processor resolves
 * back to the grid through the grid registry.
 */
export class Locator {
  private readonly gridLocations = new Map<string, EventLocation>();
  private readonly centroidLocations = new Map<string, EventLocation>();

  constructor(
    private readonly pointFraction: number,
    private readonly pointJitterM: number,
    private readonly rng: Random,
  ) {}

  /** A location in `grid`. Draws one random number, three for a jittered point. */
  of(grid: SimGrid): EventLocation {
    if (!this.rng.chance(this.pointFraction)) return this.cached(this.gridLocations, grid, 'grid');
    if (this.pointJitterM === 0) return this.cached(this.centroidLocations, grid, 'point');
    const r = this.pointJitterM * Math.sqrt(this.rng.float());
    const theta = 2 * Math.PI * this.rng.float();
    const dLat = (r * Math.sin(theta)) / METRES_PER_DEGREE_LAT;
    const dLon =
      (r * Math.cos(theta)) / (METRES_PER_DEGREE_LAT * Math.cos((grid.centroid.lat * Math.PI) / 180));
    return { kind: 'point', lat: round6(grid.centroid.lat + dLat), lon: round6(grid.centroid.lon + dLon) };
  }

  // Shared frozen objects: events are immutable, and most locations repeat.
  private cached(
    cache: Map<string, EventLocation>,
    grid: SimGrid,
    kind: EventLocation['kind'],
  ): EventLocation {
    let location = cache.get(grid.id);
    if (location === undefined) {
      location = Object.freeze(
        kind === 'grid'
          ? { kind: 'grid' as const, gridId: grid.id }
          : { kind: 'point' as const, lat: grid.centroid.lat, lon: grid.centroid.lon },
      );
      cache.set(grid.id, location);
    }
    return location;
  }
}

/** Rounds degrees to 6 decimals (≈ 0.1 m), as a GPS fix would report them. */
function round6(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}
