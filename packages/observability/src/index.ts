/**
 * Observability for every citybrain service: structured JSON logs (pino) and Prometheus metrics
 * (prom-client) served at `/metrics`.
 *
 * @example
 * ```ts
 * import { alertLogFields, createLogger, createRegistry, gridLogger, startMetricsServer } from '@citybrain/observability';
 * const log = createLogger({ service: 'processor', level: 'info' });
 * const registry = createRegistry('processor');
 * const server = await startMetricsServer(registry, { host: '127.0.0.1', port: 9464 });
 * log.info({ url: server.url }, 'metrics ready');
 * gridLogger(log, 'G001', 'A1').warn('grid line'); // every line carries gridId and areaId
 * log.info(alertLogFields(alert), 'alert published'); // alertId, fingerprint, rule, gridId, ...
 * // Several threads' registries served as one (each metric merged by its `aggregator`):
 * const text = await aggregateMetrics([await registry.getMetricsAsJSON(), threadSnapshot]);
 * ```
 */
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { alertLogFields, alertLogger, gridLogger, type AlertLike } from './log-fields';
export {
  createRegistry,
  startMetricsServer,
  NON_CONFORMING_DEFAULT_METRICS,
  type MetricsServer,
  type MetricsSource,
} from './metrics-server';
export { aggregateMetrics, METRICS_CONTENT_TYPE, type MetricsSnapshot } from './metrics-aggregation';
export { Counter, Gauge, Histogram, type Registry } from 'prom-client';
