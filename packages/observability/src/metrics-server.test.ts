import { afterEach, describe, expect, it } from 'vitest';
import { Counter, createRegistry, startMetricsServer, type MetricsServer } from './index';

describe('metrics server', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('serves registered metrics and default process metrics over real HTTP', async () => {
    const registry = createRegistry('test');
    const counter = new Counter({ name: 'citybrain_test_total', help: 'test', registers: [registry] });
    counter.inc(3);
    server = await startMetricsServer(registry, { host: '127.0.0.1', port: 0 });
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('citybrain_test_total{service="test"} 3');
    expect(body).toContain('process_cpu_user_seconds_total');
    // Only counters end in _total (promtool check metrics): no prom-client gauge named *_total.
    const gaugesNamedTotal = [...body.matchAll(/^# TYPE (\S+_total) (\w+)$/gm)].filter(
      (m) => m[2] !== 'counter',
    );
    expect(gaugesNamedTotal.map((m) => m[1])).toEqual([]);
    expect(body).toContain('nodejs_active_handles{');
  });

  it('reports health and 404s other paths', async () => {
    let healthy = false;
    server = await startMetricsServer(createRegistry('t'), {
      host: '127.0.0.1',
      port: 0,
      healthy: () => healthy,
    });
    const base = server.url.replace('/metrics', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    healthy = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
