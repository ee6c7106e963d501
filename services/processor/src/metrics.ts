import { Counter, Gauge, Histogram, type Registry } from '@citybrain/observability';

/**
 * Histogram buckets of the end-to-end delay from an event's event time to the acknowledged publication
 * of the alert it raised, seconds: a live city sits in the first buckets (the reference is "under 20 s
 * to 1 min"); replays and catch-up after an outage land in the hour buckets, which is the point.
 */
export const END_TO_END_DELAY_BUCKETS_SECONDS = [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 900, 3600, 14_400];

/** Distinct `source` label values kept on {@link createProcessorMetrics}' `futureEvents`; more count as `other`. */
export const MAX_SOURCE_LABELS = 200;

/**
 * Bounds a label whose values come from the input (such as an event's `source`): the first `limit`
 * distinct values are kept, later new ones become `other`, so a flood of made-up sources cannot grow
 * the series without bound. Values are cut to 64 characters.
 */
export function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    const v = value.slice(0, 64) || 'unknown';
    if (seen.has(v)) return v;
    if (seen.size >= limit) return 'other';
    seen.add(v);
    return v;
  };
}

/**
 * The processor's metrics, one set per stream thread (the main thread serves them merged: see
 * `aggregator` on each; counters and histograms sum). Prometheus conventions: base units (`_seconds`, Unix-seconds timestamps),
 * `_total` counters, and bounded label sets only (topic, partition, window, rule, severity, status,
 * reason — never an event, case or alert id). Every series also carries `service="processor"`.
 */
export function createProcessorMetrics(registry: Registry) {
  const registers = [registry];
  return {
    /** Input throughput. Wire as `inc({ topic, partition: String(batch.partition) }, n)`. */
    consumed: new Counter({
      name: 'citybrain_events_consumed_total',
      help: 'Input records consumed, per topic and partition.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    /** Dead-letter records: every record the processor could not decode, validate or place on a grid. */
    invalid: new Counter({
      name: 'citybrain_events_invalid_total',
      help: 'Input records rejected to the dead-letter topic, per topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    }),
    /**
     * Events refused because their time ran too far ahead of their record's timestamp, per topic and
     * source (bounded: see {@link boundedLabel}): which sensor or system has a bad clock.
     */
    futureEvents: new Counter({
      name: 'citybrain_events_future_total',
      help: 'Input events dated more than CITYBRAIN_MAX_FUTURE_SKEW after their record timestamp, per topic and source (dead-lettered).',
      labelNames: ['topic', 'source'],
      registers,
    }),
    late: new Counter({
      name: 'citybrain_events_late_total',
      help: 'Events that arrived after every window they belong to had closed, sent to the late-events topic.',
      // `grid` is bounded by the grid registry (103 in Longgang); it tells which sensors lag.
      labelNames: ['topic', 'window', 'grid'],
      registers,
    }),
    alerts: new Counter({
      name: 'citybrain_alerts_published_total',
      help: 'Alert messages published to the alerts topic, per rule, severity, status and area.',
      // `area` is bounded (a city's areas: 9 in Longgang). Wire as `inc({ rule, severity, status, area: a.areaId })`.
      labelNames: ['rule', 'severity', 'status', 'area'],
      registers,
    }),
    /** Rule evaluations. Wire as `inc({ rule }, n)` once per window result or timer a rule looked at. */
    evaluations: new Counter({
      name: 'citybrain_rule_evaluations_total',
      help: 'Rule evaluations (window results and event-time timers examined), per rule.',
      labelNames: ['rule'],
      registers,
    }),
    watermarkLag: new Gauge({
      name: 'citybrain_window_watermark_lag_seconds',
      help: 'Event-time lag of a window operator: the newest event time seen minus the watermark.',
      labelNames: ['window'],
      // Over threads: the most lagging one (quiescence waits until every thread settles).
      aggregator: 'max',
      registers,
    }),
    watermark: new Gauge({
      name: 'citybrain_window_watermark_seconds',
      help: 'Event-time watermark of a window operator, Unix seconds.',
      labelNames: ['window'],
      // Over threads: the slowest one, as an operator's watermark is the minimum over its inputs.
      aggregator: 'min',
      registers,
    }),
    openWindows: new Gauge({
      name: 'citybrain_windows_open',
      help: 'Windows currently open (held in memory), per window operator.',
      labelNames: ['window'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'citybrain_consumer_lag_records',
      help: 'Records between the last consumed offset and the partition end, per topic and partition.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    /**
     * Consumer lag in time. Wire as `set({ topic, partition }, (Date.now() - last.timestampMs) / 1000)`
     * after each batch: how far behind the broker's append time the processor reads.
     */
    consumerLagSeconds: new Gauge({
      name: 'citybrain_consumer_lag_seconds',
      help: 'Wall time since the broker appended the last record consumed, per topic and partition.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    consumerUp: new Gauge({
      name: 'citybrain_kafka_consumer_up',
      help: '1 while the Kafka consumer is a running group member, else 0.',
      // Over threads: 1 only while every thread's consumer is a group member.
      aggregator: 'min',
      registers,
    }),
    /** Wire as `set(1)` after `producer.connect()` and `set(0)` after `producer.disconnect()`. */
    producerUp: new Gauge({
      name: 'citybrain_kafka_producer_up',
      help: '1 while the Kafka producer is connected, else 0.',
      // Over threads: 1 while some thread owns tasks (a standby thread has no producer).
      aggregator: 'max',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'citybrain_batch_duration_seconds',
      help: 'Time to decode, window, evaluate, publish and commit one input batch.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    alertDelay: new Histogram({
      name: 'citybrain_alert_processing_delay_seconds',
      help: 'Processing-time delay from reading the input batch that raised an alert to its acknowledged publication.',
      labelNames: ['rule'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    /**
     * End-to-end delay. Wire as `observe({ rule: a.rule }, (Date.now() - a.startsAtMs) / 1000)` for
     * each FIRING alert once its publication is acknowledged (`startsAtMs` is the event time that raised it).
     */
    endToEndDelay: new Histogram({
      name: 'citybrain_alert_end_to_end_delay_seconds',
      help: 'Wall-clock delay from the event time that raised an alert to its acknowledged publication.',
      labelNames: ['rule'],
      buckets: END_TO_END_DELAY_BUCKETS_SECONDS,
      registers,
    }),
    /**
     * The stream threads' states, one series per state: how many threads are in it (summed over the
     * process's threads; with one thread, 1 for its current state).
     */
    taskState: new Gauge({
      name: 'citybrain_task_state',
      help: 'Stream threads in each state (starting, restoring, active, standby, down, stopped); with one thread, 1 for its current state.',
      labelNames: ['state'],
      registers,
    }),
    restoreRemaining: new Gauge({
      name: 'citybrain_state_restore_remaining_records',
      help: 'Changelog offsets left to read while the task state is being restored (0 when done).',
      registers,
    }),
    restoreSeconds: new Gauge({
      name: 'citybrain_state_restore_duration_seconds',
      help: 'Duration of the last restore of the task state from its changelog.',
      // Over threads: the longest last restore.
      aggregator: 'max',
      registers,
    }),
    restoredBytes: new Gauge({
      name: 'citybrain_state_store_bytes',
      help: 'Size of the task state (JSON characters) at the last restore.',
      registers,
    }),
    commits: new Counter({
      name: 'citybrain_commits_total',
      help: 'Commits of outputs, state and input offsets (one Kafka transaction each under exactly-once), by result.',
      labelNames: ['result'],
      registers,
    }),
    changelogRecords: new Counter({
      name: 'citybrain_changelog_records_total',
      help: 'State-store changelog records written (changed chunks, headers and tombstones).',
      registers,
    }),
    // Every other gauge sums over the process's stream threads: their tasks, partitions and grids are disjoint.
    tasksOwned: new Gauge({
      name: 'citybrain_stream_tasks',
      help: 'Tasks this instance owns now, by sub-topology (route: input partitions → repartition; area: repartition → rules; single: all input).',
      labelNames: ['kind'],
      registers,
    }),
  };
}

/** The processor's metric handles. */
export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
