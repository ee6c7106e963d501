import { describe, expect, inject, it } from 'vitest';
import { ensureTopics, topicEndOffsets } from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';

describe('the Kafka edge on a real broker', () => {
  const brokers = inject('kafkaBrokers');

  it('lets several services create the same topics at the same moment', async () => {
    const topic = `citybrain.race${freshSuffix()}`;
    const clients = Array.from({ length: 5 }, () => testClient(brokers));
    const results = await Promise.all(clients.map((c) => ensureTopics(c, [{ topic, numPartitions: 4 }])));
    // Every one of them returned without error, and at least one says it created the topic.
    expect(results.flatMap((r) => r.created)).toContain(topic);
    expect(await topicEndOffsets(clients[0]!, topic)).toHaveLength(4);
  });

  it('reports a partition count that differs from the spec instead of changing the topic', async () => {
    const topic = `citybrain.mismatch${freshSuffix()}`;
    const client = testClient(brokers);
    await ensureTopics(client, [{ topic, numPartitions: 2 }]);
    const again = await ensureTopics(client, [{ topic, numPartitions: 3 }]);
    expect(again).toEqual({ created: [], mismatched: [{ topic, expected: 3, actual: 2 }] });
  });
});
