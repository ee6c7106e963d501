import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import { DEFAULT_MAX_FUTURE_SKEW_MS, FUTURE_EVENT_TIME, MISSING_KEY, decodeBatch } from './decode-batch';

const registry = GridRegistry.parse(
  readFileSync(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url), 'utf8'),
);
const T = Date.UTC(2026, 10, 25, 8, 0, 0);

const obs = (id: string, eventTimeMs: number): TrafficObservation => ({
  family: 'traffic',
  type: 'observation',
  eventId: id,
  eventTimeMs,
  source: 'sensor/G001-S1',
  location: { kind: 'grid', gridId: 'G001' },
  refRoadSegment: 'G001-S1',
  roadClass: 'arterial',
  laneId: 0,
  intensity: 10,
  occupancy: 0.2,
  averageVehicleSpeedKmh: 50,
});

function record(offset: number, event: TrafficObservation, timestampMs: number, key: string | null = 'G001') {
  const { value, headers } = encodeEvent(event);
  return {
    topic: 'city.traffic.v1',
    partition: 0,
    offset: String(offset),
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from(value),
    headers,
    timestampMs,
  } satisfies IncomingRecord;
}

const batch = (records: IncomingRecord[]): IncomingBatch => ({
  topic: 'city.traffic.v1',
  partition: 0,
  records,
  highWatermark: String(records.length),
});
const decode = (records: IncomingRecord[], maxFutureSkewMs?: number) =>
  decodeBatch(
    batch(records),
    'traffic',
    TOPIC_BY_FAMILY.traffic,
    registry,
    maxFutureSkewMs === undefined ? {} : { maxFutureSkewMs },
  );

describe('decodeBatch bounds event time by the record timestamp', () => {
  it('dead-letters an event dated 2100 and lets the batch around it through', () => {
    const out = decode([
      record(0, obs('a', T), T),
      record(1, obs('future', Date.UTC(2100, 11, 31)), T),
      record(2, obs('b', T + 1000), T + 1000),
    ]);
    expect(out.events.map((e) => e.event.eventId)).toEqual(['a', 'b']);
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]).toMatchObject({ reason: FUTURE_EVENT_TIME, source: 'sensor/G001-S1' });
    expect(out.rejected[0]!.record.offset).toBe('1');
    expect(out.rejected[0]!.message).toMatch(
      /^event_time 2100-12-31T00:00:00\.000Z is more than 300000 ms ahead/,
    );
  });

  it('accepts up to the bound inclusive, refuses one millisecond beyond, and uses the configured bound', () => {
    const at = DEFAULT_MAX_FUTURE_SKEW_MS;
    const out = decode([record(0, obs('edge', T + at), T), record(1, obs('over', T + at + 1), T)]);
    expect(out.events.map((e) => e.event.eventId)).toEqual(['edge']);
    expect(out.rejected.map((r) => r.reason)).toEqual([FUTURE_EVENT_TIME]);
    const strict = decode([record(0, obs('ahead', T + 1001), T)], 1000);
    expect(strict.rejected.map((r) => r.reason)).toEqual([FUTURE_EVENT_TIME]);
  });

  it('does not refuse old events: lateness is the windows’ business', () => {
    const out = decode([record(0, obs('old', Date.UTC(2001, 0, 1)), T)]);
    expect(out.events).toHaveLength(1);
    expect(out.rejected).toEqual([]);
  });

  it('decides the same on a replay: the processing clock plays no part', () => {
    const records = [record(0, obs('x', T + 10 * 60_000), T), record(1, obs('y', T), T)];
    const first = decode(records);
    const again = decode(records);
    expect(again.rejected.map((r) => r.record.offset)).toEqual(first.rejected.map((r) => r.record.offset));
    expect(first.rejected.map((r) => r.record.offset)).toEqual(['0']);
  });
});

describe('decodeBatch refuses records without a key', () => {
  it('dead-letters a null or empty key as missing-key', () => {
    const out = decode([
      record(0, obs('nokey', T), T, null),
      record(1, obs('empty', T), T, ''),
      record(2, obs('keyed', T), T),
    ]);
    expect(out.rejected.map((r) => [r.record.offset, r.reason])).toEqual([
      ['0', MISSING_KEY],
      ['1', MISSING_KEY],
    ]);
    expect(out.events.map((e) => e.event.eventId)).toEqual(['keyed']);
  });
});
