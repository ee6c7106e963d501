import { describe, expect, it } from 'vitest';
import { aggregateMetrics, Counter, createRegistry, Gauge, Histogram } from './index';

/** A registry as a stream thread has one: no process metrics, the same metric definitions. */
function threadRegistry() {
  const registry = createRegistry('processor', { defaultMetrics: false });
  const registers = [registry];
  return {
    registry,
    consumed: new Counter({ name: 'x_consumed_total', help: 'h', labelNames: ['topic'], registers }),
    open: new Gauge({ name: 'x_open', help: 'h', labelNames: ['window'], registers }),
    up: new Gauge({ name: 'x_up', help: 'h', aggregator: 'min', registers }),
    lag: new Gauge({
      name: 'x_lag_seconds',
      help: 'h',
      labelNames: ['window'],
      aggregator: 'max',
      registers,
    }),
    batch: new Histogram({ name: 'x_batch_seconds', help: 'h', buckets: [0.1, 1], registers }),
  };
}

describe('aggregateMetrics', () => {
  it('merges threads metric by metric with each metric’s aggregator, names and labels unchanged', async () => {
    const a = threadRegistry();
    const b = threadRegistry();
    a.consumed.inc({ topic: 't' }, 2);
    b.consumed.inc({ topic: 't' }, 3);
    b.consumed.inc({ topic: 'u' }, 1);
    a.open.set({ window: 'w' }, 4);
    b.open.set({ window: 'w' }, 5);
    a.up.set(1);
    b.up.set(0);
    a.lag.set({ window: 'w' }, 2);
    b.lag.set({ window: 'w' }, 7);
    a.batch.observe(0.05);
    b.batch.observe(0.5);
    b.batch.observe(5);
    const body = await aggregateMetrics([
      await a.registry.getMetricsAsJSON(),
      await b.registry.getMetricsAsJSON(),
    ]);
    expect(body).toContain('x_consumed_total{topic="t",service="processor"} 5');
    expect(body).toContain('x_consumed_total{topic="u",service="processor"} 1');
    expect(body).toContain('x_open{window="w",service="processor"} 9');
    expect(body).toContain('x_up{service="processor"} 0');
    expect(body).toContain('x_lag_seconds{window="w",service="processor"} 7');
    expect(body).toContain('x_batch_seconds_bucket{le="0.1",service="processor"} 1');
    expect(body).toContain('x_batch_seconds_bucket{le="1",service="processor"} 2');
    expect(body).toContain('x_batch_seconds_count{service="processor"} 3');
    expect(body).not.toContain('process_cpu_user_seconds_total');
  });

  it('keeps a metric only one snapshot has (the main thread’s process metrics)', async () => {
    const main = createRegistry('processor');
    const threads = new Gauge({ name: 'x_threads', help: 'h', registers: [main] });
    threads.set(2);
    const body = await aggregateMetrics([
      await main.getMetricsAsJSON(),
      await threadRegistry().registry.getMetricsAsJSON(),
    ]);
    expect(body).toContain('x_threads{service="processor"} 2');
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('x_up{service="processor"} 0');
  });
});
