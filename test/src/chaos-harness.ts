// The chaos harness: one seeded input drained by processor runs with and without faults on the real
// broker, and the committed alerts topics compared. Shared by the chaos integration test (small) and
// `pnpm chaos` (≥ 1M events, prints a report).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { decodeAlert } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import {
  committedOffsets,
  endOffsetsOnce,
  readTopicToEnd,
  retryRetriable,
  type KafkaClient,
} from '@citybrain/kafka';
import { REPO_ROOT } from '@citybrain/local-kafka';
import { groupDrained } from './quiescence';
import { freePort, scrape, startService, waitFor, type RunningService } from './services';

/** A fault to cause while the processor drains the input. */
export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'kill'; readonly times: number }
  | {
      readonly kind: 'broker';
      readonly downMs: number;
      readonly restart: () => Promise<void>;
      readonly stop: () => Promise<void>;
    }
  | { readonly kind: 'scale' }
  | { readonly kind: 'kill-one-of-three' }
  | { readonly kind: 'zombie' };

/** What one instance did while three ran (scale-out runs). */
export interface InstanceShare {
  /** Tasks it owned (route + area, or the single task). */
  readonly tasks: number;
  /** Commits it made (one transaction each). */
  readonly commits: number;
}

/** What one drained run produced. */
export interface RunResult {
  readonly fault: Fault['kind'];
  readonly alerts: Alert[];
  /** Wall time from each fault to the processor committing progress again, ms. */
  readonly recoveriesMs: number[];
  readonly drainMs: number;
  /** Scale-out runs: each of the three instances' tasks and commits while all three ran. */
  readonly shares?: InstanceShare[];
  /**
   * Runs with several stream threads per process: the first instance's threads once every one was
   * active (owned tasks), and the tasks they owned between them then.
   */
  readonly threads?: { readonly active: number; readonly tasks: number };
}

/** How two runs' alerts differ. Every count is 0 when the faulty run equals the reference. */
export interface AlertDiff {
  readonly reference: number;
  readonly candidate: number;
  /** In the reference, missing from the candidate. */
  readonly lost: number;
  /** More copies in the candidate than in the reference. */
  readonly duplicated: number;
  /** In the candidate, absent from the reference (no alert of that id and status). */
  readonly invented: number;
  /** Same id and status as a reference alert, other severity, value, times or summary. */
  readonly different: number;
  readonly examples: string[];
}

/** Simulator settings of the seeded input. */
export interface SeedOptions {
  readonly cityMinutes: number;
  readonly seed?: number;
}

const identity = (a: Alert) => `${a.alertId}|${a.status}`;
const content = (a: Alert) =>
  JSON.stringify([a.alertId, a.status, a.severity, a.value, a.startsAtMs, a.endsAtMs ?? null, a.summary]);

/** Compares the candidate run's alerts with the reference run's, as multisets. */
export function diffAlerts(reference: readonly Alert[], candidate: readonly Alert[]): AlertDiff {
  const count = (alerts: readonly Alert[], key: (a: Alert) => string) => {
    const m = new Map<string, number>();
    for (const a of alerts) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
    return m;
  };
  const refIds = count(reference, identity);
  const candIds = count(candidate, identity);
  const refContent = count(reference, content);
  const candContent = count(candidate, content);
  let lost = 0;
  let duplicated = 0;
  let invented = 0;
  let different = 0;
  const examples: string[] = [];
  const note = (s: string) => void (examples.length < 10 && examples.push(s));
  for (const [id, n] of refIds) {
    const m = candIds.get(id) ?? 0;
    if (m < n) {
      lost += n - m;
      note(`lost ${id}`);
    }
    if (m > n) {
      duplicated += m - n;
      note(`duplicated ${id}`);
    }
  }
  for (const [id, m] of candIds) {
    if (refIds.has(id)) continue;
    invented += m;
    note(`invented ${id}`);
  }
  // Same id and status, same number of copies, other content.
  for (const [c, m] of candContent) {
    const n = refContent.get(c) ?? 0;
    const [alertId, status] = JSON.parse(c) as [string, string];
    const id = `${alertId}|${status}`;
    if (m > n && refIds.get(id) === candIds.get(id)) {
      different += m - n;
      note(`different ${c}`);
    }
  }
  return {
    reference: reference.length,
    candidate: candidate.length,
    lost,
    duplicated,
    invented,
    different,
    examples,
  };
}

/** Writes the seeded simulator scenario to the input topics of `suffix`; returns the record count. */
export async function seedInput(
  client: KafkaClient,
  brokers: readonly string[],
  suffix: string,
  options: SeedOptions,
): Promise<number> {
  const main = fileURLToPath(new URL('../../services/simulator/src/main.ts', import.meta.url));
  const args = [
    '--city-minutes',
    String(options.cityMinutes),
    '--compression',
    '0',
    '--seed',
    String(options.seed ?? 42),
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the simulator failed (${code}):\n${out.slice(-4000)}`);
  const ends = await endOffsetsOnce(client, inputTopics(suffix));
  return ends.reduce((n, e) => n + e.high, 0);
}

const inputTopics = (suffix: string) =>
  ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => t + suffix);

/** Records of the input the group has committed, summed over partitions. */
async function committedTotal(client: KafkaClient, group: string, suffix: string): Promise<number> {
  // Right after a broker restart the group coordinator moves: retry what is retriable.
  const offsets = await retryRetriable(() => committedOffsets(client, group, inputTopics(suffix)), {
    code: 'OFFSETS_FETCH_FAILED',
    timeoutMs: 60_000,
  });
  return offsets.reduce((n, o) => n + Math.max(0, Number(o.offset)), 0);
}

/** Options of one processor run over the seeded input. */
export interface RunOptions {
  readonly client: KafkaClient;
  readonly brokers: readonly string[];
  readonly suffix: string;
  readonly inputRecords: number;
  readonly fault: Fault;
  /** Seed of the fault moments. */
  readonly seed: number;
  readonly guarantee?: 'exactly_once' | 'at_least_once';
  readonly log?: (line: string) => void;
  readonly timeoutMs?: number;
  /** `CITYBRAIN_TOPOLOGY` of the processors (default: theirs). */
  readonly topology?: 'partitioned' | 'single';
  /** `CITYBRAIN_STREAM_THREADS` of each processor (default: theirs, the cores available). */
  readonly streamThreads?: number;
}

/**
 * Drains the seeded input with a fresh processor group writing to its own output topics, causing
 * `fault` on the way, and returns the committed alerts. Partitions never go idle and event time never
 * follows the wall clock here, so the output depends on the input alone (what the comparison needs).
 */
export async function drainWithFault(o: RunOptions): Promise<RunResult> {
  const group = `chaos-${o.fault.kind}-${randomUUID().slice(0, 8)}`;
  const outSuffix = `.${group}`;
  const log = o.log ?? (() => {});
  const instances: RunningService[] = [];
  const metricsUrls = new Map<RunningService, string>();
  const start = async () => {
    const port = await freePort();
    const svc = startService('processor', {
      ...(o.topology === undefined ? {} : { CITYBRAIN_TOPOLOGY: o.topology }),
      ...(o.streamThreads === undefined ? {} : { CITYBRAIN_STREAM_THREADS: String(o.streamThreads) }),
      KAFKA_BROKERS: o.brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: o.suffix,
      CITYBRAIN_OUTPUT_TOPIC_SUFFIX: outSuffix,
      CITYBRAIN_PROCESSOR_GROUP: group,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
      CITYBRAIN_IDLE_TIMEOUT_MS: String(1e12),
      CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(1e12),
      CITYBRAIN_PROCESSING_GUARANTEE: o.guarantee ?? 'exactly_once',
      CITYBRAIN_LOG_LEVEL: 'warn',
    });
    instances.push(svc);
    metricsUrls.set(svc, `http://127.0.0.1:${port}/metrics`);
    return svc;
  };
  // The topology's task count: a route and an area task per input partition index, or one task.
  // Sums of the instances' task gauges are compared with it, never with another sum: mid-rebalance a
  // member still reports the tasks it is about to give up (more members — stream threads — mean
  // longer rebalances, so a snapshot taken then can count a task twice).
  const taskCount =
    o.topology === 'single' ? 1 : 2 * (await endOffsetsOnce(o.client, [`city.traffic.v1${o.suffix}`])).length;
  // Each running instance's tasks and commits, once every one has both (the tasks really spread)
  // and the group is settled (together they own each task once).
  const sharesOf = async (running: readonly RunningService[]): Promise<InstanceShare[]> =>
    waitFor(
      'every instance to own tasks and commit',
      async () => {
        const shares: InstanceShare[] = [];
        for (const svc of running) {
          const m = await scrape(metricsUrls.get(svc)!);
          shares.push({
            tasks: m('citybrain_stream_tasks'),
            commits: m('citybrain_commits_total', { result: 'ok' }),
          });
        }
        return shares.every((x) => x.tasks > 0 && x.commits > 0) &&
          shares.reduce((n, x) => n + x.tasks, 0) === taskCount
          ? shares
          : undefined;
      },
      120_000,
      250,
    );
  let shares: InstanceShare[] | undefined;
  const ownedTotal = async (running: readonly RunningService[]) => {
    let n = 0;
    for (const svc of running) n += (await scrape(metricsUrls.get(svc)!))('citybrain_stream_tasks');
    return n;
  };
  // Waits until `running` own `total` tasks between them (restored: the gauge follows the restore).
  const untilOwned = (running: readonly RunningService[], total: number) =>
    waitFor(
      `${running.length} instance(s) to own all ${total} tasks`,
      async () => ((await ownedTotal(running)) === total ? true : undefined),
      120_000,
      100,
    );
  let rng = o.seed;
  const random = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const progressed = async (above: number, timeoutMs = 120_000) => {
    const t0 = Date.now();
    await waitFor(
      `the processor to commit beyond ${above}`,
      async () =>
        (await committedTotal(o.client, group, o.suffix).catch(() => -1)) > above ? true : undefined,
      timeoutMs,
      100,
    );
    return Date.now() - t0;
  };
  const startedAt = Date.now();
  const recoveriesMs: number[] = [];
  let drainMs = 0;
  let threads: RunResult['threads'];
  try {
    const first = await start();
    await progressed(0);
    if ((o.streamThreads ?? 1) > 1)
      // Every thread of the process owns tasks (a thread is active only while it does).
      threads = await waitFor(
        `all ${o.streamThreads} stream threads of the first instance to own tasks`,
        async () => {
          const m = await scrape(metricsUrls.get(first)!);
          const active = m('citybrain_task_state', { state: 'active' });
          return active === o.streamThreads ? { active, tasks: m('citybrain_stream_tasks') } : undefined;
        },
        120_000,
        100,
      );
    const step = Math.floor(o.inputRecords / 12);
    switch (o.fault.kind) {
      case 'none':
        break;
      case 'kill':
        for (let i = 0; i < o.fault.times; i++) {
          const at = await committedTotal(o.client, group, o.suffix);
          if (at >= o.inputRecords) break;
          // A random moment: after a random share of the next step of progress.
          // Capped below the input's size: a fast drain may finish before any larger target.
          await progressed(Math.min(o.inputRecords - 1, at + Math.floor(step * random())));
          const victim = instances.pop()!;
          victim.process.kill('SIGKILL');
          await new Promise((resolve) => victim.process.once('exit', resolve));
          const killedAt = Date.now();
          const before = await committedTotal(o.client, group, o.suffix);
          log(`kill -9 #${i + 1} at ${before}/${o.inputRecords} committed`);
          await start();
          if (before >= o.inputRecords) break;
          await progressed(before);
          recoveriesMs.push(Date.now() - killedAt);
        }
        break;
      case 'broker': {
        const { downMs } = o.fault;
        await progressed(Math.floor(o.inputRecords / 4));
        await o.fault.stop();
        const stoppedAt = Date.now();
        log(`broker stopped for ${o.fault.downMs} ms`);
        await waitFor(
          'the broker outage',
          () => (Date.now() - stoppedAt >= downMs ? true : undefined),
          downMs + 10_000,
          250,
        );
        await o.fault.restart();
        const backAt = Date.now();
        const before = await committedTotal(o.client, group, o.suffix);
        if (before < o.inputRecords) {
          await progressed(before);
          recoveriesMs.push(Date.now() - backAt);
        }
        break;
      }
      case 'kill-one-of-three': {
        await start();
        await start();
        await progressed(Math.floor(o.inputRecords / 4));
        shares = await sharesOf(instances);
        log(`3 instances: ${JSON.stringify(shares)}`);
        const victim = instances.splice(1, 1)[0]!;
        victim.process.kill('SIGKILL');
        await new Promise((resolve) => victim.process.once('exit', resolve));
        const killedAt = Date.now();
        const before = await committedTotal(o.client, group, o.suffix);
        log(`kill -9 of one of three at ${before}/${o.inputRecords} committed`);
        // Recovered once the survivors own every task again (restored) and the input moves on.
        await untilOwned(
          instances,
          shares.reduce((n, x) => n + x.tasks, 0),
        );
        const at = await committedTotal(o.client, group, o.suffix);
        // The survivors may have drained the input meanwhile: then there is no more progress to see.
        if (at < o.inputRecords) await progressed(at);
        recoveriesMs.push(Date.now() - killedAt);
        break;
      }
      case 'zombie': {
        // An owner freezes (SIGSTOP) past its session timeout: the other instance takes its tasks over.
        // When the old owner wakes up it is a zombie: its transactions must be fenced, not committed.
        await start();
        await progressed(Math.floor(o.inputRecords / 4));
        // Both own tasks (and their metrics answer) before one freezes.
        const total = (await sharesOf(instances)).reduce((n, x) => n + x.tasks, 0);
        const owner = instances[0]!;
        owner.process.kill('SIGSTOP');
        const frozenAt = Date.now();
        log(`owner frozen (SIGSTOP), ${total} tasks in the group`);
        await untilOwned(instances.slice(1), total);
        const at = await committedTotal(o.client, group, o.suffix);
        // The other instance may have drained the input meanwhile: then there is no more progress to see.
        if (at < o.inputRecords) await progressed(at);
        recoveriesMs.push(Date.now() - frozenAt);
        owner.process.kill('SIGCONT');
        log('owner resumed as a zombie (SIGCONT)');
        break;
      }
      case 'scale': {
        await progressed(Math.floor(o.inputRecords / 4));
        await start();
        await start();
        log('scaled 1 → 3');
        await progressed((await committedTotal(o.client, group, o.suffix)) + step);
        shares = await sharesOf(instances);
        log(`while 3 ran: ${JSON.stringify(shares)}`);
        // Stop the first two instances: the last one takes every task over.
        const total = shares.reduce((n, x) => n + x.tasks, 0);
        const stoppedAt = Date.now();
        await Promise.all([instances[0]!.stop(), instances[1]!.stop()]);
        instances.splice(0, 2);
        log('scaled 3 → 1');
        await untilOwned(instances, total);
        const before = await committedTotal(o.client, group, o.suffix);
        if (before < o.inputRecords) await progressed(before);
        recoveriesMs.push(Date.now() - stoppedAt);
        break;
      }
    }
    await waitFor(
      'the input to be drained',
      async () =>
        (await committedTotal(o.client, group, o.suffix).catch(() => -1)) >= o.inputRecords &&
        (o.topology === 'single' || (await groupDrained(o.client, group, []).catch(() => false)))
          ? true
          : undefined,
      o.timeoutMs ?? 600_000,
      250,
    );
    drainMs = Date.now() - startedAt;
    const codes = await Promise.all(instances.map((s) => s.stop()));
    if (codes.some((c) => c !== 0))
      throw new Error(
        `a processor did not stop cleanly: ${codes.join(',')}\n${instances.map((s) => s.output().slice(-3000)).join('\n')}`,
      );
  } finally {
    // A run that failed half way must not leave processors running into the next one.
    for (const svc of instances) if (svc.process.exitCode === null) svc.process.kill('SIGKILL');
  }
  const alerts: Alert[] = [];
  await readTopicToEnd(o.client, `city.alerts.v1${o.suffix}${outSuffix}`, (r) => {
    const d = decodeAlert(r.value);
    if (d.ok) alerts.push(d.alert);
  });
  return {
    fault: o.fault.kind,
    alerts,
    recoveriesMs,
    drainMs,
    ...(shares ? { shares } : {}),
    ...(threads ? { threads } : {}),
  };
}
