import { readConfigFile } from '@citybrain/config';
import { GridRegistry } from '@citybrain/grid';
import { createKafkaClient, ensureTopics } from '@citybrain/kafka';
import {
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import { StreamThread, type StreamThreadListener, type ThreadState } from '@citybrain/stream-runtime';
import { Accounting } from './accounting';
import { CityTask } from './city-task';
import type { ProcessorConfig } from './config';
import { createKpiMetrics } from './kpi-metrics';
import { createProcessorMetrics, type ProcessorMetrics } from './metrics';
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
    { topic: config.changelogTopic, numPartitions: 1, configs: { 'cleanup.policy': 'compact' } },
  ]);

  const task = new CityTask(
    {
      settings: { graceMs: config.graceMs, watermark: config.watermark },
      registry,
      inputs: { traffic: topics.traffic, permit: topics.permit, case: topics.case },
      outputs: topics,
      formats: { alerts: config.alertsFormat },
      accounting: new Accounting(metrics, kpi, logger, (gridId) => registry.grid(gridId)?.areaId),
      maxFutureSkewMs: config.maxFutureSkewMs,
    },
    ruleSet,
  );
  const thread = new StreamThread({
    client,
    groupId: config.groupId,
    inputTopics: [topics.traffic, topics.permit, topics.case],
    changelogTopic: config.changelogTopic,
    guarantee: config.guarantee,
    fromBeginning: config.fromBeginning,
    sessionTimeoutMs: config.sessionTimeoutMs,
    punctuateIntervalMs: config.tickIntervalMs,
    logic: task,
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
    try {
      // A standby keeps the file for its next take-over; the owner applies it between batches.
      const applied = await thread.runExclusive(() => task.reload(next));
      if (!applied) task.reload(next);
    } catch (err: unknown) {
      logger.error({ err }, 'applying the new rules failed; they apply after the task restores');
    }
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

export type { ProcessorMetrics };
