import { ConfigError } from '@citybrain/config';
import {
  createKafkaClient,
  endOffsetsOnce,
  ensureTopics,
  retryRetriable,
  type KafkaClient,
} from '@citybrain/kafka';
import {
  aggregateMetrics,
  createRegistry,
  Gauge,
  METRICS_CONTENT_TYPE,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import type { TaskPartitions } from '@citybrain/stream-runtime';
import type { CityThreadPlan } from './city-thread';
import type { ProcessorConfig } from './config';
import { loadGridRegistry } from './grid-file';
import { createRuleFileMetrics } from './kpi-metrics';
import { areaPartitioner } from './repartition';
import { readRuleFile, watchRuleFile } from './rules-file';
import { createInProcessThread, createWorkerThread, type ThreadHost } from './thread-host';

/** A running processor. */
export interface ProcessorHandle {
  readonly metricsUrl: string;
  /** Settles when the processor stopped by itself because of an unrecoverable error. */
  readonly failed: Promise<Error>;
  /**
   * Reloads the rule file (also done on file change). An invalid file is rejected with an error
   * naming every bad entry, and the rules in force keep running. Resolves to whether it was applied.
   */
  reloadRules(): Promise<boolean>;
  /** Drains in-flight work, commits what is done and disconnects; idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the processor: topics, `CITYBRAIN_STREAM_THREADS` stream threads (worker threads; the main
 * thread itself when there is one) each running its share of the tasks (restored from the
 * changelog), `/metrics` (every thread's metrics merged) and `/healthz` (healthy while every thread
 * is active or standby), and the rule-file watcher. The main thread runs no task when there are
 * several threads: it parses the configuration, creates the topics, serves metrics and health, and
 * forwards rule reloads and stops.
 */
export async function startProcessor(config: ProcessorConfig, logger: Logger): Promise<ProcessorHandle> {
  const registry = await loadGridRegistry(config.gridsFile);
  let rulesText = await readRuleFile(config.rulesFile);
  const promRegistry = createRegistry('processor');
  const ruleFile = createRuleFileMetrics(promRegistry);
  ruleFile.rulesReloadSuccess.set(1);
  ruleFile.rulesLastReload.set(Date.now() / 1000);
  new Gauge({
    name: 'citybrain_stream_threads',
    help: 'Stream threads of this process (CITYBRAIN_STREAM_THREADS), each a group member owning its own tasks.',
    registers: [promRegistry],
  }).set(config.streamThreads);
  const { topics } = config;

  const client = createKafkaClient(config.kafka, logger);
  await ensureTopics(client, [
    { topic: topics.traffic, numPartitions: config.inputPartitions },
    { topic: topics.permit, numPartitions: config.inputPartitions },
    { topic: topics.case, numPartitions: config.inputPartitions },
    { topic: topics.alerts, numPartitions: 3 },
    { topic: topics.deadLetter, numPartitions: 1 },
    { topic: topics.late, numPartitions: 1 },
    { topic: topics.gridState, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.activeAlerts, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.cases, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.kpi, numPartitions: 3 },
  ]);

  const inputTopics = [topics.traffic, topics.permit, topics.case];
  let partitioned: CityThreadPlan['partitioned'];
  if (config.topology === 'partitioned') {
    const sources = await partitionsOf(client, inputTopics);
    const partitions =
      config.repartitionPartitions ?? Math.max(...[...sources.values()].map((ps) => ps.length));
    const created = await ensureTopics(client, [
      { topic: config.repartitionTopic, numPartitions: partitions },
    ]);
    // Areas are dealt over the partitions by count: another count would send an area's events to a
    // task that does not hold its state.
    for (const m of created.mismatched)
      throw new ConfigError([
        {
          key: 'CITYBRAIN_REPARTITION_PARTITIONS',
          message: `the repartition topic ${m.topic} has ${m.actual} partitions, not ${m.expected}: set ${m.actual} or use another group`,
        },
      ]);
    const changelogPartitions = await ensureChangelog(client, config.changelogTopic, partitions);
    partitioned = { sources, partitions, changelogPartitions };
    const partitionOf = areaPartitioner(registry, partitions);
    logger.info(
      {
        topic: config.repartitionTopic,
        partitions,
        areas: registry.areas.map((a) => [a.id, partitionOf(a.id)]),
      },
      'partitioned topology: route tasks per input partition, area tasks per repartition partition',
    );
  }

  if (partitioned === undefined) await ensureChangelog(client, config.changelogTopic, 1);

  // The stream threads: built first (a worker takes a while to load), then started together, so
  // that they join the group at once — in one rebalance where the broker delays the first one
  // (group.initial.rebalance.delay.ms) — rather than one thread taking every task and handing
  // them over as the others join.
  // A heap cap needs a worker: the main thread's heap is the process's, sized at launch.
  const createThread =
    config.streamThreads === 1 && config.streamThreadHeapMb === undefined
      ? createInProcessThread
      : createWorkerThread;
  const built = await Promise.allSettled(
    Array.from({ length: config.streamThreads }, (_, index) =>
      createThread(config, { index, rulesText, ...(partitioned ? { partitioned } : {}) }, logger),
    ),
  );
  const threads: ThreadHost[] = [];
  for (const b of built) if (b.status === 'fulfilled') threads.push(b.value);
  const notBuilt = built.find((b) => b.status === 'rejected');
  const notStarted =
    notBuilt ??
    (await Promise.allSettled(threads.map((t) => t.start()))).find((s) => s.status === 'rejected');
  if (notStarted) {
    await Promise.all(threads.map((t) => t.stop()));
    throw notStarted.reason;
  }

  const metricsServer: MetricsServer = await startMetricsServer(
    {
      contentType: METRICS_CONTENT_TYPE,
      metrics: async () =>
        aggregateMetrics([
          await promRegistry.getMetricsAsJSON(),
          ...(await Promise.all(threads.map((t) => t.metrics()))),
        ]),
    },
    {
      host: config.metrics.host,
      port: config.metrics.port,
      healthy: () => threads.every((t) => t.state === 'active' || t.state === 'standby'),
    },
  ).catch(async (err: unknown) => {
    await Promise.all(threads.map((t) => t.stop()));
    throw err;
  });

  // The processor stops by itself when a thread fails for good (its state cannot be restored, or
  // its worker died): the others are stopped, and the process exits 1.
  const failed = Promise.race(threads.map((t) => t.failed.then((err) => failure(t.index, err))));
  const reloadRules = async (): Promise<boolean> => {
    ruleFile.rulesLastReload.set(Date.now() / 1000);
    let next;
    try {
      next = await readRuleFile(config.rulesFile);
    } catch (err: unknown) {
      ruleFile.rulesReloadSuccess.set(0);
      logger.error(
        { err, file: config.rulesFile },
        `rule file rejected, the previous rules keep running: ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
    rulesText = next;
    // Every thread takes the same text: they run the same rules even if the file changes meanwhile.
    await Promise.all(
      threads.map((t) =>
        t
          .reloadRules(next)
          .catch((err: unknown) =>
            logger.error({ err, thread: t.index }, 'a stream thread could not apply the new rules'),
          ),
      ),
    );
    ruleFile.rulesReloadSuccess.set(1);
    logger.info({ file: config.rulesFile }, 'rules reloaded');
    return true;
  };
  const watcher = watchRuleFile(config.rulesFile, () => void reloadRules());

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      watcher.close();
      await Promise.all(threads.map((t) => t.stop()));
      await metricsServer.close();
      logger.info('processor stopped');
    })());

  logger.info(
    {
      metrics: metricsServer.url,
      grids: registry.grids.length,
      topics,
      group: config.groupId,
      guarantee: config.guarantee,
      changelog: config.changelogTopic,
      topology: config.topology,
      streamThreads: config.streamThreads,
      rulesBytes: rulesText.length,
    },
    'processor started',
  );
  return { metricsUrl: metricsServer.url, failed, reloadRules, stop };
}

function failure(index: number, err: Error): Error {
  return new Error(`stream thread ${index} failed: ${err.message}`, { cause: err });
}

/** The partitions of each topic, as a task's partitions (every input partition: an area task's sources). */
async function partitionsOf(client: KafkaClient, topics: readonly string[]): Promise<TaskPartitions> {
  const ends = await retryRetriable(() => endOffsetsOnce(client, topics), {
    code: 'OFFSETS_FETCH_FAILED',
    timeoutMs: 30_000,
  });
  const out = new Map<string, number[]>(topics.map((t) => [t, []]));
  for (const e of ends) out.get(e.topic)?.push(e.partition);
  for (const ps of out.values()) ps.sort((a, b) => a - b);
  return out;
}

/**
 * Creates the compacted changelog topic with a partition per stateful task and returns its partition
 * count. A changelog created with another count (an older version had one partition) is kept: tasks
 * then share partitions (task k in k mod count), which a restore handles since it reads by task.
 */
async function ensureChangelog(client: KafkaClient, topic: string, partitions: number): Promise<number> {
  const res = await ensureTopics(client, [
    { topic, numPartitions: partitions, configs: { 'cleanup.policy': 'compact' } },
  ]);
  return res.mismatched.find((m) => m.topic === topic)?.actual ?? partitions;
}
