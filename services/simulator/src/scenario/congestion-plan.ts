import type { RoadClass } from '@citybrain/domain';
import { ceilToMinute, MINUTE_MS, rushIntervals, type Interval } from './city-clock';
import type { ResolvedScenarioOptions } from './options';
import type { Random } from './random';
import type { RoadNetwork } from './road-network';
import type { InjectedCongestionLevel } from './speed-bands';

/** An injected congestion episode: every segment of one road class in one grid slows into a band. */
export interface PlannedCongestion {
  readonly gridId: string;
  readonly areaId: string;
  readonly roadClass: RoadClass;
  /** The band the segments' speeds fall in during the episode. */
  readonly level: InjectedCongestionLevel;
  /** The segments that slow down: all the grid's segments of `roadClass`. */
  readonly segmentIds: readonly string[];
  /** Start of the episode, epoch ms, on a whole minute: observations at or after it are congested. */
  readonly fromMs: number;
  /** End of the episode, exclusive, on a whole minute, 10–20 minutes after `fromMs`; traffic recovers at once. */
  readonly toMs: number;
}

const MIN_EPISODE_MINUTES = 10;
const MAX_EPISODE_MINUTES = 20;

/**
 * Picks `congestedGrids` distinct grids and gives each a 10–20 minute congestion episode inside a rush
 * hour of the period — or anywhere in the period when no rush hour of at least 10 minutes overlaps it.
 * A period shorter than 10 minutes gets none. Sorted by start.
 */
export function planCongestion(
  options: ResolvedScenarioOptions,
  network: RoadNetwork,
  rng: Random,
): PlannedCongestion[] {
  const fits = (i: Interval): boolean => i.toMs - ceilToMinute(i.fromMs) >= MIN_EPISODE_MINUTES * MINUTE_MS;
  const rush = rushIntervals(options.startMs, options.endMs).filter(fits);
  const windows = rush.length > 0 ? rush : [{ fromMs: options.startMs, toMs: options.endMs }].filter(fits);
  if (windows.length === 0) return [];

  const planned: PlannedCongestion[] = [];
  for (const grid of rng.sample(options.grids, options.congestedGrids)) {
    const window = rng.pick(windows);
    const alignedFromMs = ceilToMinute(window.fromMs);
    const availableMinutes = Math.floor((window.toMs - alignedFromMs) / MINUTE_MS);
    const minutes = rng.int(MIN_EPISODE_MINUTES, Math.min(MAX_EPISODE_MINUTES, availableMinutes));
    const fromMs = alignedFromMs + rng.int(0, availableMinutes - minutes) * MINUTE_MS;
    const segments = network.segmentsOf(grid.id);
    const roadClass = rng.pick([...new Set(segments.map((s) => s.roadClass))]);
    planned.push({
      gridId: grid.id,
      areaId: grid.areaId,
      roadClass,
      level: rng.chance(0.5) ? 'moderate' : 'severe',
      segmentIds: segments.filter((s) => s.roadClass === roadClass).map((s) => s.id),
      fromMs,
      toMs: fromMs + minutes * MINUTE_MS,
    });
  }
  return planned.sort((a, b) => a.fromMs - b.fromMs);
}
