/**
 * Benchmark (not a test): alert latency under steady load on a real broker, processor and gateway.
 * Run: `pnpm bench:latency [--rate 10000] [--seconds 60] [--accidents 5] [--subscribers 1]`.
 *
 * A producer writes traffic observations at `--rate` events/s (event time = now, so the city is
 * live), and `--accidents` serious accidents per second on their own producer. For every accident it
 * measures the time from just before its send to (a) its alert being readable on the alerts topic
 * (read_committed: after the processor's transaction committed) and (b) its arrival on each gRPC
 * subscriber of the gateway, and prints p50/p90/p99/max of both, the rate actually produced, and the
 * processor's and gateway's event-loop lag, CPU and peak memory from their /metrics. Starts the local
 * broker unless KAFKA_BROKERS is set, and stops what it started.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { decodeAlertRecord, encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficIncident, TrafficObservation } from '@citybrain/domain';
import { BatchConsumer, BatchProducer, createKafkaClient, type OutgoingRecord } from '@citybrain/kafka';
import { acquireBroker } from '@citybrain/local-kafka';
import { createLogger } from '@citybrain/observability';
import { loadGrpcObject, type WireSubscribeResponse } from '@citybrain/proto';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from '../src/services';

const USAGE =
  'usage: pnpm bench:latency [--rate <events/s>] [--seconds <n>] [--accidents <per s>] [--subscribers <n>]';
const flags = (() => {
  try {
    const { values } = parseArgs({
      options: {
        rate: { type: 'string', default: '10000' },
        seconds: { type: 'string', default: '60' },
        accidents: { type: 'string', default: '5' },
        subscribers: { type: 'string', default: '1' },
      },
    });
    const n = (name: keyof typeof values) => {
      const v = Number(values[name]);
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`--${name}: a positive integer, not ${values[name]}`);
      return v;
    };
    return {
      rate: n('rate'),
      seconds: n('seconds'),
      accidents: n('accidents'),
      subscribers: n('subscribers'),
    };
  } catch (err: unknown) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
})();

const TICK_MS = 10;
const GRIDS = Array.from({ length: 103 }, (_, i) => `G${String(i + 1).padStart(3, '0')}`);
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const suffix = `.latency-${randomUUID().slice(0, 8)}`;
const topics = {
  traffic: TOPIC_BY_FAMILY.traffic + suffix,
  alerts: `city.alerts.v1${suffix}`,
};
const env = {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_LOG_LEVEL: 'warn',
  CITYBRAIN_GRPC_INSECURE: 'true',
};
const services: RunningService[] = [];
const client = createKafkaClient(
  { brokers: broker.brokers, clientId: 'citybrain-bench' },
  createLogger({ service: 'bench', level: 'warn' }),
);

/** When each accident was sent, and when its alert was seen where. */
const sentAt = new Map<string, number>();
const topicDelays: number[] = [];
const grpcDelays: number[] = [];

try {
  const [grpcPort, gPort, pPort] = [await freePort(), await freePort(), await freePort()];
  const gatewayMetrics = `http://127.0.0.1:${gPort}/metrics`;
  const processorMetrics = `http://127.0.0.1:${pPort}/metrics`;
  const gateway = startService('alert-gateway', {
    ...env,
    CITYBRAIN_GRPC_PORT: String(grpcPort),
    CITYBRAIN_GATEWAY_METRICS_PORT: String(gPort),
  });
  services.push(gateway);
  await waitHealthy(gatewayMetrics.replace('/metrics', '/healthz'), gateway, 120_000);
  const processor = startService('processor', {
    ...env,
    CITYBRAIN_PROCESSOR_METRICS_PORT: String(pPort),
    CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
  });
  services.push(processor);
  await waitHealthy(processorMetrics.replace('/metrics', '/healthz'), processor, 120_000);

  // (a) the alerts topic, read committed.
  const alertsReader = new BatchConsumer(client, {
    groupId: `citybrain-bench-alerts${suffix}`,
    topics: [topics.alerts],
    fromBeginning: true,
    onBatch: async (batch) => {
      const now = Date.now();
      for (const r of batch.records) {
        const d = decodeAlertRecord(r);
        const sent = d.ok ? sentAt.get(d.alert.labels['incidentId'] ?? '') : undefined;
        if (d.ok && d.alert.status === 'firing' && sent !== undefined) topicDelays.push(now - sent);
      }
      await Promise.resolve();
    },
  });
  await alertsReader.start();
  // (b) gRPC subscribers of the gateway.
  const AlertService = loadGrpcObject().citybrain.v1.AlertService;
  const subscribers = Array.from({ length: flags.subscribers }, (_, i) => {
    const c = new AlertService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    const call = c.Subscribe({});
    call.on('data', (msg: WireSubscribeResponse) => {
      const a = msg.alert;
      const sent = a ? sentAt.get(a.labels?.['incidentId'] ?? '') : undefined;
      if (i === 0 && a?.status === 'ALERT_STATUS_FIRING' && sent !== undefined)
        grpcDelays.push(Date.now() - sent);
    });
    call.on('error', () => {});
    return { client: c, call };
  });

  // The load: traffic at the rate, paced per tick (catching up when a send took longer).
  const bulk = new BatchProducer(client);
  const urgent = new BatchProducer(client);
  await Promise.all([bulk.connect(), urgent.connect()]);
  let produced = 0;
  let accidents = 0;
  const startedAt = Date.now();
  const endAt = startedAt + flags.seconds * 1000;
  const accidentEveryMs = 1000 / flags.accidents;
  const accidentLoop = (async () => {
    for (let next = startedAt; next < endAt; next += accidentEveryMs) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      const incidentId = `LAT-${++accidents}`;
      const now = Date.now();
      const e: TrafficIncident = {
        family: 'traffic',
        type: 'incident',
        eventId: incidentId,
        eventTimeMs: now,
        source: 'police/122',
        location: { kind: 'grid', gridId: GRIDS[accidents % GRIDS.length]! },
        incidentId,
        incidentType: 'accident',
        status: 'onGoing',
        injured: 2,
        dead: 0,
        vehiclesInvolved: 3,
        description: 'collision',
      };
      const encoded = encodeEvent(e, 'protobuf');
      sentAt.set(incidentId, now);
      await urgent.send([
        { topic: topics.traffic, key: e.location.kind === 'grid' ? e.location.gridId : '', ...encoded },
      ]);
    }
  })();
  let seq = 0;
  while (Date.now() < endAt) {
    const due = Math.floor(((Date.now() - startedAt) / 1000) * flags.rate) - produced;
    if (due > 0) {
      const now = Date.now();
      const records: OutgoingRecord[] = [];
      for (let i = 0; i < due; i++) {
        const gridId = GRIDS[seq % GRIDS.length]!;
        const o: TrafficObservation = {
          family: 'traffic',
          type: 'observation',
          eventId: `obs-${++seq}`,
          eventTimeMs: now,
          source: `sensor/${gridId}`,
          location: { kind: 'grid', gridId },
          refRoadSegment: `${gridId}-S1`,
          roadClass: 'arterial',
          laneId: 0,
          intensity: 20,
          occupancy: 0.3,
          averageVehicleSpeedKmh: 45,
        };
        records.push({ topic: topics.traffic, key: gridId, ...encodeEvent(o, 'protobuf') });
      }
      await bulk.send(records);
      produced += due;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await accidentLoop;
  const seconds = (Date.now() - startedAt) / 1000;
  await waitFor(
    'the last alerts',
    () => (topicDelays.length >= accidents && grpcDelays.length >= accidents ? true : undefined),
    15_000,
  ).catch(() => undefined);

  const [pm, gm] = [await scrape(processorMetrics), await scrape(gatewayMetrics)];
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  };
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(28)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50)} ms  p90 ${pct(xs, 90)} ms  ` +
    `p99 ${pct(xs, 99)} ms  max ${pct(xs, 100)} ms`;
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  console.log(
    `load: ${produced.toLocaleString('en')} observations in ${seconds.toFixed(1)} s = ` +
      `${Math.round(produced / seconds).toLocaleString('en')} events/s (asked ${flags.rate}); ` +
      `${accidents} serious accidents; ${flags.subscribers} gRPC subscriber(s)`,
  );
  console.log(row('accident → alerts topic', topicDelays));
  console.log(row('accident → gRPC subscriber', grpcDelays));
  for (const [name, m] of [
    ['processor', pm],
    ['gateway', gm],
  ] as const)
    console.log(
      `${name.padEnd(9)} event-loop lag p99 ${(m('nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} ms, ` +
        `max ${(m('nodejs_eventloop_lag_max_seconds') * 1000).toFixed(1)} ms; CPU ` +
        `${m('process_cpu_seconds_total').toFixed(1)} s; RSS ${mb(m('process_resident_memory_bytes'))}; ` +
        `heap ${mb(m('nodejs_heap_size_used_bytes'))}`,
    );
  const batches = pm('citybrain_batch_duration_seconds_count');
  console.log(
    `processor: ${batches} batches, mean ${((pm('citybrain_batch_duration_seconds_sum') / Math.max(batches, 1)) * 1000).toFixed(1)} ms ` +
      `per batch, ${Math.round(pm('citybrain_events_consumed_total') / Math.max(batches, 1))} records per batch`,
  );
  for (const s of subscribers) {
    s.call.cancel();
    s.client.close();
  }
  await Promise.all([bulk.disconnect(), urgent.disconnect(), alertsReader.stop()]);
} finally {
  for (const s of services.reverse()) await s.stop();
  await broker.stop();
}
