import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import { DEFAULT_GRIDS_FILE } from './config';
import { decodeBatch } from '@citybrain/ingest';
import { areaPartitioner, readRepartitioned, repartitionRecords } from './repartition';

const registry = GridRegistry.parse(readFileSync(DEFAULT_GRIDS_FILE, 'utf8'));
const T = Date.UTC(2026, 10, 25, 8, 0, 0);
const TOPIC = 'g.events-by-area';

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

describe('the repartition topic', () => {
  const grids = registry.grids.slice(0, 40);
  const events = grids.map((g, i) => obs(`e${i}`, g.id, T + i * 1000));
  const source = batchOf(events.map((e, i) => record(3, 100 + i, e)));
  const decoded = decodeBatch(source, 'traffic', TOPIC_BY_FAMILY.traffic, registry);
  const partitions = 3;
  const of = areaPartitioner(registry, partitions);
  const out = repartitionRecords(TOPIC, partitions, of, source, decoded.events);

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
      const back = readRepartitioned(partitionBatch(out, p), (t) =>
        t === 'city.traffic.v1' ? 'traffic' : undefined,
      );
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
      readRepartitioned(
        partitionBatch(repartitionRecords(TOPIC, partitions, of, b, decoded.events), 0),
        (t) => (t === 'city.traffic.v1' ? 'traffic' : undefined),
      ).progress.map((p) => p.readToEnd);
    expect(read(source)).toEqual([true]);
    expect(read(behind)).toEqual([false]);
  });

  it('sends no progress for a batch without a valid event', () => {
    expect(repartitionRecords(TOPIC, partitions, of, source, [])).toEqual([]);
  });
});
