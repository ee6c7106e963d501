import { randomUUID } from 'node:crypto';
import { BatchConsumer, createKafkaClient, type IncomingRecord, type KafkaClient } from '@citybrain/kafka';
import { createLogger } from '@citybrain/observability';

/** A Kafka client for test code (its logs stay quiet unless something fails). */
export function testClient(brokers: readonly string[]): KafkaClient {
  return createKafkaClient(
    { brokers, clientId: 'citybrain-tests' },
    createLogger({ service: 'tests', level: 'warn' }),
  );
}

/** A fresh suffix so every test run uses its own topics and groups. */
export function freshSuffix(): string {
  return `.t${randomUUID().slice(0, 8)}`;
}

/** Reads a topic from the beginning until `count` records arrived (or the timeout passes). */
export async function readTopic(
  client: KafkaClient,
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<IncomingRecord[]> {
  const records: IncomingRecord[] = [];
  let done: () => void = () => {};
  const enough = new Promise<void>((resolve) => (done = resolve));
  const consumer = new BatchConsumer(client, {
    groupId: `citybrain-tests-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    onBatch: async (batch) => {
      records.push(...batch.records);
      if (records.length >= count) done();
      await Promise.resolve();
    },
  });
  await consumer.start();
  const timer = setTimeout(done, timeoutMs);
  await enough;
  clearTimeout(timer);
  await consumer.stop();
  return records;
}
