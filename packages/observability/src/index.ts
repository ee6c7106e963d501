/**
 * Observability for every citybrain service: structured JSON logs (pino) and Prometheus metrics
 * (prom-client) served at `/metrics`.
 *
 * @example
 * ```ts
 * import { createLogger, createRegistry, startMetricsServer } from '@citybrain/observability';
 * const log = createLogger({ service: 'processor', level: 'info' });
 * const registry = createRegistry('processor');
 * const server = await startMetricsServer(registry, { host: '127.0.0.1', port: 9464 });
 * log.info({ url: server.url }, 'metrics ready');
 * ```
 */
export { createLogger, type Logger, type LoggerOptions } from './logger';
export { createRegistry, startMetricsServer, type MetricsServer } from './metrics-server';
export { Counter, Gauge, Histogram, type Registry } from 'prom-client';
