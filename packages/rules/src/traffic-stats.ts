import type { LocatedEvent, RoadClass, TrafficObservation } from '@citybrain/domain';
import { ROAD_CLASSES } from '@citybrain/domain';
import type { Aggregator } from './window-result';

/** Statistics of one road class in one grid window. */
export interface RoadClassStats {
  /** Number of observations aggregated. */
  readonly observationCount: number;
  /**
   * Mean average vehicle speed, km/h. Intensity-weighted (Σ speed·intensity / Σ intensity) when the
   * window's total intensity is > 0, so a lane that saw 40 vehicles counts more than one that saw 2;
   * the plain mean of the observations' speeds when no vehicle was counted at all.
   */
  readonly meanSpeedKmh: number;
  /** Vehicles counted, summed over the observations. */
  readonly totalIntensity: number;
  /** Plain mean of the observations' occupancy, 0..1. */
  readonly meanOccupancy: number;
}

/** Per-road-class traffic statistics of one grid window; a road class without observations is absent. */
export interface TrafficStats {
  readonly byRoadClass: Readonly<Partial<Record<RoadClass, RoadClassStats>>>;
}

/** Running sums of one road class; plain numbers, updated in place by the aggregator. */
export interface RoadClassSums {
  observationCount: number;
  speedSumKmh: number;
  intensityWeightedSpeedSum: number;
  intensitySum: number;
  occupancySum: number;
}

/** Accumulator of {@link trafficStatsAggregator}: running sums per road class. Mutable. */
export interface TrafficStatsAccumulator {
  readonly byRoadClass: Partial<Record<RoadClass, RoadClassSums>>;
}

/** A road class's sums in a snapshot: `[observations, speedSum, weightedSpeedSum, intensitySum, occupancySum]`. */
type SumsJson = [number, number, number, number, number];

function statsOf(sums: RoadClassSums): RoadClassStats {
  return {
    observationCount: sums.observationCount,
    meanSpeedKmh:
      sums.intensitySum > 0
        ? sums.intensityWeightedSpeedSum / sums.intensitySum
        : sums.speedSumKmh / sums.observationCount,
    totalIntensity: sums.intensitySum,
    meanOccupancy: sums.occupancySum / sums.observationCount,
  };
}

/** Element `i` of a snapshot's sums: a number, or NaN written by JSON as null. */
function sumOf(json: readonly unknown[], i: number, roadClass: string): number {
  const x = json[i];
  if (typeof x === 'number') return x;
  if (x === null) return Number.NaN;
  throw new TypeError(`traffic sums of ${roadClass} are not five numbers`);
}

const emptySums = (): RoadClassSums => ({
  observationCount: 0,
  speedSumKmh: 0,
  intensityWeightedSpeedSum: 0,
  intensitySum: 0,
  occupancySum: 0,
});

/**
 * Aggregates traffic observations of a grid window into {@link TrafficStats}, per road class.
 * `add` and `merge` update their first argument in place (the window engine owns every
 * accumulator), so an observation costs no allocation once its road class is present; `merge`
 * never mutates its second argument. Snapshots write each road class's sums as an array.
 */
export const trafficStatsAggregator: Required<
  Aggregator<LocatedEvent<TrafficObservation>, TrafficStatsAccumulator, TrafficStats>
> = Object.freeze({
  init: (): TrafficStatsAccumulator => ({ byRoadClass: {} }),
  add: (acc: TrafficStatsAccumulator, obs: LocatedEvent<TrafficObservation>): TrafficStatsAccumulator => {
    const sums = (acc.byRoadClass[obs.roadClass] ??= emptySums());
    sums.observationCount += 1;
    sums.speedSumKmh += obs.averageVehicleSpeedKmh;
    sums.intensityWeightedSpeedSum += obs.averageVehicleSpeedKmh * obs.intensity;
    sums.intensitySum += obs.intensity;
    sums.occupancySum += obs.occupancy;
    return acc;
  },
  merge: (a: TrafficStatsAccumulator, b: TrafficStatsAccumulator): TrafficStatsAccumulator => {
    for (const roadClass of ROAD_CLASSES) {
      const y = b.byRoadClass[roadClass];
      if (y === undefined) continue;
      const x = (a.byRoadClass[roadClass] ??= emptySums());
      x.observationCount += y.observationCount;
      x.speedSumKmh += y.speedSumKmh;
      x.intensityWeightedSpeedSum += y.intensityWeightedSpeedSum;
      x.intensitySum += y.intensitySum;
      x.occupancySum += y.occupancySum;
    }
    return a;
  },
  result: (acc: TrafficStatsAccumulator): TrafficStats => {
    const byRoadClass: Partial<Record<RoadClass, RoadClassStats>> = {};
    for (const roadClass of ROAD_CLASSES) {
      const sums = acc.byRoadClass[roadClass];
      if (sums !== undefined && sums.observationCount > 0) byRoadClass[roadClass] = statsOf(sums);
    }
    return { byRoadClass };
  },
  serialize: (acc: TrafficStatsAccumulator): Partial<Record<RoadClass, SumsJson>> => {
    const json: Partial<Record<RoadClass, SumsJson>> = {};
    for (const roadClass of ROAD_CLASSES) {
      const s = acc.byRoadClass[roadClass];
      if (s !== undefined)
        json[roadClass] = [
          s.observationCount,
          s.speedSumKmh,
          s.intensityWeightedSpeedSum,
          s.intensitySum,
          s.occupancySum,
        ];
    }
    return json;
  },
  deserialize: (json: unknown): TrafficStatsAccumulator => {
    const byRoadClass: Partial<Record<RoadClass, RoadClassSums>> = {};
    const rec = (json ?? {}) as Partial<Record<RoadClass, unknown>>;
    for (const roadClass of ROAD_CLASSES) {
      const s = rec[roadClass];
      if (s === undefined) continue;
      // JSON writes a NaN sum (an observation without a number got through) as null: read it back so.
      if (!Array.isArray(s) || s.length !== 5)
        throw new TypeError(`traffic sums of ${roadClass} are not five numbers`);
      const [observationCount, speedSumKmh, intensityWeightedSpeedSum, intensitySum, occupancySum] = [
        sumOf(s, 0, roadClass),
        sumOf(s, 1, roadClass),
        sumOf(s, 2, roadClass),
        sumOf(s, 3, roadClass),
        sumOf(s, 4, roadClass),
      ];
      byRoadClass[roadClass] = {
        observationCount,
        speedSumKmh,
        intensityWeightedSpeedSum,
        intensitySum,
        occupancySum,
      };
    }
    return { byRoadClass };
  },
});
