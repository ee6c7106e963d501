import { readFileSync } from 'node:fs';
import { encodeEvent } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import { parseRuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { compareAlerts, formatBacktestReport, sameAlerts, type BacktestReport } from './backtest-report';
import { Replay } from './replay';

const file = (path: string) =>
  readFileSync(new URL(`../../../deploy/config/${path}`, import.meta.url), 'utf8');
const registry = GridRegistry.parse(file('longgang-grids.yaml'));
const shipped = parseRuleSet(YAML.parse(file('rules.yaml')));
const T = Date.UTC(2026, 10, 25, 0, 0);
const inputs = { traffic: 'city.traffic.v1.x', permit: 'city.permit.v1.x', case: 'city.case.v1.x' };

const obs = (id: string, atMs: number, speed: number): TrafficObservation => ({
  family: 'traffic',
  type: 'observation',
  eventId: id,
  eventTimeMs: atMs,
  source: 'sensor/G001-S1',
  location: { kind: 'grid', gridId: 'G001' },
  refRoadSegment: 'G001-S1',
  roadClass: 'arterial',
  laneId: 0,
  intensity: 10,
  occupancy: 0.5,
  averageVehicleSpeedKmh: speed,
});

let offset = 0;
function batch(events: TrafficObservation[], recordTimeMs: number, garbage = false): IncomingBatch {
  const records: IncomingRecord[] = events.map((e) => {
    const { value, headers } = encodeEvent(e);
    return {
      topic: inputs.traffic,
      partition: 0,
      offset: String(offset++),
      key: Buffer.from('G001'),
      value: Buffer.from(value),
      headers,
      timestampMs: recordTimeMs,
    };
  });
  if (garbage)
    records.push({
      topic: inputs.traffic,
      partition: 0,
      offset: String(offset++),
      key: Buffer.from('G001'),
      value: Buffer.from([0x0a, 0xff]),
      headers: { 'content-type': 'application/x-protobuf' },
      timestampMs: recordTimeMs,
    });
  return { topic: inputs.traffic, partition: 0, records, highWatermark: String(offset) };
}

/** A slow first minute, then free flow: congestion fires and resolves. */
function replayWith(ruleSet = shipped): Replay {
  const replay = new Replay({
    settings: { graceMs: 0, watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 10_000 } },
    maxFutureSkewMs: 300_000,
    ruleSet,
    registry,
    inputs,
    partitions: new Map([[inputs.traffic, [0]]]),
  });
  replay.process(
    batch(
      [0, 1, 2].map((i) => obs(`s${i}`, T + i * 15_000, 12)),
      T + 40_000,
      true,
    ),
  );
  replay.process(
    batch(
      [0, 1, 2].map((i) => obs(`f${i}`, T + 60_000 + i * 15_000, 50)),
      T + 100_000,
    ),
  );
  replay.process(batch([obs('late', T + 125_000, 50)], T + 125_000));
  return replay;
}

describe('Replay', () => {
  it('decodes as the processor does and raises the pipeline’s alerts at the records’ processing time', () => {
    const replay = replayWith();
    expect(replay.progress).toEqual({ records: 8, events: 7, rejected: 1, late: 0 });
    const congestion = replay.alerts.filter((a) => a.alert.rule === 'traffic-congestion');
    expect(congestion.map((a) => [a.alert.status, a.alert.severity, a.atMs])).toEqual([
      ['firing', 'high', T + 100_000],
      ['resolved', 'high', T + 125_000],
    ]);
    expect(congestion[0]!.alert.evidence?.records.map((r) => r.eventId)).toEqual(['s0', 's1', 's2']);
  });

  it('refuses a batch of a topic that is not an input', () => {
    const replay = replayWith();
    expect(() => replay.process({ topic: 'other', partition: 0, records: [], highWatermark: '0' })).toThrow(
      /unexpected topic other/,
    );
  });
});

describe('the backtest report', () => {
  const report = (
    candidate: BacktestReport['candidate'],
    actual: BacktestReport['actual'],
  ): BacktestReport => ({
    fromMs: T,
    toMs: T + 3_600_000,
    warmupMs: 0,
    rulesFile: 'candidate.yaml',
    input: {
      records: 8,
      events: 7,
      rejected: 1,
      late: 0,
      durationMs: 2_000,
      eventsPerSecond: 4,
      speedup: 62,
    },
    candidate,
    actual,
    diff: compareAlerts(candidate, actual),
  });
  const raised = replayWith().alerts.map((a) => a.alert);

  it('says "no difference" when the candidate raises what was raised', () => {
    const r = report(raised, raised);
    expect(sameAlerts(r)).toBe(true);
    expect(formatBacktestReport(r)).toMatch(
      /^rules backtest 2026-11-25T00:00:00Z \.\. 2026-11-25T01:00:00Z with candidate\.yaml\n/,
    );
    expect(formatBacktestReport(r)).toMatch(/\nno difference\n$/);
  });

  it('lists what differs per alert and per rule and area', () => {
    // A candidate with a severe-only arterial threshold raises no congestion at 12 km/h.
    const strict = parseRuleSet(
      YAML.parse(
        file('rules.yaml').replace(
          "condition: { op: '<=', threshold: 20 }\n    escalate: [{ threshold: 15",
          "condition: { op: '<=', threshold: 10 }\n    escalate: [{ threshold: 5",
        ),
      ),
    );
    const candidate = replayWith(strict).alerts.map((a) => a.alert);
    const r = report(candidate, raised);
    expect(sameAlerts(r)).toBe(false);
    expect(r.diff.removed.map((a) => [a.rule, a.gridId, a.status])).toEqual([
      ['traffic-congestion', 'G001', 'resolved'],
    ]);
    const text = formatBacktestReport(r);
    expect(text).toContain('removed: raised, the candidate would not (1):');
    expect(text).toMatch(
      / {2}- traffic-congestion G001 A01 \{roadClass=arterial\} resolved high value=50 starts 2026-11-25T00:00:00Z ends/,
    );
    expect(text).toContain('  traffic-congestion  A01       0        1        0');
  });
});
