/**
 * Benchmark (not a test): how fast the processor works through a backlog on a real broker.
 * Run: `pnpm bench:processor [city-minutes]` (default 600 city minutes, about 350k events).
 *
 * 1. The simulator writes a seeded city stream flat out (`--compression 0`) to fresh topics.
 * 2. The processor starts on that backlog; its /metrics are polled until it has consumed every record.
 * Prints the simulator's produce rate, the processor's consume rate (records/s from its first to its
 * last consumed record), the alerts it published and its batch-duration mean. Starts the local broker
 * unless KAFKA_BROKERS is set, and stops what it started.
 */
import { randomUUID } from 'node:crypto';
import { acquireBroker } from '@citybrain/local-kafka';
import { freePort, scrape, startService, waitHealthy } from '../src/services';
import { produceBacklog } from './backlog';

const cityMinutes = Number(process.argv[2] ?? 600);
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const suffix = `.bench-${randomUUID().slice(0, 8)}`;
const env = {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_LOG_LEVEL: 'warn',
};

try {
  // 1. The backlog.
  const summary = await produceBacklog(env, cityMinutes);
  const total = summary.records;
  console.log(
    `simulator: ${total.toLocaleString('en')} records (${cityMinutes} city minutes) in ${summary.seconds.toFixed(1)} s = ` +
      `${Math.round(total / summary.seconds).toLocaleString('en')} records/s produced`,
  );

  // 2. The processor on the backlog.
  const port = await freePort();
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  const processor = startService('processor', {
    ...env,
    CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
    CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
  });
  await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), processor, 120_000);
  let firstAt: number | undefined;
  let consumed = 0;
  for (;;) {
    const m = await scrape(metricsUrl);
    consumed = m('citybrain_events_consumed_total');
    if (consumed > 0) firstAt ??= Date.now();
    if (consumed >= total) break;
    if (processor.process.exitCode !== null) throw new Error(`processor exited:\n${processor.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - (firstAt ?? Date.now())) / 1000;
  const m = await scrape(metricsUrl);
  const batches = m('citybrain_batch_duration_seconds_count');
  console.log(
    `processor: ${consumed.toLocaleString('en')} records in ${seconds.toFixed(1)} s = ` +
      `${Math.round(consumed / Math.max(seconds, 0.001)).toLocaleString('en')} records/s consumed ` +
      `(decode, validate, locate, window, evaluate, publish, commit); ` +
      `${m('citybrain_alerts_published_total')} alert messages; ${batches} batches, ` +
      `mean ${((m('citybrain_batch_duration_seconds_sum') / Math.max(batches, 1)) * 1000).toFixed(1)} ms per batch`,
  );
  await processor.stop();
} finally {
  await broker.stop();
}
