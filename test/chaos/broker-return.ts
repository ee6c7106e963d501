/**
 * `pnpm chaos:broker-return [city-minutes] [--down-ms N] [--runs N]`: where the seconds go between a
 * broker coming back and the processor committing progress again.
 *
 * One seeded input; per run a fresh processor group drains it, the local broker is stopped for
 * `--down-ms` (default 15 s) once a quarter is committed, then started again. The script times, from
 * the moment the broker's java process was launched again: its client port accepting, the first
 * successful metadata request through our Kafka client, the launcher declaring it ready, its group
 * and transaction coordinators serving (committed offsets readable; a probe producer's
 * InitProducerId answered), and the group's next committed progress — and prints the processor's own log lines (consumer crash,
 * restart, group join, restore, first commit) on the same time line. Needs the local broker (the
 * one this script stops); `KAFKA_BROKERS` naming another cluster is refused.
 */
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { committedOffsets, endOffsetsOnce, TransactionalProducer, type KafkaClient } from '@citybrain/kafka';
import { acquireBroker, startLocalBroker, stopLocalBroker } from '@citybrain/local-kafka';
import { seedInput } from '../src/chaos-harness';
import { freshSuffix, testClient } from '../src/kafka-helpers';
import { freePort, startService, waitFor } from '../src/services';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const cityMinutes = Number(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 120);
const downMs = flag('--down-ms', 15_000);
const runs = flag('--runs', 1);
if (process.env['KAFKA_BROKERS']) {
  console.error('chaos:broker-return stops and starts the local broker: unset KAFKA_BROKERS');
  process.exit(2);
}
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const client = testClient(broker.brokers);
const suffix = freshSuffix();
const inputs = ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => t + suffix);
const [host, port] = broker.brokers[0]!.split(':') as [string, string];

const committedTotal = async (c: KafkaClient, group: string) =>
  (await committedOffsets(c, group, inputs)).reduce((n, o) => n + Math.max(0, Number(o.offset)), 0);

const portOpen = () =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port: Number(port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const inputRecords = await seedInput(client, broker.brokers, suffix, { cityMinutes });
console.log(`seeded ${inputRecords} records; broker down ${downMs} ms per run; load ${loadAvg()}`);

for (let run = 1; run <= runs; run++) {
  const group = `broker-return-${randomUUID().slice(0, 8)}`;
  const metricsPort = await freePort();
  const svc = startService('processor', {
    KAFKA_BROKERS: broker.brokers.join(','),
    CITYBRAIN_TOPIC_SUFFIX: suffix,
    CITYBRAIN_OUTPUT_TOPIC_SUFFIX: `.${group}`,
    CITYBRAIN_PROCESSOR_GROUP: group,
    CITYBRAIN_PROCESSOR_METRICS_PORT: String(metricsPort),
    CITYBRAIN_IDLE_TIMEOUT_MS: String(1e12),
    CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(1e12),
    CITYBRAIN_LOG_LEVEL: 'info',
  });
  try {
    await waitFor(
      'a quarter committed',
      async () =>
        (await committedTotal(client, group).catch(() => 0)) > inputRecords / 4 ? true : undefined,
      120_000,
      100,
    );
    await stopLocalBroker();
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, downMs));
    const launchedAt = Date.now();
    let portAt = 0;
    let metadataAt = 0;
    let readyAt = 0;
    const restarted = startLocalBroker().then(() => (readyAt = Date.now()));
    // A fresh client per probe: the point is the broker's readiness, not a reconnect's back-off.
    await waitFor(
      'the port',
      async () => ((await portOpen()) ? (portAt = Date.now()) : undefined),
      120_000,
      20,
    );
    await waitFor(
      'a metadata answer',
      async () => {
        const probe = testClient(broker.brokers);
        await endOffsetsOnce(probe, [inputs[0]!]);
        return (metadataAt = Date.now());
      },
      120_000,
      20,
    );
    // The transaction coordinator loads its own partitions, apart from the group coordinator's: a
    // probe producer's InitProducerId answers once it serves (exactly-once needs both).
    let txnAt = 0;
    const txnReady = waitFor(
      'the transaction coordinator',
      async () => {
        const probe = new TransactionalProducer(testClient(broker.brokers), `${group}.probe-${run}`);
        try {
          await probe.connect();
          return (txnAt = Date.now());
        } catch {
          return undefined;
        } finally {
          await probe.disconnect().catch(() => {});
        }
      },
      120_000,
      50,
    );
    const at = await waitFor(
      'committed offsets readable',
      () => committedTotal(testClient(broker.brokers), group).catch(() => undefined),
      120_000,
      50,
    );
    const offsetsAt = Date.now();
    await txnReady;
    const coordinatorsAt = Math.max(offsetsAt, txnAt);
    await waitFor(
      'progress',
      async () => ((await committedTotal(client, group).catch(() => -1)) > at ? true : undefined),
      120_000,
      50,
    );
    const progressAt = Date.now();
    await restarted;
    const rel = (t: number) => `${((t - launchedAt) / 1000).toFixed(2)} s`;
    console.log(
      `run ${run} (load ${loadAvg()}): down ${((launchedAt - stoppedAt) / 1000).toFixed(1)} s; from the broker's launch: ` +
        `port ${rel(portAt)}, metadata ${rel(metadataAt)}, launcher ready ${rel(readyAt)}, ` +
        `committed offsets readable ${rel(offsetsAt)}, transactions served ${rel(txnAt)}, ` +
        `progress ${rel(progressAt)} → port → progress ${((progressAt - portAt) / 1000).toFixed(2)} s, ` +
        `coordinators ready → progress ${((progressAt - coordinatorsAt) / 1000).toFixed(2)} s`,
    );
    for (const line of svc.output().split('\n')) {
      if (!line.startsWith('{')) continue;
      const e = JSON.parse(line) as { time?: string; msg?: string; level?: string; [k: string]: unknown };
      const t = e.time === undefined ? NaN : Date.parse(e.time);
      if (!(t >= stoppedAt) || t > progressAt + 2_000) continue;
      // Connection refusals while the broker is down, and the input's dead letters, are noise here.
      if (/ECONNREFUSED|dead-letter/.test(e.msg ?? '')) continue;
      const extra = ['state', 'task', 'err', 'error', 'restart', 'durationMs', 'sinceDownMs', 'kafkajs']
        .filter((k) => e[k] !== undefined)
        .map((k) => `${k}=${JSON.stringify(e[k]).slice(0, 160)}`)
        .join(' ');
      console.log(`   ${rel(t).padStart(9)} ${e.level ?? ''} ${e.msg ?? ''} ${extra}`);
    }
  } finally {
    await svc.stop();
  }
}
process.exit(0);

function loadAvg(): string {
  return loadavg()[0]!.toFixed(1);
}
