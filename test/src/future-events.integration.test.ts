import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeAlert, encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { BatchProducer, ensureTopics, type KafkaClient } from '@citybrain/kafka';
import { freshSuffix, readTopic, testClient } from './kafka-helpers';
import { T0 } from './scripted-events';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// Issue 10: one event dated 2100 moved the watermark for every grid, so that nearly every later event
// was late and congestion alerts stopped until a restart. Now such an event goes to the dead-letter
// topic with reason future-event-time, and the city's next minute raises its alert as usual.
describe('an event dated far in the future, on the real broker', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const traffic = TOPIC_BY_FAMILY.traffic + suffix;
  let client: KafkaClient;
  let producer: BatchProducer;
  let processor: RunningService;
  let metricsUrl: string;

  let n = 0;
  const obs = (atMs: number, speed: number, source = 'sensor/G001-S1'): TrafficObservation => ({
    family: 'traffic',
    type: 'observation',
    eventId: `future-it-${++n}`,
    eventTimeMs: atMs,
    source,
    location: { kind: 'grid', gridId: 'G001' },
    refRoadSegment: 'G001-S1',
    roadClass: 'arterial',
    laneId: 0,
    intensity: 20,
    occupancy: 0.3,
    averageVehicleSpeedKmh: speed,
  });
  const send = (events: TrafficObservation[]) =>
    producer.send(
      events.map((e) => {
        const { value, headers } = encodeEvent(e);
        return { topic: traffic, key: 'G001', value, headers };
      }),
    );
  const m = async () => scrape(metricsUrl);

  beforeAll(async () => {
    client = testClient(brokers);
    await ensureTopics(client, [{ topic: traffic, numPartitions: 1 }]);
    producer = new BatchProducer(client);
    await producer.connect();
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    processor = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_INPUT_PARTITIONS: '1',
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
      CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
      CITYBRAIN_TICK_INTERVAL_MS: '200',
      CITYBRAIN_IDLE_ADVANCE_AFTER_MS: '600000',
      CITYBRAIN_MAX_FUTURE_SKEW: '5m',
    });
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), processor);
  });

  afterAll(async () => {
    await producer?.disconnect();
    expect(await processor?.stop()).toBe(0);
  });

  it('dead-letters the 2100 event; the next minute is not late and its congestion alert fires', async () => {
    // Minute 0 of G001 flows freely; then a sensor with a broken clock reports 2100-12-31.
    await send([obs(T0 + 10_000, 50), obs(T0 + 20_000, 50), obs(T0 + 30_000, 50)]);
    const year2100 = Date.UTC(2100, 11, 31, 12, 0, 0);
    await send([obs(year2100, 50, 'sensor/broken-clock')]);
    // Minute 1 is severely congested (12 km/h); an event at minute 3 closes it (watermark T0+3m-5s).
    await send([obs(T0 + 70_000, 12), obs(T0 + 80_000, 12), obs(T0 + 90_000, 12), obs(T0 + 3 * 60_000, 12)]);

    const dead = await readTopic(client, `city.deadletter.v1${suffix}`, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({
      'x-citybrain-dlq-reason': 'future-event-time',
      'x-citybrain-dlq-topic': traffic,
      'x-citybrain-dlq-offset': '3',
    });
    expect(dead[0]!.headers['x-citybrain-dlq-message']).toContain('2100-12-31T12:00:00.000Z');

    const alerts = (await readTopic(client, `city.alerts.v1${suffix}`, 1)).map((r) => decodeAlert(r.value));
    const firing = alerts.flatMap((a) => (a.ok ? [a.alert] : []));
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({
      rule: 'traffic-congestion',
      gridId: 'G001',
      status: 'firing',
      severity: 'high',
      startsAtMs: T0 + 60_000,
      window: { startMs: T0 + 60_000, endMs: T0 + 120_000 },
    });

    const metrics = await waitFor('the future-event counter', async () => {
      const s = await m();
      return s('citybrain_events_future_total', { topic: traffic }) > 0 ? s : undefined;
    });
    expect(metrics('citybrain_events_future_total', { topic: traffic, source: 'sensor/broken-clock' })).toBe(
      1,
    );
    expect(metrics('citybrain_events_invalid_total', { topic: traffic, reason: 'future-event-time' })).toBe(
      1,
    );
    expect(metrics('citybrain_events_late_total')).toBe(0);
    // The watermark follows the city's real events, nowhere near 2100.
    const watermarks = metrics('citybrain_window_watermark_seconds', {
      window: 'traffic-congestion{roadClass=arterial}',
    });
    expect(watermarks * 1000).toBe(T0 + 3 * 60_000 - 5_000);
  });

  it('dead-letters a record without a key (its grid’s order would not be kept)', async () => {
    const { value, headers } = encodeEvent(obs(T0 + 4 * 60_000, 50));
    await producer.send([{ topic: traffic, key: null, value, headers }]);
    const dead = await readTopic(client, `city.deadletter.v1${suffix}`, 2);
    expect(dead.map((r) => r.headers['x-citybrain-dlq-reason'])).toEqual([
      'future-event-time',
      'missing-key',
    ]);
  });
});
