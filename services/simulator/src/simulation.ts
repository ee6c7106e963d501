import type { CityEvent, EventFamily } from '@citybrain/domain';
import type { OutgoingRecord } from '@citybrain/kafka';
import type { SimulatorFlags } from './flags';
import { Pacer } from './pacing';
import { generateScenario, plannedIncidents, type ScenarioOptions, type SimGrid } from './scenario';
import { eventRecord, formatOf, malformedRecord } from './wire-records';

/** One day of event time, ms: `--forever` moves the period forward by this much each run. */
export const DAY_MS = 24 * 3_600_000;

/** One JSON line of the simulator's stdout: what the demo (or an operator's script) reads. */
export type SimulatorLine =
  | {
      readonly type: 'plan';
      readonly day: number;
      readonly seed: number;
      readonly startMs: number;
      readonly endMs: number;
      readonly congestion: number;
      readonly accidents: readonly string[];
      readonly caseSpikeGridId: string;
      readonly overduePermits: number;
    }
  | {
      /** A serious accident report (an ongoing accident with a casualty) was acknowledged by Kafka. */
      readonly type: 'sent';
      readonly family: 'traffic';
      readonly incidentId: string;
      readonly eventId: string;
      readonly gridId: string;
      readonly eventTimeMs: number;
      readonly injured: number;
      readonly dead: number;
      /** Wall time the send of its batch started, epoch ms. */
      readonly sentAtMs: number;
    }
  | {
      readonly type: 'summary';
      /** Valid scenario events sent. */
      readonly events: number;
      /** Malformed records sent on top of them. */
      readonly malformed: number;
      readonly seconds: number;
      /** `events / seconds`. */
      readonly eventsPerSecond: number;
      /** Runs (days) started. */
      readonly days: number;
      /** Whether the run was cut short by a signal. */
      readonly interrupted: boolean;
    };

/** The summary line. */
export type SimulationSummary = Extract<SimulatorLine, { type: 'summary' }>;

/** Where records go: a Kafka producer in production, an array in tests. */
export interface RecordSink {
  /** Resolves once every record is acknowledged. */
  send(records: readonly OutgoingRecord[]): Promise<void>;
}

/** The wall clock, injectable so that tests run in virtual time. */
export interface WallClock {
  now(): number;
  /** Waits `ms`, or less when `signal` aborts; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** What to simulate and where to send it. */
export interface SimulationSettings {
  readonly flags: SimulatorFlags;
  readonly grids: readonly SimGrid[];
  /** Input topic of each family (with the deployment's suffix). */
  readonly topics: Readonly<Record<EventFamily, string>>;
  /** Record key of an event: its grid id (coordinates resolved to the grid they fall in). */
  keyOf(event: CityEvent): string;
  /** Largest batch, records (default 500). */
  readonly maxBatchRecords?: number;
  /** Longest a record waits in a batch for company, wall ms (default 20). */
  readonly lingerMs?: number;
}

/** The I/O a simulation needs. */
export interface SimulationIo {
  readonly sink: RecordSink;
  readonly clock: WallClock;
  /** Writes one stdout line. */
  emit(line: SimulatorLine): void;
  /** Aborting stops the run after the batch in hand is sent. */
  readonly signal: AbortSignal;
}

/** Whether an event is a report that the serious-accident rule fires on (an ongoing accident with a casualty). */
export function isSeriousAccidentReport(event: CityEvent): event is Extract<CityEvent, { type: 'incident' }> {
  return (
    event.family === 'traffic' &&
    event.type === 'incident' &&
    event.incidentType === 'accident' &&
    event.status === 'onGoing' &&
    event.injured + event.dead >= 1
  );
}

/** Scenario options of run (day) `day`: the period moves on by a day and the seed by one. */
export function dayOptions(flags: SimulatorFlags, grids: readonly SimGrid[], day: number): ScenarioOptions {
  return {
    seed: (flags.seed + day) >>> 0,
    grids,
    startMs: flags.startMs + day * DAY_MS,
    durationMs: flags.durationMs,
  };
}

interface Pending {
  readonly record: OutgoingRecord;
  readonly accident?: Extract<CityEvent, { type: 'incident' }>;
}

/**
 * Publishes the scenario, paced by event time (an event of time `t` is sent at
 * `wallStart + (t - start) / compression`), in batches of at most `maxBatchRecords` that wait at most
 * `lingerMs`; a serious accident report is sent at once. Every `malformedEvery`th record on the wire is
 * a malformed one, added next to a scenario event (never replacing one, so the scenario's planned
 * incidents all reach the processor). With `forever`, runs day after day until `signal` aborts.
 */
export async function runSimulation(
  settings: SimulationSettings,
  io: SimulationIo,
): Promise<SimulationSummary> {
  const { flags, topics } = settings;
  const maxBatch = settings.maxBatchRecords ?? 500;
  const lingerMs = settings.lingerMs ?? 20;
  const { clock, sink, signal } = io;
  const startedAt = clock.now();
  let events = 0;
  let malformed = 0;
  let records = 0;
  let days = 0;

  let batch: Pending[] = [];
  let batchOpenedAt = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    const sentAtMs = clock.now();
    await sink.send(sending.map((p) => p.record));
    for (const { accident, record } of sending) {
      if (accident === undefined) continue;
      io.emit({
        type: 'sent',
        family: 'traffic',
        incidentId: accident.incidentId,
        eventId: accident.eventId,
        gridId: typeof record.key === 'string' ? record.key : String(record.key),
        eventTimeMs: accident.eventTimeMs,
        injured: accident.injured,
        dead: accident.dead,
        sentAtMs,
      });
    }
  };
  const add = (pending: Pending): void => {
    if (batch.length === 0) batchOpenedAt = clock.now();
    batch.push(pending);
    records++;
  };

  try {
    for (let day = 0; !signal.aborted && (day === 0 || flags.forever); day++) {
      const options = dayOptions(flags, settings.grids, day);
      const plan = plannedIncidents(options);
      days++;
      io.emit({
        type: 'plan',
        day,
        seed: options.seed,
        startMs: options.startMs,
        endMs: options.startMs + options.durationMs,
        congestion: plan.congestion.length,
        accidents: plan.accidents.map((a) => a.incidentId),
        caseSpikeGridId: plan.caseSpike.gridId,
        overduePermits: plan.overduePermits.length,
      });
      const pacer = new Pacer({
        eventStartMs: options.startMs,
        wallStartMs: clock.now(),
        compression: flags.compression,
        ratePerSecond: flags.ratePerSecond,
      });
      for (const event of generateScenario(options)) {
        if (signal.aborted) break;
        const due = pacer.dueAt(event.eventTimeMs, clock.now());
        if (due > clock.now()) {
          // Waiting would age the batch past the linger bound: send it first.
          if (batch.length > 0 && due - batchOpenedAt >= lingerMs) await flush();
          const waitMs = due - clock.now();
          if (waitMs >= 1) await clock.sleep(waitMs, signal);
          if (signal.aborted) break;
        }
        const topic = topics[event.family];
        const key = settings.keyOf(event);
        if (flags.malformedEvery > 0 && (records + 1) % flags.malformedEvery === 0) {
          malformed++;
          add({ record: malformedRecord(malformed, event, topic, key) });
        }
        const accident = isSeriousAccidentReport(event) ? event : undefined;
        add({
          record: eventRecord(event, topic, key, formatOf(event.eventId, flags.jsonFraction)),
          ...(accident === undefined ? {} : { accident }),
        });
        events++;
        if (accident !== undefined || batch.length >= maxBatch || clock.now() - batchOpenedAt >= lingerMs)
          await flush();
      }
    }
  } finally {
    // On a signal too: what is batched is sent before the summary.
    await flush();
  }
  const seconds = (clock.now() - startedAt) / 1000;
  const summary: SimulationSummary = {
    type: 'summary',
    events,
    malformed,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: seconds > 0 ? Math.round((events / seconds) * 10) / 10 : events,
    days,
    interrupted: signal.aborted,
  };
  io.emit(summary);
  return summary;
}
