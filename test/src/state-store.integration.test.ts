// The processor's state store on the real broker: a changelog it cannot read stops it with the cause
// (exit 1, the bad entry named) instead of retrying forever or starting with empty state.
import { describe, expect, inject, it } from 'vitest';
import { BatchProducer, ensureTopics } from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor } from './services';

describe('the processor state store', () => {
  const brokers = inject('kafkaBrokers');

  it('refuses to start from a corrupt changelog, naming the entry', async () => {
    const suffix = freshSuffix();
    const group = `citybrain-processor${suffix}`;
    const changelog = `${group}.state-changelog`;
    const client = testClient(brokers);
    await ensureTopics(client, [
      { topic: changelog, numPartitions: 1, configs: { 'cleanup.policy': 'compact' } },
    ]);
    const producer = new BatchProducer(client);
    await producer.connect();
    // An entry whose header promises two chunks that were never written.
    await producer.send([{ topic: changelog, key: 'task-area-0/meta', value: Buffer.from('#2') }]);
    await producer.disconnect();

    const processor = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_PROCESSOR_GROUP: group,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(await freePort()),
    });
    const code = await waitFor(
      'the processor to stop',
      () => processor.process.exitCode ?? undefined,
      90_000,
    );
    expect(code).toBe(1);
    expect(processor.output()).toContain('task-area-0/meta lacks chunk 0');
  });
});
