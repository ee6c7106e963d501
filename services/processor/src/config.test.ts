import { availableParallelism } from 'node:os';
import { ConfigError } from '@citybrain/config';
import { describe, expect, it } from 'vitest';
import { loadProcessorConfig } from './config';

describe('loadProcessorConfig', () => {
  it('defaults to exactly-once, a 6 s session and a changelog named after the group', () => {
    const c = loadProcessorConfig({
      CITYBRAIN_PROCESSOR_GROUP: 'g1',
      CITYBRAIN_OUTPUT_TOPIC_SUFFIX: '.shadow',
    });
    expect(c).toMatchObject({
      guarantee: 'exactly_once',
      sessionTimeoutMs: 6_000,
      changelogTopic: 'g1.state-changelog',
      topology: 'partitioned',
      repartitionTopic: 'g1.events-by-area',
      repartitionPartitions: undefined,
      // One stream thread per core, as issue 13 asks.
      streamThreads: availableParallelism(),
      // The purge is opt-in (a restart on a purged topic was seen to stall).
      repartitionPurgeIntervalMs: 0,
    });
    // The output suffix applies to outputs only: a shadow group reads the same input.
    expect(c.topics.traffic).toBe('city.traffic.v1');
    expect(c.topics.alerts).toBe('city.alerts.v1.shadow');
  });

  it('names every bad key of the stream runtime', () => {
    let error: unknown;
    try {
      loadProcessorConfig({
        CITYBRAIN_PROCESSING_GUARANTEE: 'maybe_once',
        CITYBRAIN_SESSION_TIMEOUT_MS: '1000',
        CITYBRAIN_OUTPUT_TOPIC_SUFFIX: 'a b',
        CITYBRAIN_TOPOLOGY: 'sharded',
        CITYBRAIN_REPARTITION_PARTITIONS: '0',
        CITYBRAIN_STREAM_THREADS: '1.5',
        CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS: 'soon',
      });
    } catch (err: unknown) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.key).sort()).toEqual([
      'CITYBRAIN_OUTPUT_TOPIC_SUFFIX',
      'CITYBRAIN_PROCESSING_GUARANTEE',
      'CITYBRAIN_REPARTITION_PARTITIONS',
      'CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS',
      'CITYBRAIN_SESSION_TIMEOUT_MS',
      'CITYBRAIN_STREAM_THREADS',
      'CITYBRAIN_TOPOLOGY',
    ]);
  });

  it('takes a positive number of stream threads and refuses zero, naming the key', () => {
    expect(loadProcessorConfig({ CITYBRAIN_STREAM_THREADS: '3' }).streamThreads).toBe(3);
    expect(() => loadProcessorConfig({ CITYBRAIN_STREAM_THREADS: '0' })).toThrow(/CITYBRAIN_STREAM_THREADS/);
    expect(loadProcessorConfig({}).repartitionFormat).toBe(2);
    expect(loadProcessorConfig({ CITYBRAIN_REPARTITION_FORMAT: '1' }).repartitionFormat).toBe(1);
    expect(() => loadProcessorConfig({ CITYBRAIN_REPARTITION_FORMAT: '3' })).toThrow(
      /CITYBRAIN_REPARTITION_FORMAT: Invalid option/,
    );
    expect(loadProcessorConfig({}).streamThreadHeapMb).toBeUndefined();
    expect(loadProcessorConfig({ CITYBRAIN_STREAM_THREAD_HEAP_MB: '160' }).streamThreadHeapMb).toBe(160);
    expect(() => loadProcessorConfig({ CITYBRAIN_STREAM_THREAD_HEAP_MB: '16' })).toThrow(
      /CITYBRAIN_STREAM_THREAD_HEAP_MB: must be >= 32/,
    );
  });
});
