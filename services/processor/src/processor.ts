import { setTimeout as delay } from 'node:timers/promises';
import { readConfigFile } from '@citybrain/config';
import { TOPIC_BY_FAMILY, alertRecord, deadLetterHeaders } from '@citybrain/codec';
import type { EventFamily } from '@citybrain/domain';
import { GridRegistry } from '@citybrain/grid';
import {
  BatchConsumer,
  BatchProducer,
  KafkaEdgeError,
  createKafkaClient,
  ensureTopics,
  type CommitPosition,
  type IncomingBatch,
  type IncomingRecord,
  type OutgoingRecord,
} from '@citybrain/kafka';
import {
  alertLogFields,
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import { CityPipeline, type PipelineOutput } from '@citybrain/pipeline';
import type { ProcessorConfig } from './config';
import { decodeBatch, type RejectedRecord } from './decode-batch';
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

/** Starts the processor: topics, producer, consumer group, ticks and `/metrics`. */
export async function startProcessor(config: ProcessorConfig, logger: Logger): Promise<ProcessorHandle> {
  const registry = await loadGridRegistry(config.gridsFile);
  const ruleSet = await loadRuleSet(config.rulesFile);
  const areaOf = (gridId: string) => registry.grid(gridId)?.areaId;
  // Windows and rules come from the rule file: one window engine per threshold rule.
  const pipeline = new CityPipeline<IncomingRecord>(
    { graceMs: config.graceMs, watermark: config.watermark },
    ruleSet,
    areaOf,
  );

  const promRegistry = createRegistry('processor');
  const metrics = createProcessorMetrics(promRegistry);
  const kpi = createKpiMetrics(promRegistry);
  kpi.rulesReloadSuccess.set(1);
  kpi.rulesLastReload.set(Date.now() / 1000);
  const backlogGrids = new Set<string>();
  const { topics } = config;
  const familyOf = new Map<string, EventFamily>([
    [topics.traffic, 'traffic'],
    [topics.permit, 'permit'],
    [topics.case, 'case'],
  ]);

  const client = createKafkaClient(config.kafka, logger);
  await ensureTopics(client, [
    { topic: topics.traffic, numPartitions: config.inputPartitions },
    { topic: topics.permit, numPartitions: config.inputPartitions },
    { topic: topics.case, numPartitions: config.inputPartitions },
    { topic: topics.alerts, numPartitions: 3 },
    { topic: topics.deadLetter, numPartitions: 1 },
    { topic: topics.late, numPartitions: 1 },
    { topic: topics.gridState, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
  ]);
  const producer = new BatchProducer(client);
  await producer.connect();
  metrics.producerUp.set(1);

  let failWith: (err: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (failWith = resolve));
  let stopping = false;

  // Batches and ticks mutate the same state: run them one at a time, in arrival order.
  let chain: Promise<void> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.then(
      () => {},
      () => {},
    );
    return next;
  };

  const nextOffset = new Map<string, number>();
  const committed = new Map<string, number>();

  const publish = async (records: OutgoingRecord[]): Promise<void> => {
    // Outputs are computed once (the window state has moved on): retry the send, never recompute.
    for (let attempt = 1; ; attempt++) {
      try {
        await producer.send(records);
        return;
      } catch (err: unknown) {
        const edge = KafkaEdgeError.from(err, 'PUBLISH_FAILED');
        if (!edge.retriable || attempt >= 20 || stopping) throw edge;
        logger.warn({ err: edge, attempt }, 'publishing outputs failed, retrying');
        await delay(Math.min(200 * 2 ** attempt, 5000));
      }
    }
  };

  const commitSafe = async (): Promise<void> => {
    const low = pipeline.lowWaterOffsets();
    const positions: CommitPosition[] = [];
    for (const [partition, next] of nextOffset) {
      const safe = Math.min(next, low.get(partition) ?? next);
      if (safe > (committed.get(partition) ?? -1)) {
        const slash = partition.lastIndexOf('/');
        positions.push({
          topic: partition.slice(0, slash),
          partition: Number(partition.slice(slash + 1)),
          offset: String(safe),
        });
        committed.set(partition, safe);
      }
    }
    await consumer.commit(positions);
  };

  const outputsOf = (
    out: PipelineOutput<IncomingRecord>,
    rejected: readonly RejectedRecord[],
  ): OutgoingRecord[] => {
    const records: OutgoingRecord[] = [];
    for (const alert of out.alerts) records.push(alertRecord(topics.alerts, alert, config.alertsFormat));
    for (const r of rejected) {
      records.push({
        topic: topics.deadLetter,
        key: r.record.key,
        value: r.record.value,
        headers: {
          ...definedHeaders(r.record.headers),
          ...deadLetterHeaders({
            reason: r.reason,
            message: r.message,
            topic: r.record.topic,
            partition: r.record.partition,
            offset: r.record.offset,
          }),
        },
      });
    }
    for (const l of out.late) {
      records.push({
        topic: topics.late,
        key: l.ref.key,
        value: l.ref.value,
        headers: {
          ...definedHeaders(l.ref.headers),
          'x-citybrain-late-window': l.window,
          'x-citybrain-late-window-end': new Date(l.windowEndMs).toISOString(),
          'x-citybrain-late-watermark': new Date(l.watermarkMs).toISOString(),
          'x-citybrain-late-topic': l.ref.topic,
          'x-citybrain-late-partition': String(l.ref.partition),
          'x-citybrain-late-offset': l.ref.offset,
        },
      });
    }
    // The latest final window per grid and measure, for the gateway's GetGridState. Keyed by grid and
    // measure, so that compaction keeps the newest window of every measure of every grid.
    for (const { gridId, name, startMs, endMs, aggregates } of out.gridState) {
      records.push({
        topic: topics.gridState,
        key: `${gridId}/${name}`,
        value: Buffer.from(JSON.stringify({ gridId, windows: [{ name, startMs, endMs, aggregates }] })),
        headers: { 'content-type': 'application/json' },
      });
    }
    return records;
  };

  const account = (out: PipelineOutput<IncomingRecord>, startedAt: number): void => {
    for (const [name, w] of out.windows) {
      metrics.openWindows.set({ window: name }, w.openWindows);
      if (Number.isFinite(w.watermarkMs)) {
        metrics.watermark.set({ window: name }, w.watermarkMs / 1000);
        if (Number.isFinite(w.maxEventTimeMs))
          metrics.watermarkLag.set({ window: name }, Math.max(0, w.maxEventTimeMs - w.watermarkMs) / 1000);
      }
    }
    for (const c of out.kpi.congestion) kpi.congestionLevel.set({ grid: c.gridId, area: c.areaId }, c.level);
    for (const c of out.kpi.closures) kpi.workOrdersClosed.inc({ area: c.areaId, on_time: String(c.onTime) });
    for (const p of out.kpi.permitLeadTimes)
      kpi.permitLeadTime.observe({ area: p.areaId }, p.leadTimeMs / 1000);
    const open = pipeline.openWorkOrders();
    for (const [grid, o] of open) {
      kpi.workOrdersOpen.set({ grid, area: o.areaId }, o.count);
      backlogGrids.add(grid);
    }
    for (const grid of backlogGrids) {
      if (open.has(grid)) continue;
      kpi.workOrdersOpen.set({ grid, area: areaOf(grid) ?? 'unknown' }, 0);
      backlogGrids.delete(grid);
    }
    for (const l of out.late)
      metrics.late.inc({ topic: l.ref.topic, window: l.window, grid: l.event.gridId });
    const seconds = (Date.now() - startedAt) / 1000;
    const nowMs = Date.now();
    for (const a of out.alerts) {
      metrics.alerts.inc({ rule: a.rule, severity: a.severity, status: a.status, area: a.areaId });
      metrics.alertDelay.observe({ rule: a.rule }, seconds);
      if (a.status === 'firing')
        metrics.endToEndDelay.observe({ rule: a.rule }, Math.max(0, nowMs - a.startsAtMs) / 1000);
      logger.info(alertLogFields(a), 'alert published');
    }
    for (const [rule, w] of out.windows)
      if (w.evaluations > 0) metrics.evaluations.inc({ rule }, w.evaluations);
  };

  const handleBatch = (batch: IncomingBatch): Promise<void> =>
    serial(async () => {
      try {
        await processBatch(batch);
      } catch (err: unknown) {
        // The window state already holds this batch: a retry would count it twice. Stop instead;
        // a restart replays from the last safe commit.
        fail(err);
        throw err;
      }
    });

  const processBatch = (batch: IncomingBatch): Promise<void> =>
    (async () => {
      const startedAt = Date.now();
      const family = familyOf.get(batch.topic);
      if (!family) throw new Error(`unexpected topic ${batch.topic}`);
      const decoded = decodeBatch(batch, family, TOPIC_BY_FAMILY[family], registry);
      const out = pipeline.processBatch(decoded.events, startedAt);
      await publish(outputsOf(out, decoded.rejected));
      metrics.consumed.inc({ topic: batch.topic, partition: String(batch.partition) }, batch.records.length);
      for (const r of decoded.rejected) metrics.invalid.inc({ topic: batch.topic, reason: r.reason });
      for (const r of decoded.rejected)
        logger.warn(
          { topic: r.record.topic, partition: r.record.partition, offset: r.record.offset, reason: r.reason },
          `invalid event sent to the dead-letter topic: ${r.message}`,
        );
      account(out, startedAt);
      const last = batch.records[batch.records.length - 1];
      if (last) {
        nextOffset.set(`${batch.topic}/${batch.partition}`, Number(last.offset) + 1);
        metrics.consumerLag.set(
          { topic: batch.topic, partition: String(batch.partition) },
          Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1),
        );
        metrics.consumerLagSeconds.set(
          { topic: batch.topic, partition: String(batch.partition) },
          Math.max(0, Date.now() - last.timestampMs) / 1000,
        );
      }
      await commitSafe();
      metrics.batchSeconds.observe((Date.now() - startedAt) / 1000);
    })();

  const tick = (): Promise<void> =>
    serial(async () => {
      const startedAt = Date.now();
      const out = pipeline.tick(startedAt);
      await publish(outputsOf(out, []));
      account(out, startedAt);
      await commitSafe();
    });

  const consumer = new BatchConsumer(client, {
    groupId: config.groupId,
    topics: [topics.traffic, topics.permit, topics.case],
    fromBeginning: config.fromBeginning,
    onBatch: handleBatch,
  });
  consumer.onAssignment((assignment) => {
    const names = (topic: string) => (assignment.get(topic) ?? []).map((p) => `${topic}/${p}`);
    const partitions = {
      traffic: names(topics.traffic),
      permit: names(topics.permit),
      case: names(topics.case),
    };
    logger.info({ partitions }, 'partitions assigned');
    serial(async () => {
      const startedAt = Date.now();
      const out = pipeline.assign(partitions, startedAt);
      await publish(outputsOf(out, []));
      account(out, startedAt);
    }).catch((err: unknown) => fail(err));
  });
  consumer.onState((state) => {
    metrics.consumerUp.set(state === 'running' ? 1 : 0);
    logger.info({ state }, 'consumer state');
  });
  metrics.consumerUp.set(0);

  let metricsServer: MetricsServer;
  try {
    metricsServer = await startMetricsServer(promRegistry, {
      host: config.metrics.host,
      port: config.metrics.port,
      healthy: () => consumer.state === 'running',
    });
  } catch (err: unknown) {
    await producer.disconnect();
    metrics.producerUp.set(0);
    throw err;
  }
  await consumer.start();

  const reloadRules = (): Promise<boolean> =>
    serial(async () => {
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
      const startedAt = Date.now();
      const resolved = pipeline.reload(next);
      const out = pipeline.tick(startedAt);
      await publish(outputsOf({ ...out, alerts: [...resolved, ...out.alerts] }, []));
      account({ ...out, alerts: [...resolved, ...out.alerts] }, startedAt);
      kpi.rulesReloadSuccess.set(1);
      logger.info({ file: config.rulesFile, rules: next.rules.map((r) => r.id) }, 'rules reloaded');
      return true;
    }).catch((err: unknown) => {
      fail(err);
      return false;
    });
  const watcher = watchRuleFile(config.rulesFile, () => void reloadRules());

  const timer = setInterval(() => {
    tick().catch((err: unknown) => fail(err));
  }, config.tickIntervalMs);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping = true;
      clearInterval(timer);
      watcher.close();
      await consumer.stop(); // waits for the in-flight batch
      await chain;
      await producer.disconnect();
      metrics.producerUp.set(0);
      await metricsServer.close();
      logger.info('processor stopped');
    })());

  function fail(err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    logger.error({ err: error }, 'processor failed');
    failWith(error);
  }

  logger.info(
    { metrics: metricsServer.url, grids: registry.grids.length, topics, group: config.groupId },
    'processor started',
  );
  return { metricsUrl: metricsServer.url, failed, reloadRules, stop };
}

function definedHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  return out;
}

export type { ProcessorMetrics };
