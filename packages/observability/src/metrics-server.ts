import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * prom-client's default metrics that break Prometheus naming (gauges ending in `_total`, which
 * `promtool check metrics` rejects). Each is only the sum of a per-type gauge that stays
 * (`nodejs_active_handles{type}` etc.), so nothing is lost.
 */
export const NON_CONFORMING_DEFAULT_METRICS: readonly string[] = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A prom-client registry with the default process metrics (standard `process_`/`nodejs_` names,
 * which Grafana dashboards expect, minus {@link NON_CONFORMING_DEFAULT_METRICS}) and a `service`
 * label on every series.
 */
export function createRegistry(service: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // A worker thread's registry goes without them: they describe the process, which the main
  // thread's registry already reports (summed over threads they would count the process N times).
  if (options.defaultMetrics === false) return registry;
  collectDefaultMetrics({ register: registry });
  for (const name of NON_CONFORMING_DEFAULT_METRICS) registry.removeSingleMetric(name);
  return registry;
}

/**
 * What `/metrics` serves: a prom-client {@link Registry}, or anything that renders the Prometheus
 * text format (e.g. {@link aggregateMetrics} over several threads' registries).
 */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

/** A running `/metrics` HTTP endpoint. */
export interface MetricsServer {
  /** The port actually bound (useful when 0 was asked for). */
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text format) and `GET /healthz` (200 while `healthy()` says so,
 * else 503) on `host:port`.
 */
export async function startMetricsServer(
  registry: MetricsSource,
  options: { host: string; port: number; healthy?: () => boolean },
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        })
        .catch((err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics collection failed: ${String(err)}`);
        });
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      const ok = options.healthy?.() ?? true;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(ok ? 'ok\n' : 'unhealthy\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found: try /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${options.host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
