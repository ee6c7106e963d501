import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { TrafficObservation } from '@citybrain/domain';
import { BatchProducer, ensureTopics, type KafkaClient } from '@citybrain/kafka';
import { freshSuffix, readTopic, testClient } from './kafka-helpers';
import { T0 } from './scripted-events';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// Late data is never dropped silently: an event later than its window's end plus grace goes to the
// late-events topic, untouched and with headers saying which window it missed, and is counted per
// topic and grid.
describe('late events on the real broker', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const traffic = TOPIC_BY_FAMILY.traffic + suffix;
  let client: KafkaClient;
  let producer: BatchProducer;
  let processor: RunningService;
  let metricsUrl: string;

  const obs = (id: string, atMs: number): TrafficObservation => ({
    family: 'traffic',
    type: 'observation',
    eventId: id,
    eventTimeMs: atMs,
    source: 'sensor/G001-S1',
    location: { kind: 'grid', gridId: 'G001' },
    refRoadSegment: 'G001-S1',
    roadClass: 'arterial',
    laneId: 0,
    intensity: 10,
    occupancy: 0.2,
    averageVehicleSpeedKmh: 50,
  });
  const send = (events: TrafficObservation[]) =>
    producer.send(
      events.map((e) => {
        const { value, headers } = encodeEvent(e);
        return { topic: traffic, key: 'G001', value, headers };
      }),
    );

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
    });
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), processor);
  });

  afterAll(async () => {
    await producer?.disconnect();
    expect(await processor?.stop()).toBe(0);
  });

  it('sends an event behind the watermark to the late topic and counts it per grid', async () => {
    // On time: minutes 0 to 3 of G001; the watermark moves to T0+3m-5s, closing [T0, T0+1m).
    await send([obs('on-1', T0 + 10_000), obs('on-2', T0 + 3 * 60_000)]);
    await waitFor('the first events to be consumed', async () => {
      const m = await scrape(metricsUrl);
      return m('citybrain_events_consumed_total', { topic: traffic }) >= 2 ? true : undefined;
    });
    // Then a straggler for the first minute, whose window has closed (grace 0).
    await send([obs('late-1', T0 + 20_000)]);
    const late = await readTopic(client, `city.late.v1${suffix}`, 1);
    expect(late).toHaveLength(1);
    const record = late[0]!;
    expect(record.key?.toString()).toBe('G001');
    expect(record.headers).toMatchObject({
      'x-citybrain-late-topic': traffic,
      'x-citybrain-late-offset': '2',
      'x-citybrain-late-window-end': new Date(T0 + 60_000).toISOString(),
    });
    // The original bytes, untouched.
    expect(record.value).toEqual(Buffer.from(encodeEvent(obs('late-1', T0 + 20_000)).value));
    // Counted once its publication is acknowledged (the record can be read a moment before).
    const counted = await waitFor('the late counter', async () => {
      const n = (await scrape(metricsUrl))('citybrain_events_late_total', { topic: traffic, grid: 'G001' });
      return n > 0 ? n : undefined;
    });
    expect(counted).toBe(1);
  });
});
