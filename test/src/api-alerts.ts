import { alertRecord } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { BatchProducer, type KafkaClient, type OutgoingRecord } from '@citybrain/kafka';

const T0 = Date.UTC(2026, 10, 25);

/** A firing test alert; `key` goes into the labels so order per Kafka key can be checked. */
export function testAlert(
  id: string,
  gridId: string,
  areaId: string,
  labels: Record<string, string> = {},
  at = 0,
): Alert {
  return {
    alertId: id,
    fingerprint: `fp-${id}`,
    rule: 'traffic-congestion',
    kind: 'traffic',
    subCategory: 'trafficJam',
    gridId,
    areaId,
    severity: 'high',
    status: 'firing',
    startsAtMs: T0 + at,
    value: 12,
    threshold: 20,
    window: { startMs: T0 + at, endMs: T0 + at + 60_000 },
    summary: `test alert ${id}`,
    labels: { scope: 'grid', areaId, ...labels },
  };
}

/**
 * Publishes alerts to the alerts topic, keyed by `labels.key` (else the fingerprint), in order,
 * alternately in protobuf and JSON.
 */
export async function publishAlerts(
  client: KafkaClient,
  topic: string,
  alerts: readonly Alert[],
  chunk = alerts.length,
  /** Pause between chunks (a paced burst), ms. */
  pauseMs = 0,
): Promise<void> {
  const producer = new BatchProducer(client);
  await producer.connect();
  try {
    for (let i = 0; i < alerts.length; i += chunk) {
      // Every other alert in the JSON format: the gateway decodes each record by its content-type.
      const records: OutgoingRecord[] = alerts.slice(i, i + chunk).map((a, j) => ({
        ...alertRecord(topic, a, (i + j) % 2 === 0 ? 'protobuf' : 'json'),
        key: a.labels.key ?? a.fingerprint,
      }));
      await producer.send(records);
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  } finally {
    await producer.disconnect();
  }
}
