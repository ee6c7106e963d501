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

/** Running sums of one road class; plain numbers, so accumulators are JSON-serialisable. */
export interface RoadClassSums {
  readonly observationCount: number;
  readonly speedSumKmh: number;
  readonly intensityWeightedSpeedSum: number;
  readonly intensitySum: number;
  readonly occupancySum: number;
}

/** Accumulator of {@link trafficStatsAggregator}: running sums per road class. */
export interface TrafficStatsAccumulator {
  readonly byRoadClass: Readonly<Partial<Record<RoadClass, RoadClassSums>>>;
}

const EMPTY_SUMS: RoadClassSums = {
  observationCount: 0,
  speedSumKmh: 0,
  intensityWeightedSpeedSum: 0,
  intensitySum: 0,
  occupancySum: 0,
};

function addSums(a: RoadClassSums, b: RoadClassSums): RoadClassSums {
  return {
    observationCount: a.observationCount + b.observationCount,
    speedSumKmh: a.speedSumKmh + b.speedSumKmh,
    intensityWeightedSpeedSum: a.intensityWeightedSpeedSum + b.intensityWeightedSpeedSum,
    intensitySum: a.intensitySum + b.intensitySum,
    occupancySum: a.occupancySum + b.occupancySum,
  };
}

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

/**
 * Aggregates traffic observations of a grid window into {@link TrafficStats}, per road class.
 * Pure: `add` and `merge` return new accumulators and never mutate their arguments.
 */
export const trafficStatsAggregator: Aggregator<
  LocatedEvent<TrafficObservation>,
  TrafficStatsAccumulator,
  TrafficStats
> = Object.freeze({
  init: (): TrafficStatsAccumulator => ({ byRoadClass: {} }),
  add: (acc: TrafficStatsAccumulator, obs: LocatedEvent<TrafficObservation>): TrafficStatsAccumulator => ({
    byRoadClass: {
      ...acc.byRoadClass,
      [obs.roadClass]: addSums(acc.byRoadClass[obs.roadClass] ?? EMPTY_SUMS, {
        observationCount: 1,
        speedSumKmh: obs.averageVehicleSpeedKmh,
        intensityWeightedSpeedSum: obs.averageVehicleSpeedKmh * obs.intensity,
        intensitySum: obs.intensity,
        occupancySum: obs.occupancy,
      }),
    },
  }),
  merge: (a: TrafficStatsAccumulator, b: TrafficStatsAccumulator): TrafficStatsAccumulator => {
    const byRoadClass: Partial<Record<RoadClass, RoadClassSums>> = {};
    for (const roadClass of ROAD_CLASSES) {
      const x = a.byRoadClass[roadClass];
      const y = b.byRoadClass[roadClass];
      if (x !== undefined || y !== undefined)
        byRoadClass[roadClass] = addSums(x ?? EMPTY_SUMS, y ?? EMPTY_SUMS);
    }
    return { byRoadClass };
  },
  result: (acc: TrafficStatsAccumulator): TrafficStats => {
    const byRoadClass: Partial<Record<RoadClass, RoadClassStats>> = {};
    for (const roadClass of ROAD_CLASSES) {
      const sums = acc.byRoadClass[roadClass];
      if (sums !== undefined && sums.observationCount > 0) byRoadClass[roadClass] = statsOf(sums);
    }
    return { byRoadClass };
  },
});
