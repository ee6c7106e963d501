/**
 * Benchmark (not a test): how fast the processor works through a backlog on a real broker.
 * Run: `pnpm bench:processor [city-minutes] [--instances N] [--topology partitioned|single]`
 * (default 600 city minutes, about 350k events; 1 instance; the processor's default topology).
 *
 * 1. The simulator writes a seeded city stream flat out (`--compression 0`) to fresh topics.
 * 2. N processor instances of one group start on that backlog; the group's committed offsets are
 *    polled until it has committed every input record and (partitioned topology) its repartition
 *    topic to the end, i.e. every event went through its route task AND its area task.
 * Prints the simulator's produce rate, the group's rate (records/s from the first committed input
 * record to the end), the processors' CPU µs per record over the same span, the alerts published, the batch-duration mean and each instance's tasks. Starts
 * the local broker unless KAFKA_BROKERS is set, and stops what it started.
 */
import { randomUUID } from 'node:crypto';
import { committedOffsets, endOffsetsOnce } from '@citybrain/kafka';
import { acquireBroker } from '@citybrain/local-kafka';
import { testClient } from '../src/kafka-helpers';
import { freePort, scrape, startService, waitHealthy, type RunningService } from '../src/services';
import { produceBacklog } from './backlog';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
const cityMinutes = Number(positional[0] ?? 600);
const instances = Number(option('--instances') ?? 1);
const topology = option('--topology');
if (
  !Number.isInteger(cityMinutes) ||
  cityMinutes < 1 ||
  !Number.isInteger(instances) ||
  instances < 1 ||
  (topology !== undefined && topology !== 'partitioned' && topology !== 'single')
) {
  console.error('usage: pnpm bench:processor [city-minutes] [--instances N] [--topology partitioned|single]');
  process.exit(2);
}
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const client = testClient(broker.brokers);
const suffix = `.bench-${randomUUID().slice(0, 8)}`;
const group = `citybrain-processor${suffix}`;
const inputTopics = ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => t + suffix);
const env = {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_LOG_LEVEL: 'warn',
  ...(topology === undefined ? {} : { CITYBRAIN_TOPOLOGY: topology }),
};

/** Input records the group committed, and whether its repartition topic (if any) is committed to its end. */
async function progress(): Promise<{ committed: number; repartitionDone: boolean }> {
  const committed = (await committedOffsets(client, group, inputTopics)).reduce(
    (n, o) => n + Math.max(0, Number(o.offset)),
    0,
  );
  const topic = `${group}.events-by-area`;
  if (topology === 'single') return { committed, repartitionDone: true };
  const ends = await endOffsetsOnce(client, [topic]);
  const done = await committedOffsets(client, group, [topic]);
  const repartitionDone = ends.every(
    (e) => e.high === 0 || Number(done.find((d) => d.partition === e.partition)?.offset ?? -1) >= e.high,
  );
  return { committed, repartitionDone };
}

const running: { svc: RunningService; metricsUrl: string }[] = [];
try {
  // 1. The backlog.
  const summary = await produceBacklog(env, cityMinutes);
  const total = summary.records;
  console.log(
    `simulator: ${total.toLocaleString('en')} records (${cityMinutes} city minutes) in ${summary.seconds.toFixed(1)} s = ` +
      `${Math.round(total / summary.seconds).toLocaleString('en')} records/s produced`,
  );

  // 2. The processors on the backlog.
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const svc = startService('processor', {
      ...env,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
      CITYBRAIN_PROCESSOR_GROUP: group,
    });
    running.push({ svc, metricsUrl });
  }
  for (const r of running) await waitHealthy(r.metricsUrl.replace('/metrics', '/healthz'), r.svc, 120_000);
  let firstAt: number | undefined;
  // The processors' CPU seconds (every thread) from the first commit on: on a shared machine the
  // CPU per record compares runs better than the wall-clock rate.
  const cpuSeconds = async (): Promise<number> => {
    let sum = 0;
    for (const r of running) sum += (await scrape(r.metricsUrl))('process_cpu_seconds_total');
    return sum;
  };
  let cpuAtFirst = 0;
  const tasks: number[] = running.map(() => 0);
  for (;;) {
    const p = await progress().catch(() => ({ committed: 0, repartitionDone: false }));
    if (p.committed > 0 && firstAt === undefined) {
      firstAt = Date.now();
      cpuAtFirst = await cpuSeconds();
    }
    for (const [i, r] of running.entries())
      tasks[i] = Math.max(tasks[i]!, (await scrape(r.metricsUrl))('citybrain_stream_tasks'));
    if (p.committed >= total && p.repartitionDone) break;
    for (const r of running)
      if (r.svc.process.exitCode !== null) throw new Error(`processor exited:\n${r.svc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (Date.now() - (firstAt ?? Date.now())) / 1000;
  const cpuUsPerRecord = (((await cpuSeconds()) - cpuAtFirst) * 1e6) / total;
  let alerts = 0;
  let batches = 0;
  let batchSeconds = 0;
  for (const r of running) {
    const m = await scrape(r.metricsUrl);
    alerts += m('citybrain_alerts_published_total');
    batches += m('citybrain_batch_duration_seconds_count');
    batchSeconds += m('citybrain_batch_duration_seconds_sum');
  }
  console.log(
    `processor × ${instances} (${topology ?? 'default'} topology): ${total.toLocaleString('en')} records in ${seconds.toFixed(1)} s = ` +
      `${Math.round(total / Math.max(seconds, 0.001)).toLocaleString('en')} records/s through the group, ` +
      `${cpuUsPerRecord.toFixed(1)} µs processor CPU per record ` +
      `(decode, validate, locate, repartition, window, evaluate, publish, commit); ` +
      `${alerts} alert messages; ${batches} commits, mean ${((batchSeconds / Math.max(batches, 1)) * 1000).toFixed(1)} ms each; ` +
      `tasks per instance (peak) ${tasks.join(', ')}`,
  );
  for (const r of running) await r.svc.stop();
} finally {
  for (const r of running) if (r.svc.process.exitCode === null) await r.svc.stop();
  await broker.stop();
}
