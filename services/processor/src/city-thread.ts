import type { EventFamily } from '@citybrain/domain';
import { createKafkaClient } from '@citybrain/kafka';
import { createRegistry, type Logger, type MetricsSnapshot } from '@citybrain/observability';
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
import { loadGridRegistry } from './grid-file';
import { createKpiMetrics, type KpiMetrics } from './kpi-metrics';
import { createProcessorMetrics, type ProcessorMetrics } from './metrics';
import { areaPartitioner } from './repartition';
import { RouteTask } from './route-task';
import { parseRuleText } from './rules-file';

/** What the main thread decides once for every stream thread of the process. */
export interface CityThreadPlan {
  /** The thread's index in the process, from 0: in its Kafka client id and on its log lines. */
  readonly index: number;
  /** The rule file's text, read and validated by the main thread. */
  readonly rulesText: string;
  /**
   * The partitioned topology's layout (absent with `single`): every input partition (an area task's
   * sources), the repartition topic's and the changelog's partition counts, which the main thread created.
   */
  readonly partitioned?: {
    readonly sources: TaskPartitions;
    readonly partitions: number;
    /** The changelog topic's partition count (area task k's store in partition k mod it). */
    readonly changelogPartitions: number;
  };
}

/** A stream thread of the processor: its own Kafka client, group member, tasks and metrics. */
export interface CityThread {
  readonly state: ThreadState;
  /** Joins the group and starts consuming; resolves once the fetch loop runs. */
  start(): Promise<void>;
  /** Settles when the thread stopped by itself because a task's state cannot be restored. */
  readonly failed: Promise<Error>;
  /** The thread's metrics as data, for the main thread to merge with the others'. */
  metrics(): Promise<MetricsSnapshot>;
  /** Applies a rule file's text (validated by the main thread) to the owned tasks and those to come. */
  reloadRules(text: string): Promise<void>;
  /** Finishes the batch in flight, commits it, leaves the group; idempotent. */
  stop(): Promise<void>;
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
 * Builds one stream thread of the processor (files loaded, topology ready; {@link CityThread.start}
 * joins the group, so that the main thread can start every thread at once, in one rebalance): the topology's tasks (route + area tasks, or the single
 * task) over a `StreamThread` with its own Kafka client, so that N threads in one process are N
 * members of the group, sharing tasks exactly as N instances do (fencing, restore on assignment,
 * exactly-once per task). Runs on whatever JS thread calls it: a worker thread, or the main thread
 * when the process has a single stream thread.
 */
export async function createCityThread(
  config: ProcessorConfig,
  plan: CityThreadPlan,
  logger: Logger,
  onState: (state: ThreadState) => void = () => {},
): Promise<CityThread> {
  const registry = await loadGridRegistry(config.gridsFile);
  let rules = parseRuleText(plan.rulesText);
  // Process metrics are the main thread's: a thread registers only its own.
  const promRegistry = createRegistry('processor', { defaultMetrics: false });
  const metrics = createProcessorMetrics(promRegistry);
  const kpi = createKpiMetrics(promRegistry);
  const { topics } = config;
  // A client id per thread: the broker names the group member after it, and the restore reader
  // names its throwaway group after it and the pid, which threads of one process share.
  const client = createKafkaClient(
    { ...config.kafka, clientId: `${config.kafka.clientId}.thread-${plan.index}` },
    logger,
  );

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
  const cityTasks = new Map<string, CityTask>();
  let topology: TaskTopology;
  // The grids whose per-grid gauges a task sets: an area task's areas' grids (none for the others).
  let gridsOf: (taskId: string) => readonly { grid: string; area: string }[] = () => [];
  if (plan.partitioned === undefined) {
    const task = new CityTask(deps, rules);
    cityTasks.set('task-0', task);
    topology = singleTaskTopology(inputTopics, task);
  } else {
    const { sources, partitions, changelogPartitions } = plan.partitioned;
    const partitionOf = areaPartitioner(registry, partitions);
    gridsOf = (taskId) =>
      registry.grids
        .filter((g) => `task-area-${partitionOf(g.areaId)}` === taskId)
        .map((g) => ({ grid: g.id, area: g.areaId }));
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
            repartition: {
              topic: config.repartitionTopic,
              partitions,
              partitionOf,
              format: config.repartitionFormat,
            },
            accounting,
            maxFutureSkewMs: config.maxFutureSkewMs,
          });
        // The rules in force: tasks created later (a rebalance) start with them.
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
    listener: threadMetrics({ metrics, kpi, logger, topology, gridsOf, onState }),
  });
  const reloadRules = async (text: string): Promise<void> => {
    const next = parseRuleText(text);
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
  };

  return {
    get state() {
      return thread.state;
    },
    start: () => thread.start(),
    failed: thread.failed,
    metrics: () => promRegistry.getMetricsAsJSON(),
    reloadRules,
    stop: () => thread.stop(),
  };
}

/** Metrics and log lines of a stream thread (exported for its test). */
export function threadMetrics(o: {
  readonly metrics: ProcessorMetrics;
  readonly kpi: KpiMetrics;
  readonly logger: Logger;
  readonly topology: TaskTopology;
  readonly gridsOf: (taskId: string) => readonly { grid: string; area: string }[];
  readonly onState: (state: ThreadState) => void;
}): StreamThreadListener {
  const { metrics, kpi, logger, topology, onState } = o;
  // A task that moved to another thread stops being reported here — its partitions' lag, its
  // grids' gauges — or the merged (summed) series would count it twice.
  const lagged = new Map<string, { topic: string; partition: string }>();
  let owned = new Set<string>();
  return {
    state(state) {
      for (const s of THREAD_STATES) metrics.taskState.set({ state: s }, s === state ? 1 : 0);
      metrics.consumerUp.set(state === 'active' || state === 'standby' ? 1 : 0);
      metrics.producerUp.set(state === 'active' ? 1 : 0);
      logger.info({ state }, 'stream thread state');
      onState(state);
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
      const now = new Set(ids);
      for (const [key, labels] of lagged) {
        if (now.has(topology.taskOf(labels.topic, Number(labels.partition)))) continue;
        metrics.consumerLag.remove(labels);
        metrics.consumerLagSeconds.remove(labels);
        lagged.delete(key);
      }
      for (const gone of owned) {
        if (now.has(gone)) continue;
        for (const labels of o.gridsOf(gone)) {
          kpi.congestionLevel.remove(labels);
          kpi.workOrdersOpen.remove(labels);
        }
      }
      owned = now;
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
      const labels = { topic: b.topic, partition: String(b.partition) };
      lagged.set(`${b.topic}/${b.partition}`, labels);
      metrics.consumerLag.set(labels, b.lag);
      metrics.consumerLagSeconds.set(labels, Math.max(0, Date.now() - b.lastTimestampMs) / 1000);
    },
  };
}

/** The sub-topology of a task id: `task-route-3` → route, `task-area-3` → area, `task-0` → single. */
function taskKind(id: string): string {
  return id.startsWith('task-route-') ? 'route' : id.startsWith('task-area-') ? 'area' : 'single';
}
