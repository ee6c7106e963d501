// The repartition topic is purged as Kafka Streams purges its own: records below the area tasks'
// committed offsets are deleted (its low watermarks advance), never records not yet committed. (Kills
// and restarts on a purged topic: run the chaos cases with CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS set;
// the test command runs them with the default, no purge.)
import { randomUUID } from 'node:crypto';
import { committedOffsets, endOffsetsOnce, type KafkaClient } from '@citybrain/kafka';
import { describe, expect, inject, it } from 'vitest';
import { seedInput } from './chaos-harness';
import { freshSuffix, testClient } from './kafka-helpers';
import { groupDrained } from './quiescence';
import { freePort, startService, waitFor } from './services';

const brokers = inject('kafkaBrokers');

/** Per repartition partition: its log start (low), end (high) and the group's committed offset. */
async function repartitionState(client: KafkaClient, group: string) {
  const topic = `${group}.events-by-area`;
  const ends = await endOffsetsOnce(client, [topic]);
  const committed = new Map(
    (await committedOffsets(client, group, [topic])).map((c) => [c.partition, Number(c.offset)]),
  );
  return ends.map((e) => ({
    partition: e.partition,
    low: e.low,
    high: e.high,
    committed: committed.get(e.partition) ?? -1,
  }));
}

describe('the repartition topic (real broker)', () => {
  it('is purged below the committed offsets, never beyond them', async () => {
    const client = testClient(brokers);
    const suffix = freshSuffix();
    const inputRecords = await seedInput(client, brokers, suffix, { cityMinutes: 30 });
    const inputs = ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => t + suffix);
    const group = `purge-${randomUUID().slice(0, 8)}`;
    const processor = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_OUTPUT_TOPIC_SUFFIX: `.${group}`,
      CITYBRAIN_PROCESSOR_GROUP: group,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(await freePort()),
      CITYBRAIN_IDLE_TIMEOUT_MS: String(1e12),
      CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(1e12),
      CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS: '200',
    });
    // Every look while it runs: the log start never passes what the group committed.
    const purgedSafely = async () => {
      const state = await repartitionState(client, group).catch(() => []);
      // (A committed offset reads negative while the group rebalances: nothing to compare then.)
      for (const p of state) if (p.committed >= 0) expect(p.low).toBeLessThanOrEqual(p.committed);
      return state;
    };

    try {
      // Some of the repartition topic purged mid-run.
      await waitFor(
        'a purge mid-run',
        async () => ((await purgedSafely()).some((p) => p.low > 0) ? true : undefined),
        60_000,
        100,
      );
      const mid = await purgedSafely();

      await waitFor(
        'the group to drain the input and the repartition topic',
        async () =>
          (await groupDrained(client, group, inputs)) && (await purgedSafely()).length > 0 ? true : undefined,
        120_000,
        250,
      );
      // Drained: the purge catches up with the last commits, down to an empty topic.
      const state = await waitFor(
        'the purge to reach the committed offsets',
        async () => {
          const s = await purgedSafely();
          return s.every((p) => p.high === 0 || (p.committed >= 0 && p.low === p.committed)) ? s : undefined;
        },
        30_000,
        100,
      );
      for (const p of state) {
        if (p.high === 0) continue;
        expect(p.low).toBe(p.high);
        expect(p.low).toBeGreaterThanOrEqual(mid.find((k) => k.partition === p.partition)?.low ?? 0);
      }
      expect(state.reduce((n, p) => n + p.low, 0)).toBeGreaterThan(inputRecords / 2);
      expect(await processor.stop()).toBe(0);
    } catch (err: unknown) {
      // The processor's log says why, not the test's timeout.
      throw new Error(
        `${err instanceof Error ? err.message : String(err)}\n${processor.output().slice(-6000)}`,
      );
    } finally {
      if (processor.process.exitCode === null) processor.process.kill('SIGKILL');
    }
  }, 300_000);
});
