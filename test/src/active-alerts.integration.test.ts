import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { activeAlertRecord, alertRecord } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { BatchProducer, type KafkaClient, type OutgoingRecord } from '@citybrain/kafka';
import { testAlert } from './api-alerts';
import { apiClients, rpc } from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// A gateway starts from the compacted active-alerts view plus the alerts topic's tail: a long history
// of alerts that came and went is not read, and an alert that fired long ago is still listed firing.
describe('the gateway starts from the active-alerts view', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const topics = { alerts: `city.alerts.v1${suffix}`, active: `city.alerts.active.v1${suffix}` };
  const TAIL = 100; // per partition: max(replay buffer, resolved alerts kept)
  let kafka: KafkaClient;
  let producer: BatchProducer;
  let gateway: RunningService;
  let api: ReturnType<typeof apiClients>;
  let metricsUrl: string;

  /** Writes alert messages as the processor does: the alerts topic and the view, in step. */
  const publish = async (alerts: readonly Alert[]) => {
    const records: OutgoingRecord[] = alerts.flatMap((a) => [
      alertRecord(topics.alerts, a),
      activeAlertRecord(topics.active, a),
    ]);
    for (let i = 0; i < records.length; i += 500) await producer.send(records.slice(i, i + 500));
  };
  const resolved = (a: Alert): Alert => ({ ...a, status: 'resolved', endsAtMs: a.startsAtMs + 60_000 });

  const oldFiring = testAlert('old-firing', 'G001', 'A01');
  // Churn: 1,500 alerts that fired and resolved after the old one, spread over the areas (and so
  // over the alerts topic's partitions).
  const churn = Array.from({ length: 1_500 }, (_, i) => {
    const area = `A0${(i % 9) + 1}`;
    return testAlert(`churn-${String(i).padStart(4, '0')}`, 'G001', area, {}, i * 1000);
  });

  beforeAll(async () => {
    kafka = testClient(brokers);
    producer = new BatchProducer(kafka);
    await producer.connect();
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    const env = {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_REPLAY_BUFFER_SIZE: String(TAIL),
      CITYBRAIN_RESOLVED_ALERTS_KEPT: '50',
    };
    // A first gateway creates the topics (as in production, before any alert exists).
    const first = startService('alert-gateway', env);
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), first);
    expect(await first.stop()).toBe(0);

    await publish([oldFiring]);
    await publish(churn.flatMap((a) => [a, resolved(a)]));
    gateway = startService('alert-gateway', env);
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), gateway);
    api = apiClients(`127.0.0.1:${grpcPort}`, 'insecure');
  });

  afterAll(async () => {
    api?.close();
    await producer?.disconnect();
    expect(await gateway?.stop()).toBe(0);
  });

  it('lists the long-ago alert as firing, having read only the tail of the history', async () => {
    const firing = await waitFor('the firing alerts', async () => {
      const page = await rpc(api.alerts, 'ListAlerts', { statuses: ['ALERT_STATUS_FIRING'] });
      return page.alerts.length > 0 ? page.alerts : undefined;
    });
    expect(firing.map((a) => a.alert?.alertId)).toEqual(['old-firing']);
    const metric = await scrape(metricsUrl);
    const read =
      metric('citybrain_gateway_alerts_received_total', { rule: 'traffic-congestion', status: 'firing' }) +
      metric('citybrain_gateway_alerts_received_total', { rule: 'traffic-congestion', status: 'resolved' });
    // 3,001 alert messages are on the topic; at most the tail of each of its 3 partitions is read.
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(3 * TAIL);
  });

  it('follows the alerts topic live after the start', async () => {
    await publish([resolved(oldFiring)]);
    await waitFor('the old alert to resolve', async () => {
      const got = await rpc(api.alerts, 'GetAlert', { alertId: 'old-firing' });
      return got.alert?.alert?.status === 'ALERT_STATUS_RESOLVED' ? true : undefined;
    });
    const page = await rpc(api.alerts, 'ListAlerts', { statuses: ['ALERT_STATUS_FIRING'] });
    expect(page.alerts).toEqual([]);
  });
});
