// A task's restore reads only its own changelog partitions (Kafka Streams' task k ↔ partition k):
// the latest value per key of exactly the partitions asked for, and nothing at all for none.
import { describe, expect, inject, it } from 'vitest';
import { BatchProducer, ensureTopics, readLatestByKey } from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';

describe('readLatestByKey on some partitions of a compacted topic', () => {
  const brokers = inject('kafkaBrokers');

  it('returns the latest value per key of the partitions asked for only', async () => {
    const client = testClient(brokers);
    const topic = `compacted-reader${freshSuffix()}`;
    await ensureTopics(client, [{ topic, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } }]);
    const producer = new BatchProducer(client);
    await producer.connect();
    const value = (text: string) => Buffer.from(text);
    await producer.send(
      [0, 1, 2].flatMap((partition) => [
        { topic, partition, key: `p${partition}/a`, value: value('old') },
        { topic, partition, key: `p${partition}/a`, value: value(`new${partition}`) },
        { topic, partition, key: `p${partition}/gone`, value: value('x') },
        { topic, partition, key: `p${partition}/gone`, value: null },
      ]),
    );
    await producer.disconnect();

    const text = (m: Map<string, Buffer>): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const key of [...m.keys()].sort()) out[key] = m.get(key)!.toString();
      return out;
    };
    expect(text(await readLatestByKey(client, topic, undefined, new Set([1])))).toEqual({ 'p1/a': 'new1' });
    expect(text(await readLatestByKey(client, topic, undefined, new Set([0, 2])))).toEqual({
      'p0/a': 'new0',
      'p2/a': 'new2',
    });
    expect((await readLatestByKey(client, topic, undefined, new Set())).size).toBe(0);
    expect(Object.keys(text(await readLatestByKey(client, topic)))).toEqual(['p0/a', 'p1/a', 'p2/a']);
  });
});
