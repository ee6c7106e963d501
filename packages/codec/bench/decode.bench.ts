/**
 * Micro benchmark (not a test) of the input codec: `pnpm --filter @citybrain/codec bench`.
 * Decodes the same records, as Buffers like kafkajs hands them over, through the protobuf fast
 * path (`decodeEvent`) and the general path it replaced (`referenceDecodeEvent`), rounds
 * interleaved, and prints ns per record and the speed-up. JSON records (the general path in both)
 * are timed apart.
 */
import type { CityEvent } from '@citybrain/domain';
import {
  decodeEvent,
  encodeEvent,
  referenceDecodeEvent,
  topicOfEvent,
  type EventRecord,
} from '../src/event-codec';

const T0 = Date.UTC(2024, 4, 1, 8);

function event(i: number): CityEvent {
  const envelope = {
    eventId: `evt-${i}`,
    eventTimeMs: T0 + i * 37,
    source: `sensor-${i % 500}`,
    location:
      i % 3 === 0
        ? ({ kind: 'grid', gridId: `LG-A${i % 9}-G${i % 40}` } as const)
        : ({ kind: 'point', lat: 22.7 + (i % 100) / 1000, lon: 114.2 + (i % 77) / 1000 } as const),
  };
  if (i % 20 === 0) {
    return {
      family: 'case',
      ...envelope,
      caseId: `SR-${i}`,
      stage: 'dispatched',
      serviceCode: 'waste.dumping',
      urgency: 'normal',
      channel: 'hotline',
      description: 'piled by the road',
    };
  }
  if (i % 20 === 1) {
    return {
      family: 'traffic',
      type: 'incident',
      ...envelope,
      incidentId: `inc-${i}`,
      incidentType: 'accident',
      status: 'onGoing',
      injured: 1,
      dead: 0,
      vehiclesInvolved: 2,
      description: 'two cars',
    };
  }
  return {
    family: 'traffic',
    type: 'observation',
    ...envelope,
    refRoadSegment: `seg-${i % 300}`,
    roadClass: 'arterial',
    laneId: i % 4,
    intensity: i % 60,
    occupancy: (i % 100) / 100,
    averageVehicleSpeedKmh: 10 + (i % 70),
  };
}

function records(n: number, format: 'protobuf' | 'json'): EventRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const e = event(i);
    const { value, headers } = encodeEvent(e, format);
    return { topic: topicOfEvent(e), value: Buffer.from(value), headers };
  });
}

function time(decode: (r: EventRecord) => unknown, input: readonly EventRecord[]): number {
  // CPU time, not wall time: the machine is shared, and a descheduled process is not slower code.
  const start = process.cpuUsage();
  let ok = 0;
  for (const r of input) if ((decode(r) as { ok: boolean }).ok) ok++;
  const used = process.cpuUsage(start);
  const ns = ((used.user + used.system) * 1000) / input.length;
  if (ok !== input.length) throw new Error(`only ${ok} of ${input.length} decoded`);
  return ns;
}

const N = Number(process.argv[2] ?? 100_000);
const ROUNDS = 7;
for (const format of ['protobuf', 'json'] as const) {
  const input = records(N, format);
  const fast: number[] = [];
  const general: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fast.push(time(decodeEvent, input));
    general.push(time(referenceDecodeEvent, input));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${format}: decodeEvent ${median(fast).toFixed(0)} ns CPU/record, general path ${median(general).toFixed(0)} ns/record ` +
      `(×${(median(general) / median(fast)).toFixed(2)}; medians of ${ROUNDS} interleaved rounds of ${N} records)`,
  );
}
