import type { RoadClass } from '@citybrain/domain';
import { Random } from './random';

/** A road segment with one sensor, inside one grid. */
export interface RoadSegment {
  /** `<gridId>-S<n>`, n from 1, e.g. `G017-S1` (FIWARE `refRoadSegment`). */
  readonly id: string;
  readonly gridId: string;
  readonly roadClass: RoadClass;
  /** Lanes the sensor covers (its observations are for every lane, `laneId` 0). */
  readonly lanes: number;
  /** Speed with no traffic, km/h: above the road class's "free" band. */
  readonly freeFlowKmh: number;
  /** Flow at capacity, vehicles per hour per lane. */
  readonly capacityPerLanePerHour: number;
  /**
   * Where in each observation interval this sensor reports, 0..1: sensors are not synchronised, so a
   * city's observations spread over time instead of arriving at the same millisecond.
   */
  readonly phase: number;
}

/** Per road class: lanes, free-flow speed range (km/h), capacity per lane (veh/h). */
const ROAD_CLASS_MODEL: Readonly<
  Record<
    RoadClass,
    {
      readonly lanes: readonly [number, number];
      readonly freeFlowKmh: readonly [number, number];
      readonly capacity: number;
    }
  >
> = {
  expressway: { lanes: [3, 3], freeFlowKmh: [72, 85], capacity: 2000 },
  arterial: { lanes: [2, 3], freeFlowKmh: [45, 55], capacity: 1600 },
  secondary: { lanes: [1, 2], freeFlowKmh: [38, 46], capacity: 1200 },
};

const SEGMENT_COUNTS: readonly (readonly [number, number])[] = [
  [1, 0.25],
  [2, 0.45],
  [3, 0.3],
];
const ROAD_CLASS_SHARES: readonly (readonly [RoadClass, number])[] = [
  ['expressway', 0.15],
  ['arterial', 0.4],
  ['secondary', 0.45],
];

/**
 * The road segments of a grid: 1–3, of classes expressway/arterial/secondary, determined by the grid
 * id alone, so that a grid has the same roads whatever the scenario's seed.
 */
export function roadSegmentsOf(gridId: string): RoadSegment[] {
  const rng = Random.fromKey(`roads:${gridId}`);
  const count = rng.weighted(SEGMENT_COUNTS);
  const segments: RoadSegment[] = [];
  for (let i = 1; i <= count; i++) {
    const roadClass = rng.weighted(ROAD_CLASS_SHARES);
    const model = ROAD_CLASS_MODEL[roadClass];
    segments.push({
      id: `${gridId}-S${i}`,
      gridId,
      roadClass,
      lanes: rng.int(model.lanes[0], model.lanes[1]),
      freeFlowKmh: Math.round(rng.between(model.freeFlowKmh[0], model.freeFlowKmh[1]) * 10) / 10,
      capacityPerLanePerHour: model.capacity,
      phase: rng.float(),
    });
  }
  return segments;
}

/** The road segments of a set of grids, built once per scenario. */
export class RoadNetwork {
  private readonly byGrid = new Map<string, readonly RoadSegment[]>();

  constructor(gridIds: readonly string[]) {
    for (const gridId of gridIds) this.byGrid.set(gridId, roadSegmentsOf(gridId));
  }

  /** The segments of a grid. @throws RangeError for a grid the network was not built with. */
  segmentsOf(gridId: string): readonly RoadSegment[] {
    const segments = this.byGrid.get(gridId);
    if (segments === undefined) throw new RangeError(`no road network for grid ${gridId}`);
    return segments;
  }
}
