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
 *
 * `--hops` breaks each accident's latency down along its path: the accidents carry a trace header
 * (`CITYBRAIN_TRACE_HEADER`), so the processor logs when its route task is handed the record, when
 * the commit covering it starts and lands, the same for the area task reading it from the
 * repartition topic, and the gateway logs when it reads the alert (`CITYBRAIN_GATEWAY_TRACE_LABEL`);
 * the bench prints p50/p90/p99 of every hop. `--guarantee` sets `CITYBRAIN_PROCESSING_GUARANTEE`.
 * The load average is printed before and after: the machine is shared, so compare runs of one
 * sitting, back to back.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { decodeAlertRecord, encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficIncident, TrafficObservation } from '@citybrain/domain';
import { BatchConsumer, BatchProducer, createKafkaClient, type OutgoingRecord } from '@citybrain/kafka';
import { acquireBroker } from '@citybrain/local-kafka';
import { createLogger } from '@citybrain/observability';
import { loadGrpcObject, type WireSubscribeResponse } from '@citybrain/proto';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from '../src/services';
import type { Delivery, SubscriberData } from './latency-subscriber';

const USAGE =
  'usage: pnpm bench:latency [--rate <events/s>] [--seconds <n>] [--accidents <per s>] [--subscribers <n>] ' +
  '[--guarantee exactly_once|at_least_once] [--hops]';
const flags = (() => {
  try {
    const { values } = parseArgs({
      options: {
        rate: { type: 'string', default: '10000' },
        seconds: { type: 'string', default: '60' },
        accidents: { type: 'string', default: '5' },
        subscribers: { type: 'string', default: '1' },
        guarantee: { type: 'string' },
        hops: { type: 'boolean', default: false },
      },
    });
    const guarantee = values.guarantee;
    if (guarantee !== undefined && guarantee !== 'exactly_once' && guarantee !== 'at_least_once')
      throw new Error(`--guarantee: exactly_once or at_least_once, not ${guarantee}`);
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
      guarantee,
      hops: values.hops,
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
/** The header that marks the accidents for `--hops` (the processor's consumers log them). */
const TRACE_HEADER = 'x-citybrain-trace';
const processorGroup = `citybrain-processor${suffix}`;
const env: Record<string, string> = {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_GRPC_INSECURE: 'true',
  ...(flags.guarantee ? { CITYBRAIN_PROCESSING_GUARANTEE: flags.guarantee } : {}),
  // The trace lines are logged at info; nothing else the services log at info is per record.
  ...(flags.hops
    ? {
        CITYBRAIN_LOG_LEVEL: 'info',
        CITYBRAIN_TRACE_HEADER: TRACE_HEADER,
        CITYBRAIN_GATEWAY_TRACE_LABEL: 'incidentId',
      }
    : { CITYBRAIN_LOG_LEVEL: 'warn' }),
};
const loadAtStart = loadavg();
// The bench's own event loop (load generator, alerts reader, gRPC client): its stalls delay the
// instants it takes, the last hop's above all.
const benchLag = monitorEventLoopDelay({ resolution: 10 });
benchLag.enable();
const services: RunningService[] = [];
const client = createKafkaClient(
  { brokers: broker.brokers, clientId: 'citybrain-bench' },
  createLogger({ service: 'bench', level: 'warn' }),
);

/** When each accident was sent, and when its alert was seen where. */
const sentAt = new Map<string, number>();
const topicDelays: number[] = [];
const grpcDelays: number[] = [];
/** When each accident's firing alert reached the first gRPC subscriber. */
const deliveredAt = new Map<string, number>();

/** A `msg: "trace"` log line of a service (see `RecordTracer` and the gateway's trace label). */
interface TraceLine {
  readonly trace: string;
  readonly hop: string;
  readonly topic?: string;
  readonly status?: string;
  readonly atMs: number;
}

function traceLines(output: string): TraceLine[] {
  const out: TraceLine[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"trace"')) continue;
    try {
      const j = JSON.parse(line) as Partial<TraceLine> & { msg?: string };
      if (j.msg === 'trace' && typeof j.trace === 'string' && typeof j.atMs === 'number')
        out.push(j as TraceLine);
    } catch {
      // not a JSON line (a stack trace on stderr)
    }
  }
  return out;
}

/**
 * Per hop, the delays of every accident that made it through all of them: from its send to the
 * route task being handed it, to the commit covering it starting and landing, the same for the area
 * task (which reads it from the repartition topic), to the gateway reading the alert, to the gRPC
 * subscriber. The route task's hops are its last fetch and first commit of the record (a rewind
 * fetches again); a hop is the difference of consecutive instants, so they add up to the total.
 */
function hopBreakdown(processorOut: string, gatewayOut: string): [string, number[]][] {
  const repartition = `${processorGroup}.events-by-area`;
  const at = new Map<string, Map<string, number>>();
  const note = (id: string, hop: string, ms: number, keep: 'first' | 'last') => {
    let m = at.get(id);
    if (!m) at.set(id, (m = new Map<string, number>()));
    const had = m.get(hop);
    if (had === undefined || (keep === 'last' ? ms > had : ms < had)) m.set(hop, ms);
  };
  for (const l of traceLines(processorOut)) {
    const side = l.topic === topics.traffic ? 'route' : l.topic === repartition ? 'area' : undefined;
    if (!side) continue;
    for (const id of l.trace.split(','))
      note(id, `${side} ${l.hop}`, l.atMs, l.hop === 'fetched' ? 'last' : 'first');
  }
  for (const l of traceLines(gatewayOut)) if (l.status === 'firing') note(l.trace, l.hop, l.atMs, 'first');
  const path = [
    'sent',
    'route fetched',
    'route commit-start',
    'route committed',
    'area fetched',
    'area commit-start',
    'area committed',
    'gateway-read',
    'delivered',
  ];
  const names = [
    'send → route task handed it',
    'route: → its commit starts',
    'route: commit',
    'route committed → area task',
    'area: → its commit starts',
    'area: commit',
    'area committed → gateway read',
    'gateway read → gRPC client',
  ];
  const hops: [string, number[]][] = names.map((n) => [n, []]);
  const totals: number[] = [];
  for (const [id, sent] of sentAt) {
    const m = at.get(id);
    const delivered = deliveredAt.get(id);
    if (!m || delivered === undefined) continue;
    m.set('sent', sent);
    m.set('delivered', delivered);
    const instants = path.map((h) => m.get(h));
    if (instants.some((x) => x === undefined)) continue;
    for (let i = 1; i < path.length; i++) hops[i - 1]![1].push(instants[i]! - instants[i - 1]!);
    totals.push(delivered - sent);
  }
  return [...hops, ['total (traced accidents)', totals]];
}

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
    CITYBRAIN_PROCESSOR_GROUP: processorGroup,
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
  // (b) gRPC subscribers of the gateway: the first measures, on a worker thread of its own (the
  // load generator below stalls this thread's event loop); the others are load.
  const measuring = new Worker(new URL('./latency-subscriber-bootstrap.mjs', import.meta.url), {
    workerData: {
      entry: new URL('./latency-subscriber.ts', import.meta.url).href,
      address: `127.0.0.1:${grpcPort}`,
    } satisfies SubscriberData,
  });
  measuring.on('message', (d: Delivery) => {
    const sent = sentAt.get(d.incidentId);
    if (sent === undefined || deliveredAt.has(d.incidentId)) return;
    grpcDelays.push(d.atMs - sent);
    deliveredAt.set(d.incidentId, d.atMs);
  });
  const AlertService = loadGrpcObject().citybrain.v1.AlertService;
  const subscribers = Array.from({ length: flags.subscribers - 1 }, () => {
    const c = new AlertService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    const call = c.Subscribe({});
    call.on('data', (_msg: WireSubscribeResponse) => {});
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
        {
          topic: topics.traffic,
          key: e.location.kind === 'grid' ? e.location.gridId : '',
          ...encoded,
          ...(flags.hops ? { headers: { ...encoded.headers, [TRACE_HEADER]: incidentId } } : {}),
        },
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
  const loadAtEnd = loadavg();
  console.log(
    `guarantee ${flags.guarantee ?? 'exactly_once (default)'}; stream threads ` +
      `${process.env.CITYBRAIN_STREAM_THREADS ?? '1 (default)'}; topology ` +
      `${process.env.CITYBRAIN_TOPOLOGY ?? 'partitioned (default)'}; load average ` +
      `${loadAtStart.map((l) => l.toFixed(1)).join(' ')} before, ${loadAtEnd.map((l) => l.toFixed(1)).join(' ')} after`,
  );
  console.log(
    `load: ${produced.toLocaleString('en')} observations in ${seconds.toFixed(1)} s = ` +
      `${Math.round(produced / seconds).toLocaleString('en')} events/s (asked ${flags.rate}); ` +
      `${accidents} serious accidents; ${flags.subscribers} gRPC subscriber(s)`,
  );
  console.log(row('accident → alerts topic', topicDelays));
  console.log(row('accident → gRPC subscriber', grpcDelays));
  if (flags.hops) {
    const hops = hopBreakdown(processor.output(), gateway.output());
    console.log('per hop (ms; each accident from its send to the gRPC subscriber):');
    for (const [name, xs] of hops) console.log(`  ${row(name, xs)}`);
  }
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
  console.log(
    `bench     event-loop lag p99 ${(benchLag.percentile(99) / 1e6).toFixed(1)} ms, max ` +
      `${(benchLag.max / 1e6).toFixed(1)} ms (the load generator and the measuring clients share it)`,
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
  measuring.postMessage('stop');
  await new Promise((r) => measuring.once('exit', r));
  await Promise.all([bulk.disconnect(), urgent.disconnect(), alertsReader.stop()]);
} finally {
  for (const s of services.reverse()) await s.stop();
  await broker.stop();
}
