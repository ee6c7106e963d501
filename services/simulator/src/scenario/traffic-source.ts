import type { EventLocation, TrafficObservation } from '@citybrain/domain';
import { HOUR_MS } from './city-clock';
import type { PlannedCongestion } from './congestion-plan';
import type { EventIds } from './event-ids';
import type { EventQueue } from './event-queue';
import type { Locator } from './locator';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';
import type { RoadNetwork, RoadSegment } from './road-network';
import { injectedSpeedRangeKmh } from './speed-bands';
import { occupancyOf, speedFactor, trafficDemand } from './traffic-model';

/** Speed noise, as a fraction of the mean speed per standard deviation (the noise is bounded to ±3 sd). */
const SPEED_NOISE = 0.05;
/** Lag-1 autocorrelation of a sensor's speed noise: traffic does not change at random every reading. */
const NOISE_MEMORY = 0.6;
const NOISE_INNOVATION = Math.sqrt(1 - NOISE_MEMORY * NOISE_MEMORY);
/** Flow noise, fraction of the mean flow per standard deviation. */
const FLOW_NOISE = 0.08;
/** Flow during a congestion episode, as a fraction of capacity: queues discharge below capacity. */
const CONGESTED_FLOW: readonly [number, number] = [0.45, 0.7];

interface Episode {
  readonly fromMs: number;
  readonly toMs: number;
  readonly minKmh: number;
  readonly maxKmh: number;
}

interface Sensor {
  readonly segment: RoadSegment;
  readonly grid: SimGrid;
  readonly source: string;
  readonly episodes: readonly Episode[];
  nextAtMs: number;
  /** Current standardised speed noise, AR(1). */
  noise: number;
}

/**
 * The traffic sensors: each segment reports every `observationIntervalMs` (at its own phase) a
 * FIWARE-style observation of all lanes. Speed follows the daily demand profile (slower in rush hours)
 * with autocorrelated noise bounded so that normal traffic never leaves the `light` band or better;
 * in a planned congestion episode it is drawn inside the episode's band. Intensity follows demand,
 * occupancy follows flow / speed.
 */
export class TrafficSource {
  private readonly sensors: Sensor[] = [];

  constructor(
    private readonly options: ResolvedScenarioOptions,
    network: RoadNetwork,
    congestion: readonly PlannedCongestion[],
    private readonly rng: Random,
    private readonly ids: EventIds,
    private readonly locator: Locator,
  ) {
    const interval = options.observationIntervalMs;
    for (const grid of options.grids) {
      for (const segment of network.segmentsOf(grid.id)) {
        const episodes = congestion
          .filter((c) => c.segmentIds.includes(segment.id))
          .map((c) => ({
            fromMs: c.fromMs,
            toMs: c.toMs,
            ...injectedSpeedRangeKmh(segment.roadClass, c.level),
          }));
        const offset = Math.floor(segment.phase * interval);
        let first = Math.floor(options.startMs / interval) * interval + offset;
        if (first < options.startMs) first += interval;
        this.sensors.push({
          segment,
          grid,
          source: `sensor/${segment.id}`,
          episodes,
          nextAtMs: first,
          noise: 0,
        });
      }
    }
  }

  /** Queues every observation due before `untilMs`. */
  emitUntil(untilMs: number, queue: EventQueue): void {
    const interval = this.options.observationIntervalMs;
    for (const sensor of this.sensors) {
      while (sensor.nextAtMs < untilMs) {
        queue.push(this.observe(sensor, sensor.nextAtMs, this.locator.of(sensor.grid)));
        sensor.nextAtMs += interval;
      }
    }
  }

  private observe(sensor: Sensor, atMs: number, location: EventLocation): TrafficObservation {
    const { segment } = sensor;
    const rng = this.rng;
    const episode = sensor.episodes.find((e) => atMs >= e.fromMs && atMs < e.toMs);
    let speedKmh: number;
    let flowPerLanePerHour: number;
    if (episode === undefined) {
      const demand = trafficDemand(atMs);
      const noise = NOISE_MEMORY * sensor.noise + NOISE_INNOVATION * rng.normal();
      sensor.noise = Math.max(-3, Math.min(3, noise));
      speedKmh = segment.freeFlowKmh * speedFactor(demand) * (1 + SPEED_NOISE * sensor.noise);
      flowPerLanePerHour = Math.max(
        0,
        segment.capacityPerLanePerHour * demand * (1 + FLOW_NOISE * rng.normal()),
      );
    } else {
      speedKmh = rng.between(episode.minKmh, episode.maxKmh);
      flowPerLanePerHour = segment.capacityPerLanePerHour * rng.between(CONGESTED_FLOW[0], CONGESTED_FLOW[1]);
    }
    speedKmh = Math.round(speedKmh * 10) / 10;
    return {
      eventId: this.ids.next(),
      eventTimeMs: atMs,
      source: sensor.source,
      location,
      family: 'traffic',
      type: 'observation',
      refRoadSegment: segment.id,
      roadClass: segment.roadClass,
      laneId: 0,
      intensity: Math.round(
        (flowPerLanePerHour * segment.lanes * this.options.observationIntervalMs) / HOUR_MS,
      ),
      occupancy: Math.round(occupancyOf(flowPerLanePerHour, speedKmh) * 1000) / 1000,
      averageVehicleSpeedKmh: speedKmh,
    };
  }
}
