import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import { DEFAULT_GRIDS_FILE } from './config';
import { decodeBatch } from '@citybrain/ingest';
import {
  areaPartitioner,
  readRepartitioned,
  repartitionRecords,
  type RepartitionFormat,
  type SourceTopics,
} from './repartition';

const registry = GridRegistry.parse(readFileSync(DEFAULT_GRIDS_FILE, 'utf8'));
const T = Date.UTC(2026, 10, 25, 8, 0, 0);
const TOPIC = 'g.events-by-area';
const SOURCES: SourceTopics = {
  familyOf: (t) => (t === 'city.traffic.v1' ? 'traffic' : undefined),
  topicOf: (f) => `city.${f}.v1`,
};

const obs = (id: string, gridId: string, eventTimeMs: number): TrafficObservation => ({
  family: 'traffic',
  type: 'observation',
  eventId: id,
  eventTimeMs,
  source: `sensor/${gridId}-S1`,
  location: { kind: 'grid', gridId },
  refRoadSegment: `${gridId}-S1`,
  roadClass: 'arterial',
  laneId: 0,
  intensity: 10,
  occupancy: 0.2,
  averageVehicleSpeedKmh: 50,
});

function record(partition: number, offset: number, event: TrafficObservation): IncomingRecord {
  const { value, headers } = encodeEvent(event);
  return {
    topic: 'city.traffic.v1',
    partition,
    offset: String(offset),
    key: Buffer.from(event.location.kind === 'grid' ? event.location.gridId : ''),
    value: Buffer.from(value),
    headers,
    timestampMs: event.eventTimeMs + 100,
  };
}

const batchOf = (records: IncomingRecord[]): IncomingBatch => ({
  topic: records[0]!.topic,
  partition: records[0]!.partition,
  records,
  highWatermark: String(Number(records[records.length - 1]!.offset) + 1),
});

/** The records one repartition partition receives, as the area task reads them. */
const partitionBatch = (records: ReturnType<typeof repartitionRecords>, p: number): IncomingBatch => ({
  topic: TOPIC,
  partition: p,
  highWatermark: '0',
  records: records
    .filter((r) => r.partition === p)
    .map((r, i) => ({
      topic: TOPIC,
      partition: p,
      offset: String(i),
      key: r.key === null ? null : Buffer.from(r.key),
      value: r.value === null ? null : Buffer.from(r.value),
      headers: { ...r.headers },
      timestampMs: r.timestampMs ?? 0,
    })),
});

describe('areaPartitioner', () => {
  it('deals the areas evenly over the partitions, the same on every instance', () => {
    const of = areaPartitioner(registry, 4);
    const counts = [0, 0, 0, 0];
    for (const a of registry.areas) counts[of(a.id)]!++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(registry.areas.map((a) => of(a.id))).toEqual(
      registry.areas.map((a) => areaPartitioner(registry, 4)(a.id)),
    );
  });
});

const grids = registry.grids.slice(0, 40);
const events = grids.map((g, i) => obs(`e${i}`, g.id, T + i * 1000));
const source = batchOf(events.map((e, i) => record(3, 100 + i, e)));
const decoded = decodeBatch(source, 'traffic', TOPIC_BY_FAMILY.traffic, registry);
const partitions = 3;
const of = areaPartitioner(registry, partitions);
const write = (b: IncomingBatch, format: RepartitionFormat) =>
  repartitionRecords(TOPIC, partitions, of, b, 'traffic', decoded.events, format);

describe.each([1, 2] as const)('the repartition topic in format %i', (format) => {
  const out = write(source, format);

  it('sends each event to its area partition and the source progress to every partition, last', () => {
    for (const [i, e] of decoded.events.entries()) {
      expect(out[i]).toMatchObject({ partition: of(e.event.areaId), key: e.event.areaId });
      expect(out[i]!.timestampMs).toBe(source.records[i]!.timestampMs);
    }
    const progress = out.slice(decoded.events.length);
    expect(progress.map((r) => r.partition)).toEqual([0, 1, 2]);
  });

  it('reads back the source records untouched, with the source partition and the progress', () => {
    const seen: IncomingRecord[] = [];
    for (let p = 0; p < partitions; p++) {
      const back = readRepartitioned(partitionBatch(out, p), SOURCES);
      expect(back.progress).toEqual([
        { partition: 'city.traffic.v1/3', family: 'traffic', eventTimeMs: T + 39_000, readToEnd: true },
      ]);
      for (const run of back.runs) {
        expect(run).toMatchObject({ topic: 'city.traffic.v1', partition: 3 });
        seen.push(...run.records);
      }
    }
    const byOffset = new Map(source.records.map((r) => [r.offset, r]));
    expect(seen).toHaveLength(source.records.length);
    for (const r of seen) expect(r).toEqual(byOffset.get(r.offset));
    // Decoded again, they are the same located events, on the source partition.
    const again = decodeBatch(
      { ...source, records: seen.sort((a, b) => Number(a.offset) - Number(b.offset)) },
      'traffic',
      TOPIC_BY_FAMILY.traffic,
      registry,
    );
    expect(again.events.map((e) => [e.partition, e.offset, e.event.areaId])).toEqual(
      decoded.events.map((e) => [e.partition, e.offset, e.event.areaId]),
    );
  });

  it('says whether the source batch read its partition to the end', () => {
    const behind = { ...source, highWatermark: String(Number(source.records.at(-1)!.offset) + 5) };
    const read = (b: typeof source) =>
      readRepartitioned(partitionBatch(write(b, format), 0), SOURCES).progress.map((p) => p.readToEnd);
    expect(read(source)).toEqual([true]);
    expect(read(behind)).toEqual([false]);
  });

  it('sends no progress for a batch without a valid event', () => {
    expect(repartitionRecords(TOPIC, partitions, of, source, 'traffic', [], format)).toEqual([]);
  });
});

describe('the repartition formats', () => {
  it('are read alike when a rolling upgrade mixes them in one partition', () => {
    const [v1, v2] = [write(source, 1), write(source, 2)];
    // Old route tasks wrote the first half of the source, new ones the rest.
    const half = decoded.events.length / 2;
    const mixed = [...v1.slice(0, half), ...v2.slice(half)];
    const both = (p: number) => readRepartitioned(partitionBatch(mixed, p), SOURCES);
    const only2 = (p: number) => readRepartitioned(partitionBatch(v2, p), SOURCES);
    for (let p = 0; p < partitions; p++) {
      expect(both(p).runs.flatMap((r) => r.records)).toEqual(only2(p).runs.flatMap((r) => r.records));
      expect(both(p).progress).toEqual(only2(p).progress);
    }
  });

  it('format 2 writes no headers of its own, and fewer bytes than format 1', () => {
    const bytes = (rs: ReturnType<typeof write>) =>
      rs.reduce(
        (n, r) =>
          n +
          (r.value?.length ?? 0) +
          Object.entries(r.headers ?? {}).reduce((h, [k, v]) => h + k.length + v.length, 0),
        0,
      );
    const v2 = write(source, 2);
    for (const r of v2)
      expect(Object.keys(r.headers ?? {}).filter((k) => k.startsWith('x-citybrain'))).toEqual([]);
    expect(bytes(v2)).toBeLessThan(bytes(write(source, 1)));
  });

  it('skips what is in neither format, or names a source that is not an input, and never throws', () => {
    const valid = write(source, 2)[0]!;
    const v = Buffer.from(valid.value!);
    const bad = [
      null,
      Buffer.alloc(0),
      Buffer.from([2]),
      Buffer.from([3, 0, 0, 3, 100]), // another version
      Buffer.from([2, 9, 0, 3, 100, 0]), // another kind
      Buffer.from([2, 0, 7, 3, 100, 0]), // another family
      Buffer.from([2, 0, 0, 3, 228]), // truncated varint
      Buffer.from([2, 1, 0, 3, 0, 0]), // truncated progress
      Buffer.concat([v.subarray(0, 5), Buffer.from([120])]), // key longer than the record
      Buffer.from([2, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 1]), // varint too long
    ];
    const batch = partitionBatch(
      bad.map((value) => ({ ...valid, value, partition: 0 })),
      0,
    );
    expect(readRepartitioned(batch, SOURCES)).toEqual({ runs: [], progress: [] });
    const stranger: SourceTopics = { familyOf: () => undefined, topicOf: SOURCES.topicOf };
    expect(readRepartitioned(partitionBatch(write(source, 1), 0), stranger)).toEqual({
      runs: [],
      progress: [],
    });
  });

  it('format 2 reads back any source coordinates, key and value exactly', () => {
    const coordinates = fc.record({
      partition: fc.nat({ max: 100_000 }),
      offset: fc.maxSafeNat(),
      key: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }),
      value: fc.uint8Array({ maxLength: 300 }),
      eventTimeMs: fc.integer({ min: 0, max: 2 ** 45 }),
    });
    fc.assert(
      fc.property(coordinates, (c) => {
        const ref: IncomingRecord = {
          topic: 'city.traffic.v1',
          partition: c.partition,
          offset: String(c.offset),
          key: c.key === null ? null : Buffer.from(c.key),
          value: Buffer.from(c.value),
          headers: { 'content-type': 'application/x-protobuf' },
          timestampMs: 5,
        };
        const event = {
          ...decoded.events[0]!,
          event: { ...decoded.events[0]!.event, eventTimeMs: c.eventTimeMs },
          ref,
        };
        const b: IncomingBatch = {
          topic: ref.topic,
          partition: ref.partition,
          records: [ref],
          highWatermark: '-1',
        };
        const out = repartitionRecords(TOPIC, 1, () => 0, b, 'traffic', [event], 2);
        const back = readRepartitioned(partitionBatch(out, 0), SOURCES);
        expect(back.runs.flatMap((r) => r.records)).toEqual([ref]);
        expect(back.progress).toEqual([
          {
            partition: `city.traffic.v1/${c.partition}`,
            family: 'traffic',
            eventTimeMs: c.eventTimeMs,
            readToEnd: false,
          },
        ]);
      }),
    );
  });
});
