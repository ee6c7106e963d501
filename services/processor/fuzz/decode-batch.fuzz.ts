// On-demand fuzzing of the processor's input edge (`pnpm fuzz`): fast-check generates Kafka records —
// valid events with any event time the codec allows, any key, any record timestamp, and random bytes —
// and checks that decodeBatch never throws, never lets an event through that is dated more than the
// skew ahead of its record, never lets a keyless record through, and accounts for every record.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import type { IncomingRecord } from '@citybrain/kafka';
import { DEFAULT_GRIDS_FILE } from '../src/config';
import { DEFAULT_MAX_FUTURE_SKEW_MS, decodeBatch } from '@citybrain/ingest';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const registry = GridRegistry.parse(readFileSync(DEFAULT_GRIDS_FILE, 'utf8'));
const gridIds = registry.grids.map((g) => g.id);
const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2101 = Date.UTC(2101, 0, 1);

const observation = fc.record({
  eventTimeMs: fc.integer({ min: YEAR_2000, max: YEAR_2101 }),
  gridId: fc.oneof(fc.constantFrom(...gridIds), fc.string({ maxLength: 8 })),
  speed: fc.double({ min: -10, max: 400, noNaN: true }),
  source: fc.string({ maxLength: 20 }),
});
const record = fc.record({
  value: fc.oneof(
    observation.map((o) => {
      const event: TrafficObservation = {
        family: 'traffic',
        type: 'observation',
        eventId: 'fuzz',
        eventTimeMs: o.eventTimeMs,
        source: o.source,
        location: { kind: 'grid', gridId: o.gridId },
        refRoadSegment: 'S1',
        roadClass: 'arterial',
        laneId: 0,
        intensity: 10,
        occupancy: 0.2,
        averageVehicleSpeedKmh: o.speed,
      };
      return encodeEvent(event, 'protobuf');
    }),
    fc
      .uint8Array({ maxLength: 200 })
      .map((b) => ({ value: b, headers: { 'content-type': 'application/x-protobuf' } })),
  ),
  key: fc.option(fc.string({ maxLength: 6 }), { nil: null }),
  timestampMs: fc.integer({ min: YEAR_2000, max: YEAR_2101 }),
});

const reasons = new Map<string, number>();
let records = 0;
let accepted = 0;
fc.assert(
  fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: 0, max: 3_600_000 }), (rs, skew) => {
    const incoming: IncomingRecord[] = rs.map((r, i) => ({
      topic: 'city.traffic.v1',
      partition: 0,
      offset: String(i),
      key: r.key === null ? null : Buffer.from(r.key),
      value: Buffer.from(r.value.value),
      headers: r.value.headers,
      timestampMs: r.timestampMs,
    }));
    const out = decodeBatch(
      { topic: 'city.traffic.v1', partition: 0, records: incoming, highWatermark: String(rs.length) },
      'traffic',
      TOPIC_BY_FAMILY.traffic,
      registry,
      { maxFutureSkewMs: skew },
    );
    records += rs.length;
    accepted += out.events.length;
    for (const r of out.rejected) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    if (out.events.length + out.rejected.length !== rs.length) return false;
    return out.events.every((e) => {
      const ref = e.ref;
      return ref.key !== null && ref.key.length > 0 && e.event.eventTimeMs - ref.timestampMs <= skew;
    });
  }),
  { numRuns: RUNS },
);
console.log(
  `decodeBatch: ${RUNS} batches, ${records} records (default skew ${DEFAULT_MAX_FUTURE_SKEW_MS} ms, random skews tried): ` +
    `${accepted} accepted; rejected by reason: ${JSON.stringify(Object.fromEntries([...reasons].sort()))}`,
);
