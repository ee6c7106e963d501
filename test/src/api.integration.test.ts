import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import { BatchProducer, type KafkaClient } from '@citybrain/kafka';
import type { WirePublishEventsRequestInput, WireLocationInput } from '@citybrain/proto';
import { publishAlerts, testAlert } from './api-alerts';
import {
  apiClients,
  codeOf,
  generateTestPki,
  recordStream,
  secureGatewayEnv,
  TEST_TOKENS,
  rpc,
  type TestPki,
} from './api-clients';
import { freshSuffix, readTopic, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

// The committee's API on real parts: the gateway as its own process with mutual TLS and bearer
// tokens, real gRPC clients, a real broker. Alerts are written straight to the alerts topic.
describe('the governance committee API', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const alertsTopic = `city.alerts.v1${suffix}`;
  let kafka: KafkaClient;
  let pki: TestPki;
  let gateway: RunningService;
  let address: string;
  let api: ReturnType<typeof apiClients>;
  let env: Record<string, string>;
  let healthz: string;

  const start = async () => {
    gateway = startService('alert-gateway', env);
    await waitHealthy(healthz, gateway);
  };

  beforeAll(async () => {
    kafka = testClient(brokers);
    pki = generateTestPki();
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    address = `127.0.0.1:${grpcPort}`;
    healthz = `http://127.0.0.1:${metricsPort}/healthz`;
    env = {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_REPLAY_BUFFER_SIZE: '250',
      CITYBRAIN_HEARTBEAT_INTERVAL_MS: '300',
      ...secureGatewayEnv(pki),
    };
    await start();
    api = apiClients(address, { pki, token: TEST_TOKENS.committee });
  });

  afterAll(async () => {
    api?.close();
    expect(await gateway?.stop()).toBe(0);
    pki?.remove();
  });

  const burst = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      testAlert(`b${String(from + i).padStart(4, '0')}`, 'G001', 'A01', { key: `k${(from + i) % 3}` }),
    );
  let firstPosition = '';

  it('resumes a stream cut in the middle of a burst with no gap and no duplicate', async () => {
    const first = recordStream(api.alerts, { gridIds: ['G001'] }, 60);
    await waitFor('the stream to be live', () => (first.heartbeats > 0 ? true : undefined));
    const published = burst(0, 300);
    const producing = publishAlerts(kafka, alertsTopic, published, 10);
    await producing;
    await waitFor('the cut', () => (first.alerts.length >= 60 ? true : undefined));
    firstPosition = first.alerts[0]!.position;
    expect(first.alerts).toHaveLength(60); // cut in the middle of the burst

    const second = recordStream(api.alerts, { gridIds: ['G001'], resumeFrom: first.alerts.at(-1)!.position });
    await waitFor('the rest of the burst', () =>
      first.alerts.length + second.alerts.length >= 300 ? true : undefined,
    );
    // Nothing extra arrives: the gateway holds no more alerts than the burst, and a heartbeat
    // written after the last alert proves the stream flushed whatever it had queued.
    const beats = second.heartbeats;
    await waitFor('a heartbeat after the burst', () => (second.heartbeats > beats ? true : undefined));
    second.cancel();
    const union = [...first.alerts, ...second.alerts].map((a) => a.alert);
    const ids = union.map((a) => a.alertId);
    expect(new Set(ids).size).toBe(ids.length); // no duplicate
    expect([...ids].sort()).toEqual(published.map((a) => a.alertId)); // no gap
    for (const key of ['k0', 'k1', 'k2']) {
      const seq = union.filter((a) => a.labels.key === key).map((a) => a.alertId);
      expect(seq).toEqual([...seq].sort()); // in order within each partition
    }
  });

  it('refuses a position older than the replay buffer, telling the client to resynchronise', async () => {
    await publishAlerts(kafka, alertsTopic, burst(300, 400), 50);
    await waitFor('the gateway to read the burst', async () => {
      const page = await rpc(api.alerts, 'ListAlerts', { gridIds: ['G001'], pageSize: 1000 });
      return page.alerts.length === 700 ? true : undefined;
    });
    const old = recordStream(api.alerts, { resumeFrom: firstPosition });
    const error = await waitFor('the error', () => old.error);
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toMatch(/resynchronise: list the alerts, then subscribe/);
    const bad = recordStream(api.alerts, { resumeFrom: 'not-a-position' });
    expect((await waitFor('the error', () => bad.error)).details).toMatch(/^resume_from: /);
  });

  it('sends the active alerts first with include_active, then the live stream', async () => {
    await publishAlerts(kafka, alertsTopic, [
      testAlert('s1', 'G050', 'A05'),
      testAlert('s2', 'G050', 'A05', {}, 1),
    ]);
    await waitFor('the alerts to be known', async () => {
      const res = await rpc(api.alerts, 'ListActiveAlerts', { gridIds: ['G050'] });
      return res.alerts.length === 2 ? true : undefined;
    });
    const s = recordStream(api.alerts, { gridIds: ['G050'], includeActive: true });
    await waitFor('the snapshot', () => (s.alerts.length >= 2 ? true : undefined));
    await publishAlerts(kafka, alertsTopic, [testAlert('s3', 'G050', 'A05', {}, 2)]);
    await waitFor('the live alert', () => (s.alerts.length >= 3 ? true : undefined));
    s.cancel();
    expect(s.alerts.map((a) => [a.alert?.alertId, a.snapshot])).toEqual([
      ['s1', true],
      ['s2', true],
      ['s3', false],
    ]);
  });

  it('lists page by page, gets one alert, and validates with the field named', async () => {
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await rpc(api.alerts, 'ListAlerts', { gridIds: ['G050'], pageSize: 2, pageToken });
      seen.push(...page.alerts.map((a) => a.alert?.alertId ?? ''));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken !== '');
    expect(seen).toEqual(['s1', 's2', 's3']);
    expect(pages).toBe(2);

    const got = await rpc(api.alerts, 'GetAlert', { alertId: 's2' });
    expect(got.alert?.alert?.gridId).toBe('G050');
    expect(await codeOf(rpc(api.alerts, 'GetAlert', { alertId: 'nope' }))).toBe(status.NOT_FOUND);
    const empty = await rpc(api.alerts, 'GetAlert', { alertId: '' }).catch(
      (e: { code: number; details: string }) => e,
    );
    expect(empty).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'alert_id: required' });
    const badPage = await rpc(api.alerts, 'ListAlerts', { pageSize: 5000 }).catch(
      (e: { details: string }) => e,
    );
    expect(badPage).toMatchObject({ details: expect.stringMatching(/^page_size:/) as unknown });
    expect(await codeOf(rpc(api.alerts, 'ListAlerts', { pageToken: 'x' }))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(rpc(api.alerts, 'ListAlerts', {}, { deadline: Date.now() - 1 }))).toBe(
      status.DEADLINE_EXCEEDED,
    );
  });

  it('streams acknowledgements, applies silences and inhibition at delivery, and keeps them across a restart', async () => {
    const watcher = recordStream(api.alerts, { areaIds: ['A05', 'A09'] });
    await waitFor('the stream to be live', () => (watcher.heartbeats > 0 ? true : undefined));

    const ack = await rpc(api.alerts, 'AcknowledgeAlert', { alertId: 's1', note: 'crew dispatched' });
    expect(ack.acknowledgement?.acknowledgedBy).toBe('chair');
    await waitFor('the acknowledgement on the stream', () => (watcher.acks.length > 0 ? true : undefined));
    expect(watcher.acks).toEqual([{ alertId: 's1', by: 'chair' }]);

    const created = await rpc(api.alerts, 'CreateSilence', {
      matchers: [{ name: 'gridId', op: 'OP_EQUAL', value: 'G050' }],
      endsAt: { seconds: Math.floor(Date.now() / 1000) + 3600 },
      comment: 'road works',
    });
    expect(created.silence!.state).toBe('active');
    const badSilence = await rpc(api.alerts, 'CreateSilence', {
      matchers: [{ name: 'gridId', op: 'OP_REGEX', value: '(' }],
      comment: 'x',
    }).catch((e: { details: string }) => e);
    expect(badSilence).toMatchObject({
      details: expect.stringMatching(/^(ends_at|matchers\[0\]\.value)/) as unknown,
    });

    // inhibition: a firing area-wide alert of A09 mutes A09's grid alerts
    await publishAlerts(kafka, alertsTopic, [
      testAlert('muted-by-silence', 'G050', 'A05', {}, 3),
      testAlert('area-A09', 'G100', 'A09', { scope: 'area' }, 4),
      testAlert('inhibited', 'G100', 'A09', {}, 5),
      testAlert('streamed', 'G051', 'A05', {}, 6),
    ]);
    await waitFor('the unmuted alerts', () =>
      watcher.alerts.some((a) => a.alert?.alertId === 'streamed') ? true : undefined,
    );
    // The committee sees every alert; the muted ones come flagged as silenced (partitions interleave:
    // the order across them is not fixed).
    await waitFor('the four alerts', () => (watcher.alerts.length >= 4 ? true : undefined));
    expect(watcher.alerts.map((a) => [a.alert?.alertId, a.silenced]).sort()).toEqual([
      ['area-A09', false],
      ['inhibited', true],
      ['muted-by-silence', true],
      ['streamed', false],
    ]);
    const active = await rpc(api.alerts, 'ListActiveAlerts', { areaIds: ['A05', 'A09'] });
    // (s1-s3 of G050, listed earlier, are silenced too)
    expect(active.silencedAlertIds.sort()).toEqual(['inhibited', 'muted-by-silence', 's1', 's2', 's3']);
    expect(active.alerts.map((a) => a.alertId)).toEqual(expect.arrayContaining(['streamed', 'area-A09']));
    const listed = await rpc(api.alerts, 'ListAlerts', { areaIds: ['A05', 'A09'] });
    const state = (id: string) => listed.alerts.find((a) => a.alert?.alertId === id);
    expect(state('muted-by-silence')).toMatchObject({
      suppressed: true,
      silencedBy: [created.silence!.silenceId],
    });
    expect(state('inhibited')).toMatchObject({ suppressed: true, inhibitedBy: ['area-A09'] });
    expect(state('streamed')).toMatchObject({ suppressed: false });

    const expired = await rpc(api.alerts, 'ExpireSilence', { silenceId: created.silence!.silenceId });
    expect(expired.silence?.state).toBe('expired');
    watcher.cancel();

    // acknowledgements and silences live in Kafka: a restarted gateway rebuilds them
    expect(await gateway.stop()).toBe(0);
    await start();
    // the state topics are read before the gateway reports healthy
    const all = await rpc(api.alerts, 'ListSilences', { includeExpired: true });
    expect(all.silences).toEqual([
      expect.objectContaining({ silenceId: created.silence!.silenceId, state: 'expired' }),
    ]);
    await waitFor('the acknowledged alert', async () => {
      const got = await rpc(api.alerts, 'GetAlert', { alertId: 's1' });
      return got.alert?.acknowledgement?.note === 'crew dispatched' ? true : undefined;
    });
  });

  it('shows the grid hierarchy and the latest window state of a grid', async () => {
    const res = await rpc(api.grids, 'ListGrids', {});
    expect(res.areas).toHaveLength(9);
    expect(res.areas.flatMap((a) => a.largeGrids.flatMap((l) => l.grids))).toHaveLength(103);
    // what the processor publishes to the compacted grid-state topic, keyed by grid
    const producer = new BatchProducer(kafka);
    await producer.connect();
    const windowAt = Date.UTC(2026, 10, 25, 1);
    await producer.send([
      {
        topic: `city.grid-state.v1${suffix}`,
        key: 'G050',
        value: Buffer.from(
          JSON.stringify({
            gridId: 'G050',
            windows: [
              {
                name: 'traffic',
                startMs: windowAt,
                endMs: windowAt + 60_000,
                aggregates: { avgSpeedKmh: 14.5 },
              },
            ],
          }),
        ),
        headers: { 'content-type': 'application/json' },
      },
    ]);
    await producer.disconnect();
    const state = await waitFor('the window state', async () => {
      const s = await rpc(api.grids, 'GetGridState', { gridId: 'G050' });
      return s.windows.length > 0 ? s : undefined;
    });
    expect(state.grid?.areaId).toBe('A05');
    expect(state.windows).toEqual([
      expect.objectContaining({ name: 'traffic', aggregates: [{ name: 'avgSpeedKmh', value: 14.5 }] }),
    ]);
    expect(state.openAlerts).toHaveLength(4);
    expect(await codeOf(rpc(api.grids, 'GetGridState', { gridId: 'G999' }))).toBe(status.NOT_FOUND);
  });

  it('PublishEvents writes the valid events to Kafka and reports the invalid ones with their reasons', async () => {
    const at = { seconds: Math.floor(Date.UTC(2026, 10, 25, 1) / 1000) };
    const obs = (
      eventId: string,
      location: WireLocationInput,
      speed = 30,
    ): WirePublishEventsRequestInput => ({
      traffic: {
        eventId,
        eventTime: at,
        source: 'sensor-1',
        location,
        observation: {
          refRoadSegment: 'S1',
          roadClass: 'ROAD_CLASS_ARTERIAL',
          intensity: 10,
          occupancy: 0.2,
          averageVehicleSpeed: speed,
        },
      },
    });
    const result = await new Promise<{
      results: { index: number; eventId: string; accepted: boolean; rejection: string }[];
      accepted: number;
      rejected: number;
    }>((resolve, reject) => {
      const call = api.ingest.PublishEvents((err, res) =>
        err || !res ? reject(err ?? new Error('no response')) : resolve(res),
      );
      call.write(obs('ok-1', { gridId: 'G001' }));
      call.write({
        traffic: { ...obs('no-time', { gridId: 'G001' }).traffic, eventTime: null },
      } satisfies WirePublishEventsRequestInput);
      call.write(obs('too-fast', { gridId: 'G001' }, 999));
      call.write(obs('no-grid', { gridId: 'G999' }));
      call.write({});
      call.write(obs('ok-2', { point: { lat: 27.549848801472002, lon: 120.5297748915474 } }));
      call.end();
    });
    expect(result).toMatchObject({ accepted: 2, rejected: 4 });
    expect(result.results.map((r) => [r.eventId, r.accepted, r.rejection.split(':')[0]])).toEqual([
      ['ok-1', true, ''],
      ['no-time', false, 'missing-field'],
      ['too-fast', false, 'invalid-field'],
      ['no-grid', false, 'unknown-grid'],
      ['', false, 'missing-field'],
      ['ok-2', true, ''],
    ]);
    expect(result.results[1]!.rejection).toContain('event_time');
    const records = await readTopic(kafka, TOPIC_BY_FAMILY.traffic + suffix, 2, 20_000);
    expect(records.map((r) => r.key?.toString()).sort()).toEqual(['G001', 'G001']);
  });
});
