import { decodeAlertRecord } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { offsetsForTimeRange, readRanges, type KafkaClient } from '@citybrain/kafka';
import { compareAlerts, type BacktestReport } from './backtest-report';
import { Replay, type ReplayOptions } from './replay';

/** Progress of a backtest's replay, for a progress line. */
export interface BacktestProgress {
  /** Input records replayed so far. */
  readonly records: number;
  /** Input records in the range (an upper bound: transaction markers count). */
  readonly total: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** Estimated wall time left, ms (undefined before the first second). */
  readonly etaMs: number | undefined;
}

/** What {@link runBacktest} replays and compares. */
export interface BacktestOptions {
  readonly client: KafkaClient;
  /** The range, by record timestamp: `[fromMs, toMs)`, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /**
   * Input read before `fromMs` only to build state (open windows, pending `for`, open work orders),
   * ms; alerts raised then are not compared. 0: the replay starts empty at `fromMs`.
   */
  readonly warmupMs: number;
  /** The processor's settings, the candidate rule set, the grids and the input topics. */
  readonly replay: Omit<ReplayOptions, 'partitions'>;
  /** The alerts topic whose records in the range are the alerts actually raised. */
  readonly alertsTopic: string;
  /** Shown in the report. */
  readonly rulesFile: string;
  readonly onProgress?: (p: BacktestProgress) => void;
  /** How often `onProgress` is called at most, ms (default 500). */
  readonly progressEveryMs?: number;
  readonly signal?: AbortSignal;
  /** Wall clock (tests). */
  readonly now?: () => number;
}

/**
 * Backtests a rule set on history: finds the input topics' offsets for the range by timestamp,
 * reads them (`read_committed`, a throwaway consumer group that commits nothing, no producer) in
 * record-timestamp order, replays them through the processor's decode and pipeline ({@link Replay}),
 * reads the alerts topic's records of the same range, and compares. Nothing is written to Kafka.
 * @throws KafkaEdgeError when the cluster cannot be read.
 */
export async function runBacktest(o: BacktestOptions): Promise<BacktestReport> {
  const now = o.now ?? Date.now;
  const inputTopics = [o.replay.inputs.traffic, o.replay.inputs.permit, o.replay.inputs.case];
  const ranges = await offsetsForTimeRange(o.client, inputTopics, o.fromMs - o.warmupMs, o.toMs);
  const partitions = new Map<string, number[]>();
  for (const r of ranges) partitions.set(r.topic, [...(partitions.get(r.topic) ?? []), r.partition]);
  const replay = new Replay({ ...o.replay, partitions });
  const total = ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
  const startedAt = now();
  let lastReport = Number.NEGATIVE_INFINITY;
  let firstTs = Number.POSITIVE_INFINITY;
  let lastTs = Number.NEGATIVE_INFINITY;
  const report = (force: boolean) => {
    const t = now();
    if (o.onProgress === undefined || (!force && t - lastReport < (o.progressEveryMs ?? 500))) return;
    lastReport = t;
    const elapsedMs = t - startedAt;
    const records = replay.progress.records;
    const eventsPerSecond = elapsedMs > 0 ? (records / elapsedMs) * 1000 : 0;
    o.onProgress({
      records,
      total,
      elapsedMs,
      eventsPerSecond,
      etaMs:
        elapsedMs >= 1000 && eventsPerSecond > 0
          ? (Math.max(0, total - records) / eventsPerSecond) * 1000
          : undefined,
    });
  };
  await readRanges(
    o.client,
    ranges,
    (batch) => {
      for (const r of batch.records) {
        if (r.timestampMs < firstTs) firstTs = r.timestampMs;
        if (r.timestampMs > lastTs) lastTs = r.timestampMs;
      }
      replay.process(batch);
      report(false);
    },
    o.signal === undefined ? {} : { signal: o.signal },
  );
  report(true);
  const durationMs = Math.max(1, now() - startedAt);

  const actual: Alert[] = [];
  const alertRanges = await offsetsForTimeRange(o.client, [o.alertsTopic], o.fromMs, o.toMs);
  await readRanges(o.client, alertRanges, (batch) => {
    for (const r of batch.records) {
      const d = decodeAlertRecord(r);
      if (d.ok) actual.push(d.alert);
    }
  });
  const candidate = replay.alerts.filter((a) => a.atMs >= o.fromMs).map((a) => a.alert);
  const counts = replay.progress;
  return {
    fromMs: o.fromMs,
    toMs: o.toMs,
    warmupMs: o.warmupMs,
    rulesFile: o.rulesFile,
    input: {
      ...counts,
      durationMs,
      eventsPerSecond: (counts.records / durationMs) * 1000,
      speedup: lastTs > firstTs ? (lastTs - firstTs) / durationMs : 0,
    },
    candidate,
    actual,
    diff: compareAlerts(candidate, actual),
  };
}
