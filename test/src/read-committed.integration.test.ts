// read_committed on the real broker when several transactional producers write one partition (the
// repartition topic: every route task writes every area partition). kafkajs 2.2.4 entered at most one
// aborted transaction per record, in the broker's (marker) order, so records of a second producer's
// aborted transaction reached read_committed consumers — duplicated events after a kill -9. The
// project patches it (patches/kafkajs@2.2.4.patch); this test fails without the patch.
import { describe, expect, inject, it } from 'vitest';
import { BatchConsumer, TransactionalProducer, ensureTopics, readTopicToEnd } from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';
import { waitFor } from './services';

describe('read_committed with interleaved transactions of several producers', () => {
  const brokers = inject('kafkaBrokers');

  it('delivers none of the aborted records, whatever producer wrote them', async () => {
    const suffix = freshSuffix();
    const topic = `citybrain.txn-interleave${suffix}`;
    const client = testClient(brokers);
    await ensureTopics(client, [{ topic, numPartitions: 1 }]);
    // kafkajs directly: the project's TransactionalProducer never leaves a transaction open.
    const producers = [0, 1, 2].map((i) =>
      client.kafka.producer({
        transactionalId: `tx-${i}${suffix}`,
        idempotent: true,
        maxInFlightRequests: 1,
      }),
    );
    for (const p of producers) await p.connect();
    const send = (t: Awaited<ReturnType<(typeof producers)[0]['transaction']>>, value: string) =>
      t.send({ topic, messages: [{ partition: 0, key: value, value }] });
    const [a, b, c] = await Promise.all(producers.map((p) => p.transaction()));
    // Two producers' transactions interleave and both abort; a third commits around and after them.
    await send(c!, 'committed-1');
    await send(a!, 'aborted-a1');
    await send(b!, 'aborted-b1');
    await send(a!, 'aborted-a2');
    await send(b!, 'aborted-b2');
    await c!.commit();
    await b!.abort();
    await a!.abort();
    const d = await producers[2]!.transaction();
    await send(d, 'committed-2');
    await d.commit();
    for (const p of producers) await p.disconnect();

    // Both readers of the project: the group consumer (the runtime) and the restore reader.
    const seen: string[] = [];
    const consumer = new BatchConsumer(client, {
      groupId: `citybrain-tests${suffix}`,
      topics: [topic],
      fromBeginning: true,
      onBatch: (batch) => {
        for (const r of batch.records) seen.push(r.value?.toString('utf8') ?? '');
        return Promise.resolve();
      },
    });
    await consumer.start();
    await waitFor('the committed records', () => (seen.includes('committed-2') ? true : undefined), 60_000);
    await consumer.stop();
    expect(seen).toEqual(['committed-1', 'committed-2']);

    const restored: string[] = [];
    await readTopicToEnd(client, topic, (r) => restored.push(r.value?.toString('utf8') ?? ''));
    expect(restored).toEqual(['committed-1', 'committed-2']);
  });

  it('a new owner fences the old one as soon as it connects, before its first transaction', async () => {
    const suffix = freshSuffix();
    const topic = `citybrain.txn-fence${suffix}`;
    const client = testClient(brokers);
    await ensureTopics(client, [{ topic, numPartitions: 1 }]);
    const old = new TransactionalProducer(client, `fence${suffix}`);
    await old.connect();
    await old.commit({
      records: [{ topic, key: 'k', value: Buffer.from('old-1') }],
      offsets: [],
      groupId: 'g',
    });
    const next = new TransactionalProducer(client, `fence${suffix}`);
    // Only connected: the restore reads Kafka now, and the old owner must not commit any more.
    await next.connect();
    await expect(
      old.commit({ records: [{ topic, key: 'k', value: Buffer.from('old-2') }], offsets: [], groupId: 'g' }),
    ).rejects.toThrow();
    await old.disconnect();
    await next.disconnect();
    const values: string[] = [];
    await readTopicToEnd(client, topic, (r) => values.push(r.value?.toString('utf8') ?? ''));
    expect(values).toEqual(['old-1']);
  });
});
