import type { CityEvent } from '@citybrain/domain';
import { CITY_UTC_OFFSET_MS } from './city-clock';
import type { SimGrid } from './options';

/**
 * Test grids: ids `G001`…, nine areas, centroids on a 0.01° lattice around Longgang (27.5°N 120.55°E).
 * Only for tests.
 */
export function testGrids(count: number): SimGrid[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `G${String(i + 1).padStart(3, '0')}`,
    areaId: `A${String((i % 9) + 1).padStart(2, '0')}`,
    centroid: { lat: 27.45 + (i % 10) * 0.01, lon: 120.5 + Math.floor(i / 10) * 0.01 },
  }));
}

/** Epoch ms of a Longgang local time on 2020-09-26 (the article's date), e.g. `cityTime(7, 30)`. */
export function cityTime(hours: number, minutes = 0): number {
  return Date.UTC(2020, 8, 26, hours, minutes) - CITY_UTC_OFFSET_MS;
}

/** The grid an event happened in, resolving a point by its (un-jittered) centroid. Only for tests. */
export function gridIdOf(event: CityEvent, grids: readonly SimGrid[]): string | undefined {
  const location = event.location;
  if (location.kind === 'grid') return location.gridId;
  return grids.find((g) => g.centroid.lat === location.lat && g.centroid.lon === location.lon)?.id;
}
