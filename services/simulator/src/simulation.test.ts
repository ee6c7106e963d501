import { describe, expect, it } from 'vitest';
import { decodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { CityEvent } from '@citybrain/domain';
import type { OutgoingRecord } from '@citybrain/kafka';
import { parseSimulatorFlags } from './flags';
import { pacedWallMs } from './pacing';
import { generateScenario, plannedIncidents } from './scenario';
import { cityTime, gridIdOf, testGrids } from './scenario/test-fixtures';
import { dayOptions, runSimulation, DAY_MS, type SimulationSettings, type SimulatorLine } from './simulation';

const grids = testGrids(12);
const topics = { traffic: 'city.traffic.v1.t', permit: 'city.permit.v1.t', case: 'city.case.v1.t' };
const canonical: Record<string, string> = {
  [topics.traffic]: TOPIC_BY_FAMILY.traffic,
  [topics.permit]: TOPIC_BY_FAMILY.permit,
  [topics.case]: TOPIC_BY_FAMILY.case,
};

interface Sent {
  readonly atMs: number;
  readonly records: readonly OutgoingRecord[];
}

/** A run in virtual time: sleeping moves the clock, sending takes `sendMs`. */
function harness(argv: string[], options: { abortAtMs?: number; sendMs?: number } = {}) {
  let now = 1_000_000;
  const start = now;
  const sends: Sent[] = [];
  const lines: SimulatorLine[] = [];
  const abort = new AbortController();
  const tick = (ms: number) => {
    now += ms;
    if (options.abortAtMs !== undefined && now - start >= options.abortAtMs) abort.abort();
  };
  const settings: SimulationSettings = {
    flags: parseSimulatorFlags(argv),
    grids,
    topics,
    keyOf: (e: CityEvent) => gridIdOf(e, grids) ?? 'unlocated',
  };
  const run = runSimulation(settings, {
    sink: {
      send: (records) => {
        sends.push({ atMs: now, records });
        tick(options.sendMs ?? 2);
        return Promise.resolve();
      },
    },
    clock: {
      now: () => now,
      sleep: (ms) => {
        tick(ms);
        return Promise.resolve();
      },
    },
    emit: (line) => lines.push(line),
    signal: abort.signal,
  });
  return { run, sends, lines, start, settings };
}

const decoded = (r: OutgoingRecord) =>
  decodeEvent({ topic: canonical[r.topic]!, value: r.value, headers: r.headers ?? {} });

const START = cityTime(7, 30);
const base = ['--start', new Date(START).toISOString(), '--city-minutes', '30', '--seed', '3'];

describe('runSimulation', () => {
  it('sends every scenario event once, paced by event time, in batches that wait at most 20 ms', async () => {
    const h = harness([...base, '--compression', '60', '--malformed-every', '0']);
    const summary = await h.run;
    const expected = [...generateScenario(dayOptions(h.settings.flags, grids, 0))];
    const records = h.sends.flatMap((s) => s.records.map((r) => ({ r, atMs: s.atMs })));
    expect(records.map(({ r }) => (decoded(r) as { event: CityEvent }).event.eventId)).toEqual(
      expected.map((e) => e.eventId),
    );
    const pacing = { eventStartMs: START, wallStartMs: h.start, compression: 60, ratePerSecond: 0 };
    for (const { r, atMs } of records) {
      const result = decoded(r);
      if (!result.ok) throw result.error;
      const due = pacedWallMs(result.event.eventTimeMs, pacing);
      expect(atMs).toBeGreaterThanOrEqual(due - 1); // sleeps shorter than 1 ms are skipped
      expect(atMs - due).toBeLessThanOrEqual(20 + 2 * 2); // linger, plus the send in front of it
      expect(r.key).toBe(gridIdOf(result.event, grids));
      expect(r.topic).toBe(topics[result.event.family]);
    }
    expect(Math.max(...h.sends.map((s) => s.records.length))).toBeLessThanOrEqual(500);
    // 30 city minutes at 60x: about 30 wall seconds.
    expect(summary).toMatchObject({ type: 'summary', events: expected.length, malformed: 0, days: 1 });
    expect(summary.seconds).toBeGreaterThan(29.9);
    expect(summary.seconds).toBeLessThan(30.2);
    expect(summary.eventsPerSecond).toBeCloseTo(expected.length / summary.seconds, 0);
  });

  it('makes every Nth record on the wire a malformed one, without dropping a scenario event', async () => {
    const h = harness([...base, '--compression', '0', '--malformed-every', '50']);
    const summary = await h.run;
    const wire = h.sends.flatMap((s) => s.records);
    expect(wire).toHaveLength(summary.events + summary.malformed);
    expect(summary.malformed).toBe(Math.floor(wire.length / 50));
    wire.forEach((r, i) => {
      const result = decoded(r);
      expect(result.ok, `record ${i + 1}`).toBe((i + 1) % 50 !== 0);
      if (!result.ok) expect(['malformed-protobuf', 'missing-field']).toContain(result.error.reason);
    });
    const reasons = wire.flatMap((r) => {
      const result = decoded(r);
      return result.ok ? [] : [result.error.reason];
    });
    expect(new Set(reasons)).toEqual(new Set(['malformed-protobuf', 'missing-field']));
  });

  it('sends about --json-fraction of the records as JSON', async () => {
    const h = harness([...base, '--compression', '0', '--malformed-every', '0', '--json-fraction', '0.3']);
    await h.run;
    const wire = h.sends.flatMap((s) => s.records);
    const json = wire.filter((r) => r.headers?.['content-type'] === 'application/json').length;
    expect(json / wire.length).toBeGreaterThan(0.27);
    expect(json / wire.length).toBeLessThan(0.33);
  });

  it('prints the plan, then a "sent" line per serious accident report, stamped with its send', async () => {
    const h = harness([...base, '--compression', '60']);
    await h.run;
    const plan = plannedIncidents(dayOptions(h.settings.flags, grids, 0));
    expect(plan.accidents.length).toBeGreaterThan(0);
    expect(h.lines[0]).toMatchObject({
      type: 'plan',
      day: 0,
      seed: 3,
      startMs: START,
      accidents: plan.accidents.map((a) => a.incidentId),
    });
    const sent = h.lines.filter((l) => l.type === 'sent');
    expect(new Set(sent.map((l) => l.incidentId))).toEqual(new Set(plan.accidents.map((a) => a.incidentId)));
    for (const line of sent) {
      // The report goes out alone, at once: its batch starts at sentAtMs and ends with it.
      const send = h.sends.find((s) => s.atMs === line.sentAtMs)!;
      const last = decoded(send.records[send.records.length - 1]!);
      expect(last.ok && last.event.eventId).toBe(line.eventId);
      expect(line.injured + line.dead).toBeGreaterThanOrEqual(1);
    }
    expect(h.lines.at(-1)?.type).toBe('summary');
  });

  it('stops on the signal, sends what it has batched, and says it was interrupted', async () => {
    const h = harness([...base, '--compression', '60'], { abortAtMs: 10_000 });
    const summary = await h.run;
    const wire = h.sends.flatMap((s) => s.records);
    expect(summary.interrupted).toBe(true);
    expect(wire).toHaveLength(summary.events + summary.malformed);
    expect(summary.seconds).toBeGreaterThanOrEqual(10);
    expect(summary.seconds).toBeLessThan(10.1);
  });

  it('with --forever moves on a day (and a seed) per run until stopped', async () => {
    const h = harness([...base, '--city-minutes', '25', '--compression', '0', '--forever'], {
      abortAtMs: 1_000,
      sendMs: 1,
    });
    const summary = await h.run;
    const plans = h.lines.filter((l) => l.type === 'plan');
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(summary.days).toBe(plans.length);
    expect(plans[1]).toMatchObject({ day: 1, seed: 4, startMs: START + DAY_MS });
    // Generating two city days is CPU work: give a busy two-core machine room (not a timed assertion).
  }, 30_000);
});
