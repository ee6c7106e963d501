import { ConfigError, readConfigFile } from '@citybrain/config';
import type { EventFamily } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import {
  createKafkaClient,
  endOffsetsOnce,
  ensureTopics,
  retryRetriable,
  type KafkaClient,
} from '@citybrain/kafka';
import {
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import {
  StreamThread,
  singleTaskTopology,
  type StreamThreadListener,
  type TaskPartitions,
  type TaskTopology,
  type ThreadState,
} from '@citybrain/stream-runtime';
import { Accounting } from './accounting';
import { CityTask, type CityTaskDeps } from './city-task';
import type { ProcessorConfig } from './config';
import { createKpiMetrics } from './kpi-metrics';
import { createProcessorMetrics, type ProcessorMetrics } from './metrics';
import { areaPartitioner } from './repartition';
import { RouteTask } from './route-task';
import { loadRuleSet, watchRuleFile } from './rules-file';

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

/** Loads and validates the grid registry file. */
export function loadGridRegistry(path: string): Promise<GridRegistry> {
  return readConfigFile('CITYBRAIN_GRIDS_FILE', path, (text) => GridRegistry.parse(text));
}

const THREAD_STATES: readonly ThreadState[] = [
  'starting',
  'restoring',
  'active',
  'standby',
  'down',
  'stopped',
];

/**
 * Starts the processor: topics, the stream thread running the city task (restored from its
 * changelog), `/metrics` and `/healthz`, and the rule-file watcher.
 */
export async function startProcessor(config: ProcessorConfig, logger: Logger): Promise<ProcessorHandle> {
  const registry = await loadGridRegistry(config.gridsFile);
  const ruleSet = await loadRuleSet(config.rulesFile);
  const promRegistry = createRegistry('processor');
  const metrics = createProcessorMetrics(promRegistry);
  const kpi = createKpiMetrics(promRegistry);
  kpi.rulesReloadSuccess.set(1);
  kpi.rulesLastReload.set(Date.now() / 1000);
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
  const familyOf = new Map<string, EventFamily>([
    [topics.traffic, 'traffic'],
    [topics.permit, 'permit'],
    [topics.case, 'case'],
  ]);
  // One per task: an Accounting zeroes the backlog gauge of grids its task no longer reports open,
  // which must not touch another area task's grids.
  const newAccounting = () => new Accounting(metrics, kpi, logger, (gridId) => registry.grid(gridId)?.areaId);
  const accounting = newAccounting();
  const deps: CityTaskDeps = {
    settings: { graceMs: config.graceMs, watermark: config.watermark },
    registry,
    inputs: { traffic: topics.traffic, permit: topics.permit, case: topics.case },
    outputs: topics,
    formats: { alerts: config.alertsFormat },
    accounting,
    maxFutureSkewMs: config.maxFutureSkewMs,
  };
  // The rules in force: tasks created later (a rebalance) start with them.
  let rules = ruleSet;
  const cityTasks = new Map<string, CityTask>();
  let topology: TaskTopology;
  if (config.topology === 'single') {
    const task = new CityTask(deps, rules);
    cityTasks.set('task-0', task);
    await ensureChangelog(client, config.changelogTopic, 1);
    topology = singleTaskTopology(inputTopics, task);
  } else {
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
    const partitionOf = areaPartitioner(registry, partitions);
    const changelogPartitions = await ensureChangelog(client, config.changelogTopic, partitions);
    topology = {
      topics: [...inputTopics, config.repartitionTopic],
      assignment: 'partition-index',
      taskOf: (topic, partition) =>
        topic === config.repartitionTopic ? `task-area-${partition}` : `task-route-${partition}`,
      createTask: (id) => {
        if (!id.startsWith('task-area-'))
          return new RouteTask({
            registry,
            familyOf,
            deadLetterTopic: topics.deadLetter,
            repartition: { topic: config.repartitionTopic, partitions, partitionOf },
            accounting,
            maxFutureSkewMs: config.maxFutureSkewMs,
          });
        const task = new CityTask(
          { ...deps, accounting: newAccounting(), repartitioned: { sources } },
          rules,
        );
        cityTasks.set(id, task);
        return task;
      },
      upstreamTopics: (id) => (id.startsWith('task-area-') ? inputTopics : []),
      // Area task k's store in changelog partition k; route tasks keep no state.
      changelogPartition: (id) =>
        id.startsWith('task-area-') ? Number(id.slice('task-area-'.length)) % changelogPartitions : null,
      internalTopics: [config.repartitionTopic],
    };
    logger.info(
      {
        topic: config.repartitionTopic,
        partitions,
        areas: registry.areas.map((a) => [a.id, partitionOf(a.id)]),
      },
      'partitioned topology: route tasks per input partition, area tasks per repartition partition',
    );
  }
  const thread = new StreamThread({
    client,
    groupId: config.groupId,
    topology,
    changelogTopic: config.changelogTopic,
    guarantee: config.guarantee,
    fromBeginning: config.fromBeginning,
    sessionTimeoutMs: config.sessionTimeoutMs,
    punctuateIntervalMs: config.tickIntervalMs,
    purgeIntervalMs: config.repartitionPurgeIntervalMs,
    logger,
    listener: threadMetrics(metrics, logger),
  });

  const metricsServer: MetricsServer = await startMetricsServer(promRegistry, {
    host: config.metrics.host,
    port: config.metrics.port,
    healthy: () => thread.state === 'active' || thread.state === 'standby',
  });
  try {
    await thread.start();
  } catch (err: unknown) {
    await metricsServer.close();
    throw err;
  }

  // The processor stops by itself only when its state cannot be restored (see StreamThread.failed).
  const failed = thread.failed;
  const reloadRules = async (): Promise<boolean> => {
    kpi.rulesLastReload.set(Date.now() / 1000);
    let next;
    try {
      next = await loadRuleSet(config.rulesFile);
    } catch (err: unknown) {
      kpi.rulesReloadSuccess.set(0);
      logger.error(
        { err, file: config.rulesFile },
        `rule file rejected, the previous rules keep running: ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
    rules = next;
    try {
      // Owned tasks apply the rules between batches, committed with their state; the others (and
      // tasks created later) take them when they restore.
      await thread.runExclusive((_id, logic) =>
        logic instanceof CityTask ? logic.reload(next) : { records: [] },
      );
    } catch (err: unknown) {
      logger.error({ err }, 'applying the new rules failed; they apply after the task restores');
    }
    for (const task of cityTasks.values()) if (task.ruleSet !== next) task.reload(next);
    kpi.rulesReloadSuccess.set(1);
    logger.info({ file: config.rulesFile, rules: next.rules.map((r) => r.id) }, 'rules reloaded');
    return true;
  };
  const watcher = watchRuleFile(config.rulesFile, () => void reloadRules());

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      watcher.close();
      await thread.stop();
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
    },
    'processor started',
  );
  return { metricsUrl: metricsServer.url, failed, reloadRules, stop };
}

/** Metrics and log lines of the stream thread. */
function threadMetrics(metrics: ProcessorMetrics, logger: Logger): StreamThreadListener {
  return {
    state(state) {
      for (const s of THREAD_STATES) metrics.taskState.set({ state: s }, s === state ? 1 : 0);
      metrics.consumerUp.set(state === 'active' || state === 'standby' ? 1 : 0);
      metrics.producerUp.set(state === 'active' ? 1 : 0);
      logger.info({ state }, 'stream thread state');
    },
    restoreProgress(p) {
      metrics.restoreRemaining.set(p.remaining);
    },
    restored(r) {
      metrics.restoreRemaining.set(0);
      metrics.restoreSeconds.set(r.durationMs / 1000);
      metrics.restoredBytes.set(r.bytes);
    },
    tasks(ids) {
      for (const kind of ['route', 'area', 'single'])
        metrics.tasksOwned.set({ kind }, ids.filter((id) => taskKind(id) === kind).length);
      logger.info({ tasks: ids }, 'tasks owned');
    },
    committed(c) {
      metrics.commits.inc({ result: 'ok' });
      metrics.changelogRecords.inc(c.changelogRecords);
      metrics.batchSeconds.observe(c.durationMs / 1000);
    },
    commitFailed() {
      metrics.commits.inc({ result: 'failed' });
    },
    batch(b) {
      metrics.consumerLag.set({ topic: b.topic, partition: String(b.partition) }, b.lag);
      metrics.consumerLagSeconds.set(
        { topic: b.topic, partition: String(b.partition) },
        Math.max(0, Date.now() - b.lastTimestampMs) / 1000,
      );
    },
  };
}

/** The sub-topology of a task id: `task-route-3` → route, `task-area-3` → area, `task-0` → single. */
function taskKind(id: string): string {
  return id.startsWith('task-route-') ? 'route' : id.startsWith('task-area-') ? 'area' : 'single';
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

export type { ProcessorMetrics };
