import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import { encodeEvent, parseDeadLetterHeaders, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { CityEvent } from '@citybrain/domain';
import {
  BatchProducer,
  ensureTopics,
  readLatestByKey,
  readTopicToEnd,
  topicEndOffsets,
  type KafkaClient,
  type OutgoingRecord,
} from '@citybrain/kafka';
import type { WireGetGridStateResponse } from '@citybrain/proto';
import { apiClients, unary } from './api-clients';
import { alertClient, healthCheck, record, reflect, type Recorder } from './grpc-clients';
import { freshSuffix, readTopic, testClient } from './kafka-helpers';
import { countCommitted, waitQuiescent } from './quiescence';
import { EXPECTED_ALERTS, scriptedEvents, T0 } from './scripted-events';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// The spine on real parts: a real broker, the processor and the gateway started as their own
// processes, a real gRPC subscriber, real /metrics scrapes.
describe('the spine: Kafka in, per-grid windows, alerts out over gRPC', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const topics = {
    traffic: TOPIC_BY_FAMILY.traffic + suffix,
    permit: TOPIC_BY_FAMILY.permit + suffix,
    case: TOPIC_BY_FAMILY.case + suffix,
    deadLetter: `city.deadletter.v1${suffix}`,
  };
  let client: KafkaClient;
  let processor: RunningService;
  let gateway: RunningService;
  let subscriber: Recorder;
  let grpcAddress: string;
  let processorMetrics: string;
  let gatewayMetrics: string;
  let sent: CityEvent[] = [];

  const env = (extra: Record<string, string>) => ({
    KAFKA_BROKERS: brokers.join(','),
    CITYBRAIN_TOPIC_SUFFIX: suffix,
    CITYBRAIN_INPUT_PARTITIONS: '3',
    CITYBRAIN_GRPC_INSECURE: 'true',
    ...extra,
  });

  beforeAll(async () => {
    client = testClient(brokers);
    const [grpcPort, pPort, gPort] = [await freePort(), await freePort(), await freePort()];
    grpcAddress = `127.0.0.1:${grpcPort}`;
    processorMetrics = `http://127.0.0.1:${pPort}/metrics`;
    gatewayMetrics = `http://127.0.0.1:${gPort}/metrics`;

    gateway = startService(
      'alert-gateway',
      env({ CITYBRAIN_GRPC_PORT: String(grpcPort), CITYBRAIN_GATEWAY_METRICS_PORT: String(gPort) }),
    );
    await waitHealthy(gatewayMetrics.replace('/metrics', '/healthz'), gateway);
    subscriber = record(grpcAddress);

    // Input first, malformed records ahead of the valid ones: the consumer must carry on past them.
    await ensureTopics(client, [
      { topic: topics.traffic, numPartitions: 3 },
      { topic: topics.permit, numPartitions: 3 },
      { topic: topics.case, numPartitions: 3 },
    ]);
    const producer = new BatchProducer(client);
    await producer.connect();
    const bad: OutgoingRecord[] = [
      {
        topic: topics.traffic,
        key: 'G001',
        value: Buffer.from([0x0a, 0xff, 0xff, 0xff]),
        headers: { 'content-type': 'application/x-protobuf' },
      },
      {
        topic: topics.traffic,
        key: 'G001',
        value: Buffer.from(JSON.stringify({ eventTime: '2026-11-25T00:00:00Z', source: 's' })),
        headers: { 'content-type': 'application/json' },
      },
    ];
    const outside = encodeEvent(
      {
        family: 'case',
        eventId: 'it-outside',
        eventTimeMs: Date.UTC(2026, 10, 25),
        source: 'app',
        location: { kind: 'point', lat: 0.5, lon: 0.5 },
        caseId: 'CASE-X',
        stage: 'received',
        serviceCode: 'noise',
        urgency: 'normal',
        channel: 'resident',
        description: 'far away',
      },
      'json',
    );
    bad.push({ topic: topics.case, key: 'nowhere', value: outside.value, headers: outside.headers });
    sent = scriptedEvents();
    const good: OutgoingRecord[] = sent.map((e, i) => {
      const encoded = encodeEvent(e, i % 4 === 0 ? 'json' : 'protobuf');
      const gridId = e.location.kind === 'grid' ? e.location.gridId : 'point';
      return { topic: topics[e.family], key: gridId, value: encoded.value, headers: encoded.headers };
    });
    await producer.send(bad);
    await producer.send(good);
    await producer.disconnect();

    processor = startService(
      'processor',
      env({
        CITYBRAIN_PROCESSOR_METRICS_PORT: String(pPort),
        CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
        CITYBRAIN_TICK_INTERVAL_MS: '200',
        CITYBRAIN_IDLE_TIMEOUT_MS: '2000',
        CITYBRAIN_IDLE_ADVANCE_AFTER_MS: '600000',
      }),
    );
    await waitHealthy(processorMetrics.replace('/metrics', '/healthz'), processor);
  });

  afterAll(async () => {
    subscriber?.cancel();
    const codes = await Promise.all([processor?.stop(), gateway?.stop()]);
    // Both shut down cleanly on SIGTERM.
    expect(codes).toEqual([0, 0]);
  });

  it('streams exactly the expected alerts to a gRPC subscriber', async () => {
    // Wait for the expected number (a shortfall shows as a diff below, not as a bare timeout).
    await waitFor('the expected alerts', () =>
      subscriber.alerts.length >= EXPECTED_ALERTS.length ? true : undefined,
    ).catch(() => undefined);
    // Nothing extra arrives: once the processor can produce nothing more, the subscriber holds
    // every alert the topic holds, and no more.
    await waitQuiescent({
      client,
      group: `citybrain-processor${suffix}`,
      inputs: [topics.traffic, topics.permit, topics.case],
      metricsUrl: processorMetrics,
      maxOutOfOrdernessMs: 5_000,
    });
    const published = await countCommitted(client, `city.alerts.v1${suffix}`);
    await waitFor('the subscriber to catch up with the alerts topic', () =>
      subscriber.alerts.length >= published ? true : undefined,
    );
    // The active-alerts view holds exactly the alerts whose last message is firing.
    const lastStatus = new Map(subscriber.alerts.map((a) => [a.alertId, a.status]));
    const view = await readLatestByKey(client, `city.alerts.active.v1${suffix}`);
    expect([...view.keys()].sort()).toEqual(
      [...lastStatus]
        .filter(([, status]) => status === 'firing')
        .map(([id]) => id)
        .sort(),
    );
    const got = subscriber.alerts
      .map(
        (a) =>
          `${a.rule} ${a.gridId} ${a.status} ${a.startsAtMs}${a.endsAtMs === undefined ? '' : ` ${a.endsAtMs}`}`,
      )
      .sort();
    expect(got, processor.output()).toEqual(EXPECTED_ALERTS);
    expect(subscriber.error).toBeUndefined();

    const congestion = subscriber.alerts.find(
      (a) => a.rule === 'traffic-congestion' && a.status === 'firing',
    )!;
    expect(congestion).toMatchObject({ severity: 'high', areaId: 'A01', value: 12, kind: 'traffic' });
    expect(congestion.window.endMs - congestion.window.startMs).toBe(60_000);
    const accident = subscriber.alerts.find((a) => a.rule === 'serious-accident' && a.status === 'firing')!;
    expect(accident.severity).toBe('high');
    const spike = subscriber.alerts.find((a) => a.rule === 'case-backlog-spike' && a.status === 'firing')!;
    expect(spike.value).toBe(7);

    // Threshold alerts name the input records of the window that decided them, over gRPC.
    const refs = (pick: (e: CityEvent) => boolean) =>
      sent.filter(pick).map((e) => ({ eventId: e.eventId, eventTimeMs: e.eventTimeMs }));
    const inFirstMinute = (e: CityEvent) => e.eventTimeMs < T0 + 60_000;
    expect(congestion.evidence?.records).toEqual(
      refs(
        (e) =>
          e.family === 'traffic' &&
          e.location.kind === 'grid' &&
          e.location.gridId === 'G001' &&
          inFirstMinute(e),
      ),
    );
    const recovered = subscriber.alerts.find(
      (a) => a.rule === 'traffic-congestion' && a.status === 'resolved',
    )!;
    expect(recovered.evidence?.records).toEqual(
      refs(
        (e) =>
          e.family === 'traffic' &&
          e.location.kind === 'grid' &&
          e.location.gridId === 'G001' &&
          !inFirstMinute(e),
      ),
    );
    expect(spike.evidence?.records).toEqual(
      refs((e) => e.family === 'case' && e.location.kind === 'grid' && e.location.gridId === 'G004'),
    );
    expect(spike.evidence?.records).toHaveLength(7);
    // A lifecycle alert names the event behind it (unchanged).
    expect(accident.evidence?.records).toHaveLength(1);
  });

  it('lists the alerts still active, and health says SERVING', async () => {
    const client = alertClient(grpcAddress);
    const res = await new Promise<{ alerts: { rule: string; gridId: string }[] }>((resolve, reject) =>
      client.ListActiveAlerts({}, (err, r) =>
        err || !r ? reject(err ?? new Error('no response')) : resolve(r),
      ),
    );
    client.close();
    expect(res.alerts.map((a) => `${a.rule} ${a.gridId}`)).toEqual([
      'permit-overdue G005',
      'permit-overdue G005',
      ...Array.from({ length: 7 }, () => 'work-order-overdue G004'),
    ]);
    expect(await healthCheck(grpcAddress, 'citybrain.v1.AlertService')).toBe('SERVING');
    // Reflection, so that standard tools (grpcurl, Postman) can list and call the API.
    const reflection = await reflect(grpcAddress, 'citybrain.v1.AlertService');
    expect(reflection.services).toEqual(
      expect.arrayContaining([
        'citybrain.v1.AlertService',
        'citybrain.v1.GridService',
        'citybrain.v1.IngestService',
        'grpc.health.v1.Health',
      ]),
    );
    expect(reflection.descriptorFiles).toBeGreaterThan(0);
  });

  it("serves a grid's latest window aggregates, published by the processor, through GetGridState", async () => {
    const api = apiClients(grpcAddress, 'insecure');
    try {
      const state = await waitFor('the window state of G001', async () => {
        const s = await unary<WireGetGridStateResponse>((cb) =>
          api.grids.GetGridState({ gridId: 'G001' }, cb),
        );
        return s.windows.some((w) => w.name === 'kpi-congestion') ? s : undefined;
      });
      // The newest final 1-minute KPI window of G001: the recovered minute, 45 km/h on its arterial.
      const kpi = state.windows.find((w) => w.name === 'kpi-congestion')!;
      const { start, end } = kpi.window!;
      expect((Number(end?.seconds) - Number(start?.seconds)) * 1000).toBe(60_000);
      expect(kpi.aggregates).toEqual(
        expect.arrayContaining([
          { name: 'arterial.meanSpeedKmh', value: 45 },
          { name: 'count', value: 3 },
        ]),
      );
    } finally {
      api.close();
    }
  });

  it('answers a bad filter with INVALID_ARGUMENT naming the field', async () => {
    const bad = record(grpcAddress, { gridIds: ['G001', 'G999'] });
    const error = await waitFor('the error', () => bad.error);
    bad.cancel();
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toContain('grid_ids[1]');
  });

  it('sent each malformed record to the dead-letter topic with its reason', async () => {
    const dead = await readTopic(client, topics.deadLetter, 3);
    const reasons = dead.map((r) => parseDeadLetterHeaders(r.headers)?.reason).sort();
    expect(reasons).toEqual(['malformed-protobuf', 'missing-field', 'outside-all-grids']);
    const first = dead.find((r) => parseDeadLetterHeaders(r.headers)?.reason === 'malformed-protobuf')!;
    expect(parseDeadLetterHeaders(first.headers)).toMatchObject({ topic: topics.traffic, offset: '0' });
    expect(first.value).toEqual(Buffer.from([0x0a, 0xff, 0xff, 0xff]));
  });

  it("keeps each area task's store in its own changelog partition, and none for route tasks", async () => {
    const changelog = `citybrain-processor${suffix}.state-changelog`;
    const partitions = (await topicEndOffsets(client, `citybrain-processor${suffix}.events-by-area`)).length;
    expect((await topicEndOffsets(client, changelog)).length).toBe(partitions);
    const where: [string, number][] = [];
    await readTopicToEnd(client, changelog, (r) => where.push([String(r.key), r.partition]));
    expect(where.length).toBeGreaterThan(0);
    const misplaced = where.filter(([key, partition]) => !key.startsWith(`task-area-${partition}/`));
    expect(misplaced).toEqual([]);
  });

  it('exposes counters that moved, scraped over HTTP', async () => {
    const p = await scrape(processorMetrics);
    expect(p('citybrain_events_consumed_total', { topic: topics.traffic })).toBe(14);
    expect(p('citybrain_events_invalid_total', { reason: 'malformed-protobuf' })).toBe(1);
    expect(p('citybrain_events_invalid_total', { reason: 'outside-all-grids' })).toBe(1);
    expect(p('citybrain_alerts_published_total', { rule: 'traffic-congestion', status: 'firing' })).toBe(1);
    expect(p('citybrain_alerts_published_total')).toBe(EXPECTED_ALERTS.length);
    expect(p('citybrain_kafka_consumer_up')).toBe(1);
    expect(p('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    const g = await scrape(gatewayMetrics);
    expect(g('citybrain_grpc_open_streams', { method: 'Subscribe' })).toBe(1);
    expect(g('citybrain_gateway_alerts_received_total')).toBe(EXPECTED_ALERTS.length);
  });
});
