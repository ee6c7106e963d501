import { cityHourOfDay, rushHourPhase } from './city-clock';

/** Demand as a fraction of road capacity, by the city's local hour (00:00 first). */
const HOURLY_DEMAND: readonly number[] = [
  0.08, 0.06, 0.05, 0.05, 0.07, 0.15, 0.35, 0.55, 0.6, 0.6, 0.58, 0.58, 0.55, 0.55, 0.58, 0.6, 0.62, 0.62,
  0.6, 0.5, 0.42, 0.35, 0.25, 0.15,
];
/** Demand at the middle of a rush hour. */
const RUSH_PEAK_DEMAND = 0.92;
/** How much full demand slows traffic: speed = free flow × (1 − k·demand²). */
const DEMAND_SLOWDOWN = 0.32;
/** Vehicle length plus detector length, metres: turns density into detector occupancy. */
const EFFECTIVE_VEHICLE_LENGTH_M = 7;
/** Occupancy of a standing queue; a loop detector never reads exactly 1. */
const MAX_OCCUPANCY = 0.95;

/**
 * Traffic demand at a moment, as a fraction of capacity: a daily profile (night ≈ 0.05, daytime ≈ 0.6)
 * with a smooth bump up to 0.92 in the middle of the morning (07:30–09:00) and evening (17:00–19:00)
 * rush hours, city time.
 */
export function trafficDemand(epochMs: number): number {
  const base = HOURLY_DEMAND[cityHourOfDay(epochMs)] ?? 0;
  const phase = rushHourPhase(epochMs);
  if (phase < 0) return base;
  return Math.max(base, base + (RUSH_PEAK_DEMAND - base) * Math.sin(Math.PI * phase));
}

/**
 * Mean speed as a fraction of free-flow speed at a demand: 1 at night, ≈ 0.89 in daytime, ≈ 0.73 at the
 * peak of a rush hour — slower, but still `mostlyFree` on every road class (see `speed-bands`).
 */
export function speedFactor(demand: number): number {
  return 1 - DEMAND_SLOWDOWN * demand * demand;
}

/**
 * Detector occupancy consistent with a flow and a speed: density = flow / speed (veh/km/lane), times the
 * effective vehicle length; so slow traffic at the same flow occupies the detector longer.
 */
export function occupancyOf(flowPerLanePerHour: number, speedKmh: number): number {
  if (speedKmh <= 0) return MAX_OCCUPANCY;
  const densityPerKm = flowPerLanePerHour / speedKmh;
  return Math.min(MAX_OCCUPANCY, (densityPerKm * EFFECTIVE_VEHICLE_LENGTH_M) / 1000);
}
