import { Counter, Gauge, Histogram, type Registry } from '@citybrain/observability';

/** The processor's metrics (Prometheus conventions: base units, `_total` counters, bounded labels). */
export function createProcessorMetrics(registry: Registry) {
  const registers = [registry];
  return {
    consumed: new Counter({
      name: 'citybrain_events_consumed_total',
      help: 'Input records consumed, per topic.',
      labelNames: ['topic'],
      registers,
    }),
    invalid: new Counter({
      name: 'citybrain_events_invalid_total',
      help: 'Input records rejected to the dead-letter topic, per topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    }),
    late: new Counter({
      name: 'citybrain_events_late_total',
      help: 'Events that arrived after every window they belong to had closed, sent to the late-events topic.',
      labelNames: ['topic', 'window'],
      registers,
    }),
    alerts: new Counter({
      name: 'citybrain_alerts_published_total',
      help: 'Alert messages published to the alerts topic, per rule, severity and status.',
      labelNames: ['rule', 'severity', 'status'],
      registers,
    }),
    watermarkLag: new Gauge({
      name: 'citybrain_window_watermark_lag_seconds',
      help: 'Event-time lag of a window operator: the newest event time seen minus the watermark.',
      labelNames: ['window'],
      registers,
    }),
    watermark: new Gauge({
      name: 'citybrain_window_watermark_seconds',
      help: 'Event-time watermark of a window operator, Unix seconds.',
      labelNames: ['window'],
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
    consumerUp: new Gauge({
      name: 'citybrain_kafka_consumer_up',
      help: '1 while the Kafka consumer is a running group member, else 0.',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'citybrain_batch_duration_seconds',
      help: 'Time to decode, window, evaluate, publish and commit one input batch.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    alertDelay: new Histogram({
      name: 'citybrain_alert_event_delay_seconds',
      help: 'Processing-time delay from reading the input batch that raised an alert to its acknowledged publication.',
      labelNames: ['rule'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

/** The processor's metric handles. */
export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
