/**
 * The citybrain simulator: publishes a seeded, reproducible scenario of Longgang's city events
 * (traffic, permits, cases) to Kafka, paced by event time, with a share of JSON records and some
 * malformed ones; prints one JSON line per serious accident sent and a summary at the end.
 *
 * @example
 * ```ts
 * import { parseSimulatorFlags, runSimulation } from '@citybrain/simulator';
 * const flags = parseSimulatorFlags(['--city-minutes', '30', '--compression', '0']);
 * const summary = await runSimulation(
 *   { flags, grids, topics: { traffic: 'city.traffic.v1', permit: 'city.permit.v1', case: 'city.case.v1' }, keyOf },
 *   { sink: producer, clock: { now: Date.now, sleep }, emit: (line) => console.log(JSON.stringify(line)), signal },
 * );
 * console.log(summary.eventsPerSecond);
 * ```
 */
export { loadSimulatorConfig, DEFAULT_GRIDS_FILE, type SimulatorConfig } from './config';
export { parseSimulatorFlags, DEFAULT_FLAGS, SIMULATOR_USAGE, type SimulatorFlags } from './flags';
export { Pacer, pacedWallMs, type PacingSettings } from './pacing';
export {
  runSimulation,
  dayOptions,
  isSeriousAccidentReport,
  DAY_MS,
  type RecordSink,
  type SimulationIo,
  type SimulationSettings,
  type SimulationSummary,
  type SimulatorLine,
  type WallClock,
} from './simulation';
export { formatOf, eventRecord, malformedRecord } from './wire-records';
export { generateScenario, plannedIncidents, type ScenarioPlan, type SimGrid } from './scenario';
