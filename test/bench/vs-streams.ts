/**
 * Benchmark (not a test): the processor side by side with a Kafka Streams application of the same job,
 * on one broker and one seeded backlog, with Kafka's ConsumerPerformance as the ceiling.
 *
 * Run: `pnpm bench:vs-streams [--rounds N] [--city-minutes M] [--sides a,b,...] [--skip-build]`
 * (defaults: 3 rounds, 240 city minutes ≈ 145k records, every side; a few minutes on 2 cores).
 *
 * 1. Builds the Streams app (`deploy/bench/streams`, Maven, Kafka Streams 4.1.1) unless `--skip-build`.
 * 2. The simulator writes the seeded backlog once, flat out, to fresh topics.
 * 3. Each round runs, back to back, each side on the whole backlog with a fresh consumer group:
 *    `processor-alos` / `processor-eos` (the processor with `CITYBRAIN_PROCESSING_GUARANTEE` set),
 *    `streams-alos` / `streams-eos` (the Streams app, `at_least_once` / `exactly_once_v2`) and
 *    `ceiling` (ConsumerPerformance on the traffic topic: a consumer that does nothing with records).
 * 4. Each side reports how many records it has processed (the processor's
 *    `citybrain_events_consumed_total`, the Streams app's progress lines, ConsumerPerformance's detailed
 *    stats); at each report the harness reads the process's `/proc/<pid>/stat` (user + system CPU) and
 *    `/proc/<pid>/status` (VmHWM). A run starts at the first report with records (so start-up and group
 *    join are excluded on every side alike) and ends when the side has done the whole backlog's work:
 *    - the processor: every record counted (by its route task, once its transaction committed) AND its
 *      group drained — the input and the internal repartition topic committed to their end, i.e. every
 *      record also went through its area task (windows, rules, outputs, state);
 *    - the Streams app: every record counted AND every input offset committed by its group (polled every
 *      100 ms), because Kafka Streams defers work to the commit (flushing its record cache into the
 *      window store, the changelog and the suppression buffer);
 *    - ConsumerPerformance: its last report before it exits (it reads, nothing else).
 *    When the broker is the one `deploy/kafka/kafka.sh` runs for this checkout, its CPU over the same
 *    span is reported per record too (the broker's share of each side's cost).
 *
 * Prints per run and, at the end, the medians per side and the medians of the in-round ratios.
 * Starts the local broker unless KAFKA_BROKERS is set, and stops what it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { topicEndOffsets } from '@citybrain/kafka';
import { acquireBroker, REPO_ROOT } from '@citybrain/local-kafka';
import { testClient } from '../src/kafka-helpers';
import { groupDrained } from '../src/quiescence';
import { freePort, scrape, startService, waitHealthy } from '../src/services';
import { produceBacklog } from './backlog';

const SIDES = ['processor-alos', 'processor-eos', 'streams-alos', 'streams-eos', 'ceiling'] as const;
type Side = (typeof SIDES)[number];
type Guarantee = 'at_least_once' | 'exactly_once';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'city-minutes': { type: 'string', default: '240' },
    sides: { type: 'string', default: SIDES.join(',') },
    'streams-retention-ms': { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const rounds = Number(flags.rounds);
const cityMinutes = Number(flags['city-minutes']);
const sides = flags.sides.split(',').map((s) => s.trim()) as Side[];
for (const s of sides)
  if (!SIDES.includes(s)) throw new Error(`unknown side ${s} (sides: ${SIDES.join(', ')})`);
if (!(rounds >= 1) || !(cityMinutes > 0)) throw new Error('--rounds must be ≥ 1 and --city-minutes > 0');

const STREAMS_POM = join(REPO_ROOT, 'deploy/bench/streams/pom.xml');
const STREAMS_BUILD = join(REPO_ROOT, '.run/bench/streams');
const CLASSPATH = `${join(STREAMS_BUILD, 'classes')}:${join(STREAMS_BUILD, 'libs')}/*`;
const JAVA = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin/java') : 'java';
const GRIDS_FILE = join(REPO_ROOT, 'deploy/config/longgang-grids.yaml');
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * One reading of a process: its CPU time so far, its peak RSS, the records it had processed, and the
 * local broker's CPU time so far (NaN when the broker is not ours to read).
 */
interface Sample {
  readonly atMs: number;
  readonly cpuMs: number;
  readonly peakRssKb: number;
  readonly records: number;
  readonly brokerCpuMs: number;
}

/** User + system CPU of a process, ms, from `/proc/<pid>/stat`; throws once it exited. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** The broker started by deploy/kafka/kafka.sh for this checkout, if it runs here (its pid file). */
const BROKER_PID_FILE = join(REPO_ROOT, '.run/kafka/kafka.pid');
let brokerPid: number | undefined;

/** Reads a process's CPU and VmHWM (`/proc/<pid>/status`), and the broker's CPU; undefined once it exited. */
function sample(pid: number, records: number): Sample | undefined {
  try {
    const cpuMs = cpuMsOf(pid);
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    let brokerCpuMs = Number.NaN;
    try {
      if (brokerPid !== undefined) brokerCpuMs = cpuMsOf(brokerPid);
    } catch {
      // The broker is not readable: the column stays empty.
    }
    return { atMs: Date.now(), cpuMs, peakRssKb: Number(hwm?.[1] ?? 0), records, brokerCpuMs };
  } catch {
    return undefined;
  }
}

/** What one side did in one round. */
interface RunResult {
  readonly side: Side;
  /** The guarantee actually in force, with how it is known. */
  readonly guarantee: string;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly cpuUsPerRecord: number;
  /** Cores used on average between the two samples. */
  readonly cores: number;
  readonly peakRssMb: number;
  /** The broker's CPU over the same span, per record (NaN when the broker is not local). */
  readonly brokerCpuUsPerRecord: number;
}

function resultOf(side: Side, guarantee: string, first: Sample, last: Sample): RunResult {
  const records = last.records - first.records;
  const seconds = (last.atMs - first.atMs) / 1000;
  if (records <= 0 || seconds <= 0)
    throw new Error(`${side}: too few progress reports to measure (make the backlog larger)`);
  const cpuMs = last.cpuMs - first.cpuMs;
  return {
    side,
    guarantee,
    records,
    seconds,
    recordsPerSecond: records / seconds,
    cpuUsPerRecord: (cpuMs * 1000) / records,
    cores: cpuMs / 1000 / seconds,
    peakRssMb: last.peakRssKb / 1024,
    brokerCpuUsPerRecord: ((last.brokerCpuMs - first.brokerCpuMs) * 1000) / records,
  };
}

/** Stops a child with SIGTERM (SIGKILL after `boundMs`) and waits for it. */
async function stopChild(child: ChildProcess, boundMs = 40_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The guarantee the processor really used: what it logs, if it logs one; else whether its configuration
 * reference (generated from its schema) knows `CITYBRAIN_PROCESSING_GUARANTEE`; else at-least-once,
 * the only mode a processor without that key has.
 */
function processorGuarantee(requested: Guarantee, output: string): string {
  const logged = /"(?:processingGuarantee|processing_guarantee|guarantee)"\s*:\s*"(\w+)"/.exec(output);
  if (logged) return `${logged[1]} (logged by the processor)`;
  const reference = join(REPO_ROOT, 'docs/configuration.md');
  if (existsSync(reference) && readFileSync(reference, 'utf8').includes('CITYBRAIN_PROCESSING_GUARANTEE'))
    return `${requested} (key known to the processor's configuration)`;
  return 'at_least_once (this processor has no CITYBRAIN_PROCESSING_GUARANTEE; the request was ignored)';
}

interface Context {
  readonly env: Record<string, string>;
  /** Input offsets committed by a consumer group, summed over the three input topics. */
  readonly committed: (groupId: string) => Promise<number>;
  /** Whether a processor group has committed its input and its internal repartition topic to the end. */
  readonly drained: (groupId: string) => Promise<boolean>;
  readonly brokers: string;
  readonly suffix: string;
  /** Records in the three input topics. */
  readonly total: number;
  /** Records in the traffic topic (ConsumerPerformance reads one topic). */
  readonly trafficTotal: number;
  readonly timeoutMs: number;
}

async function runProcessor(ctx: Context, side: Side, requested: Guarantee): Promise<RunResult> {
  const port = await freePort();
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  const group = `citybrain-processor${ctx.suffix}.${randomUUID().slice(0, 8)}`;
  const processor = startService('processor', {
    ...ctx.env,
    CITYBRAIN_LOG_LEVEL: 'warn',
    CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
    CITYBRAIN_PROCESSOR_GROUP: group,
    CITYBRAIN_PROCESSING_GUARANTEE: requested,
  });
  try {
    const pid = processor.process.pid;
    if (pid === undefined) throw new Error('processor did not start');
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), processor, 120_000);
    const deadline = Date.now() + ctx.timeoutMs;
    let first: Sample | undefined;
    for (;;) {
      const consumed = (await scrape(metricsUrl))('citybrain_events_consumed_total');
      const s = sample(pid, consumed);
      if (s === undefined || processor.process.exitCode !== null)
        throw new Error(`processor exited:\n${processor.output()}`);
      if (consumed > 0) first ??= s;
      // Every record counted by its route task AND gone through its area task (the repartition
      // topic committed to its end): the whole job done, as the Streams side's committed input is.
      if (first && consumed >= ctx.total && (await ctx.drained(group)))
        return resultOf(side, processorGuarantee(requested, processor.output()), first, s);
      if (Date.now() > deadline)
        throw new Error(`processor: ${consumed}/${ctx.total} records before the timeout`);
      await sleep(100);
    }
  } finally {
    await processor.stop();
  }
}

/**
 * Runs a Java main class (on the Streams app's class path) and calls `onLine` for every line of its
 * standard output until `onLine` returns a result (then stops it) or the process exits (then `onExit`
 * decides).
 */
function runJava<T>(
  args: readonly string[],
  timeoutMs: number,
  onLine: (line: string, pid: number) => T | undefined,
  onExit: (code: number | null) => T | Error,
): Promise<T> {
  const child = spawn(JAVA, ['-cp', CLASSPATH, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-20_000)));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (v: T | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() => (v instanceof Error ? reject(v) : resolve(v)));
    };
    const timer = setTimeout(() => settle(new Error(`${args[0]}: timed out\n${stderr}`)), timeoutMs);
    child.once('error', (err) => settle(err));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const v = child.pid === undefined ? undefined : onLine(line, child.pid);
        if (v !== undefined) settle(v);
      } catch (err: unknown) {
        settle(err instanceof Error ? new Error(`${err.message}\n${stderr}`) : new Error(String(err)));
      }
    });
    child.once('exit', (code) => {
      const v = onExit(code);
      settle(v instanceof Error ? new Error(`${v.message}\n${stderr}`) : v);
    });
  });
}

async function runStreams(ctx: Context, side: Side, guarantee: Guarantee): Promise<RunResult> {
  const appId = `citybrain-streams-bench${ctx.suffix}.${guarantee}.${randomUUID().slice(0, 8)}`;
  const stateDir = join(STREAMS_BUILD, 'state', appId);
  const child = spawn(
    JAVA,
    [
      '-cp',
      CLASSPATH,
      'citybrain.bench.TrafficJob',
      '--bootstrap',
      ctx.brokers,
      '--application-id',
      appId,
      '--topic-suffix',
      ctx.suffix,
      '--grids',
      GRIDS_FILE,
      '--guarantee',
      guarantee,
      '--state-dir',
      stateDir,
      ...(flags['streams-retention-ms'] ? ['--retention-ms', flags['streams-retention-ms']] : []),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-20_000)));
  let records = 0;
  let failed: string | undefined;
  let first: Sample | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const msg = JSON.parse(line) as { type: string; records?: number; state?: string };
    if (msg.type === 'state' && msg.state === 'ERROR') failed = 'Kafka Streams went to ERROR';
    if (msg.type !== 'progress' || !msg.records || child.pid === undefined) return;
    records = msg.records;
    first ??= sample(child.pid, records);
  });
  try {
    const deadline = Date.now() + ctx.timeoutMs;
    for (;;) {
      if (failed !== undefined || child.exitCode !== null)
        throw new Error(`${failed ?? 'exited'}\n${stderr}`);
      if (Date.now() > deadline)
        throw new Error(`${side}: ${records}/${ctx.total} records before the timeout`);
      if (first && records >= ctx.total && (await ctx.committed(appId)) >= ctx.total) {
        const last = child.pid === undefined ? undefined : sample(child.pid, records);
        if (last === undefined) throw new Error(`Kafka Streams app exited\n${stderr}`);
        return resultOf(side, `${guarantee} (Kafka Streams)`, first, last);
      }
      await sleep(100);
    }
  } finally {
    await stopChild(child);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * ConsumerPerformance on the traffic topic. It exits when it has read every record; its detailed-stats
 * lines (every 50 ms) are the progress reports, so the last interval before it exits is not counted.
 */
async function runCeiling(ctx: Context): Promise<RunResult> {
  let column = -1;
  let first: Sample | undefined;
  let last: Sample | undefined;
  return runJava<RunResult>(
    [
      'org.apache.kafka.tools.ConsumerPerformance',
      '--bootstrap-server',
      ctx.brokers,
      '--topic',
      `city.traffic.v1${ctx.suffix}`,
      '--messages',
      String(ctx.trafficTotal),
      '--group',
      `citybrain-perf${ctx.suffix}.${randomUUID().slice(0, 8)}`,
      '--show-detailed-stats',
      '--reporting-interval',
      '50',
      '--timeout',
      String(ctx.timeoutMs),
    ],
    ctx.timeoutMs + 30_000,
    (line, pid) => {
      const cells = line.split(',').map((c) => c.trim());
      if (column < 0) {
        column = cells.indexOf('data.consumed.in.nMsg');
        return undefined;
      }
      const records = Number(cells[column]);
      if (!(records > 0)) return undefined;
      const s = sample(pid, records);
      if (s === undefined) return undefined;
      first ??= s;
      last = s;
      return undefined;
    },
    (code) => {
      if (code !== 0) return new Error(`ConsumerPerformance exited with ${code}`);
      if (!first || !last)
        return new Error('ConsumerPerformance printed no progress (make the backlog larger)');
      return resultOf('ceiling', 'none (reads only)', first, last);
    },
  );
}

function buildStreamsApp(): void {
  console.log('building the Kafka Streams app (Maven) …');
  // copy-dependencies never deletes old jars: start from an empty folder so versions cannot mix.
  rmSync(join(STREAMS_BUILD, 'libs'), { recursive: true, force: true });
  const mvn = spawnSync(
    process.env['MVN'] ?? 'mvn',
    ['-q', '-B', '-f', STREAMS_POM, 'package', 'dependency:copy-dependencies'],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  if (mvn.status !== 0) throw new Error(`Maven build of ${STREAMS_POM} failed (exit ${mvn.status})`);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

if (!flags['skip-build']) buildStreamsApp();
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const suffix = `.vs-${randomUUID().slice(0, 8)}`;
const brokers = broker.brokers.join(',');
const env = { KAFKA_BROKERS: brokers, CITYBRAIN_TOPIC_SUFFIX: suffix, CITYBRAIN_LOG_LEVEL: 'warn' };

if (broker.source === 'local-launcher' && existsSync(BROKER_PID_FILE))
  brokerPid = Number(readFileSync(BROKER_PID_FILE, 'utf8').trim()) || undefined;
const client = testClient(broker.brokers);
const admin = client.kafka.admin();
try {
  const backlog = await produceBacklog(env, cityMinutes);
  const count = async (topic: string) =>
    (await topicEndOffsets(client, `${topic}${suffix}`)).reduce((n, p) => n + Number(p.offset), 0);
  const [traffic, permit, cases] = await Promise.all([
    count('city.traffic.v1'),
    count('city.permit.v1'),
    count('city.case.v1'),
  ]);
  const total = traffic + permit + cases;
  if (total !== backlog.records)
    throw new Error(`the topics hold ${total} records, the simulator wrote ${backlog.records}`);
  console.log(
    `backlog: ${fmt(total)} records (${cityMinutes} city minutes; traffic ${fmt(traffic)}, permit ${fmt(permit)}, ` +
      `case ${fmt(cases)}; ≈ 10% JSON) written in ${backlog.seconds.toFixed(1)} s; ` +
      `${rounds} round(s) of ${sides.join(', ')}; ${spawnSync('nproc').stdout?.toString().trim()} cores, ` +
      `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  await admin.connect();
  const inputs = ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => `${t}${suffix}`);
  const committed = async (groupId: string): Promise<number> => {
    const offsets = await admin.fetchOffsets({ groupId, topics: inputs });
    return offsets.reduce(
      (n, t) => n + t.partitions.reduce((m, p) => m + Math.max(0, Number(p.offset)), 0),
      0,
    );
  };
  const ctx: Context = {
    env,
    committed,
    drained: (groupId) => groupDrained(client, groupId, inputs),
    brokers,
    suffix,
    total,
    trafficTotal: traffic,
    timeoutMs: Math.max(180_000, total),
  };

  const results: RunResult[][] = [];
  for (let round = 1; round <= rounds; round++) {
    const inRound: RunResult[] = [];
    for (const side of sides) {
      const r =
        side === 'processor-alos'
          ? await runProcessor(ctx, side, 'at_least_once')
          : side === 'processor-eos'
            ? await runProcessor(ctx, side, 'exactly_once')
            : side === 'streams-alos'
              ? await runStreams(ctx, side, 'at_least_once')
              : side === 'streams-eos'
                ? await runStreams(ctx, side, 'exactly_once')
                : await runCeiling(ctx);
      inRound.push(r);
      console.log(
        `round ${round} ${side.padEnd(14)} ${fmt(r.recordsPerSecond).padStart(9)} records/s ` +
          `${fmt(r.cpuUsPerRecord, 1).padStart(6)} µs CPU/record ${r.cores.toFixed(2)} cores ` +
          `${fmt(r.peakRssMb).padStart(5)} MB peak RSS; broker ${fmt(r.brokerCpuUsPerRecord, 1)} µs CPU/record ` +
          `(${fmt(r.records)} records in ${r.seconds.toFixed(2)} s; ` +
          `guarantee ${r.guarantee})`,
      );
    }
    results.push(inRound);
  }

  const of = (side: Side) => results.map((round) => round.find((r) => r.side === side));
  console.log(`\nmedians over ${rounds} round(s):\n`);
  console.log(
    '| side | guarantee | records/s | CPU µs/record | cores | peak RSS MB | broker CPU µs/record |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const side of sides) {
    const runs = of(side).filter((r): r is RunResult => r !== undefined);
    console.log(
      `| ${side} | ${runs[0]?.guarantee ?? ''} | ${fmt(median(runs.map((r) => r.recordsPerSecond)))} | ` +
        `${fmt(median(runs.map((r) => r.cpuUsPerRecord)), 1)} | ${median(runs.map((r) => r.cores)).toFixed(2)} | ` +
        `${fmt(median(runs.map((r) => r.peakRssMb)))} | ${fmt(median(runs.map((r) => r.brokerCpuUsPerRecord)), 1)} |`,
    );
  }
  const ratios: [string, Side, Side][] = [
    ['processor / Kafka Streams, at-least-once', 'processor-alos', 'streams-alos'],
    ['processor / Kafka Streams, exactly-once', 'processor-eos', 'streams-eos'],
    ['processor (at-least-once) / ConsumerPerformance', 'processor-alos', 'ceiling'],
    ['Kafka Streams (at-least-once) / ConsumerPerformance', 'streams-alos', 'ceiling'],
  ];
  console.log('\nratios (medians of in-round ratios):\n');
  console.log('| ratio | records/s | CPU per record |');
  console.log('|---|---|---|');
  for (const [label, a, b] of ratios) {
    const pairs = results
      .map((round) => [round.find((r) => r.side === a), round.find((r) => r.side === b)] as const)
      .filter((p): p is readonly [RunResult, RunResult] => p[0] !== undefined && p[1] !== undefined);
    if (pairs.length === 0) continue;
    const speed = median(pairs.map(([x, y]) => x.recordsPerSecond / y.recordsPerSecond));
    const cpu = median(pairs.map(([x, y]) => x.cpuUsPerRecord / y.cpuUsPerRecord));
    console.log(`| ${label} | ${speed.toFixed(2)} | ${cpu.toFixed(2)} |`);
  }
} finally {
  // An open admin connection would keep the process alive after a failure.
  await admin.disconnect();
  await broker.stop();
}
