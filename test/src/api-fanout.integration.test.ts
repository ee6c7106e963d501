import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import type { KafkaClient } from '@citybrain/kafka';
import { publishAlerts, testAlert } from './api-alerts';
import { apiClients, recordStream, type StreamRecorder } from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// Flow control on real sockets: a subscriber that stops reading is cut off with RESOURCE_EXHAUSTED
// while 200 concurrent subscribers that keep reading receive every alert.
describe('alert fan-out under a slow subscriber', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const ALERTS = 1000;
  const FAST = 200;
  let kafka: KafkaClient;
  let gateway: RunningService;
  let address: string;
  let metricsUrl: string;

  beforeAll(async () => {
    kafka = testClient(brokers);
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    address = `127.0.0.1:${grpcPort}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_SUBSCRIBER_QUEUE_LIMIT: '500',
      CITYBRAIN_HEARTBEAT_INTERVAL_MS: '200',
    });
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), gateway);
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
  });

  it('cuts the slow subscriber off and delivers every alert to every fast one', async () => {
    const slowClient = apiClients(address, 'insecure', true);
    const slow = recordStream(slowClient.alerts, {});
    const channels = Array.from({ length: 10 }, () => apiClients(address, 'insecure', true));
    const fast: StreamRecorder[] = Array.from({ length: FAST }, (_, i) =>
      recordStream(channels[i % channels.length]!.alerts, {}),
    );
    await waitFor('every stream to be live', () =>
      slow.heartbeats > 0 && fast.every((f) => f.heartbeats > 0) ? true : undefined,
    );
    slow.pause(); // stops reading: HTTP/2 flow control fills, then the server's queue

    const alerts = Array.from({ length: ALERTS }, (_, i) =>
      testAlert(`f${String(i).padStart(4, '0')}`, `G${String((i % 103) + 1).padStart(3, '0')}`, 'A01', {
        // a long summary makes the flow-control windows fill sooner
        detail: 'x'.repeat(400),
      }),
    );
    await publishAlerts(kafka, `city.alerts.v1${suffix}`, alerts, 10, 100);
    await waitFor(
      'every fast subscriber to receive every alert',
      () => (fast.every((f) => f.alerts.length >= ALERTS) ? true : undefined),
      120_000,
    ).catch((err: unknown) => {
      const counts = fast.map((f) => f.alerts.length);
      const errors = fast.filter((f) => f.error).map((f) => f.error?.details);
      throw new Error(
        `${gateway.output().slice(-3000)}\n${String(err)}: received min ${Math.min(...counts)} max ${Math.max(...counts)}, ${errors.length} errors: ${errors.slice(0, 3).join('; ')}; slow: ${slow.alerts.length}`,
      );
    });
    slow.cancel(); // resumes nothing: its stream already ended with an error, buffered on the client
    const expected = alerts.map((a) => a.alertId);
    for (const f of fast) {
      expect(f.error).toBeUndefined();
      expect(f.alerts.map((a) => a.alert.alertId).sort()).toEqual(expected);
    }
    const m = await scrape(metricsUrl);
    expect(m('citybrain_gateway_subscribers_dropped_total', { reason: 'slow-consumer' })).toBe(1);
    for (const f of fast) f.cancel();
    for (const c of [slowClient, ...channels]) c.close();
  });

  it('tells the slow subscriber why, with RESOURCE_EXHAUSTED', async () => {
    const client = apiClients(address, 'insecure', true);
    const slow = recordStream(client.alerts, {});
    await waitFor('the stream to be live', () => (slow.heartbeats > 0 ? true : undefined));
    slow.pause();
    await publishAlerts(
      kafka,
      `city.alerts.v1${suffix}`,
      Array.from({ length: 1200 }, (_, i) => testAlert(`g${i}`, 'G001', 'A01', { detail: 'y'.repeat(400) })),
      100,
    );
    await waitFor('the drop to be counted', async () =>
      (await scrape(metricsUrl))('citybrain_gateway_subscribers_dropped_total') >= 2 ? true : undefined,
    );
    slow.resume();
    const error = await waitFor('the error', () => slow.error);
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error.details).toMatch(/fell more than 500 messages behind; reconnect with the last position/);
    client.close();
  });
});
