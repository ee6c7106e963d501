// `citybrain rules backtest` on the real broker: a simulated week of one grid's city time written to
// the input topics, drained by the live processor, then replayed by the command line. With the
// shipped rules the replay must raise exactly the alert messages the processor committed; with a
// candidate whose threshold changed, exactly the expected differences.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAlert } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { endOffsetsOnce, readTopicToEnd } from '@citybrain/kafka';
import { REPO_ROOT } from '@citybrain/local-kafka';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import YAML from 'yaml';
import { freshSuffix, testClient } from './kafka-helpers';
import { groupDrained } from './quiescence';
import { freePort, startService, waitFor } from './services';

const brokers = inject('kafkaBrokers');
const client = testClient(brokers);
const suffix = freshSuffix();
const group = `backtest-${suffix.slice(1)}`;
const inputs = ['city.traffic.v1', 'city.permit.v1', 'city.case.v1'].map((t) => t + suffix);
const CLI = fileURLToPath(new URL('../../services/cli/bin/citybrain.js', import.meta.url));
const SHIPPED_RULES = join(REPO_ROOT, 'deploy/config/rules.yaml');

let dir = '';
let gridsFile = '';
let fromMs = 0;
let toMs = 0;
let inputRecords = 0;
/** Every alert message the live processor committed, in topic order per partition. */
const committed: { alert: Alert; timestampMs: number }[] = [];

/**
 * The processor's settings, shared by the live run and the backtest: partitions never go idle and
 * event time never follows the wall clock, so the output depends on the input alone (as in the chaos
 * test); the default fallbacks would move event time by how fast this machine happened to drain.
 */
const processorEnv = () => ({
  KAFKA_BROKERS: brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_GRIDS_FILE: gridsFile,
  CITYBRAIN_IDLE_TIMEOUT_MS: String(1e12),
  CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(1e12),
});

interface Report {
  readonly candidate: Alert[];
  readonly actual: Alert[];
  readonly same: boolean;
  readonly input: { records: number; events: number; rejected: number; eventsPerSecond: number };
  readonly diff: {
    added: Alert[];
    removed: Alert[];
    changed: { actual: Alert; candidate: Alert; fields: string[] }[];
    byRuleArea: { rule: string; areaId: string; added: number; removed: number; changed: number }[];
  };
}

/** Runs `citybrain rules backtest` as an operator would; resolves with its exit code and output. */
function backtest(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const child = spawn(
    process.execPath,
    [CLI, 'rules', 'backtest', '--from', iso(fromMs), '--to', iso(toMs), ...args],
    { cwd: REPO_ROOT, env: { ...process.env, ...processorEnv() }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function backtestJson(...args: string[]): Promise<{ code: number | null; report: Report }> {
  const r = await backtest('--json', ...args);
  if (r.code !== 0 && r.code !== 1) throw new Error(`backtest exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

/** The shipped rule file with one rule's fields replaced, written as a candidate. */
async function candidate(name: string, rule: string, patch: (r: Record<string, unknown>) => void) {
  const doc = YAML.parse(await readFile(SHIPPED_RULES, 'utf8')) as { rules: Record<string, unknown>[] };
  const target = doc.rules.find((r) => r['name'] === rule);
  if (target === undefined) throw new Error(`no rule ${rule}`);
  patch(target);
  const path = join(dir, name);
  await writeFile(path, YAML.stringify(doc));
  return path;
}

/** JSON with sorted keys: a decoded record and a replayed alert list their fields in other orders. */
const sortedJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
const canonical = (alerts: readonly Alert[]) => alerts.map(sortedJson).sort();

/** Runs a program of the repository with tsx; resolves with its exit code and output. */
function run(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CITYBRAIN_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('citybrain rules backtest (real broker, real processor)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citybrain-backtest-'));
    // One grid of the shipped registry: a week of its city time is about 62k records.
    const grids = YAML.parse(
      await readFile(join(REPO_ROOT, 'deploy/config/longgang-grids.yaml'), 'utf8'),
    ) as { grids: { id: string }[] };
    grids.grids = grids.grids.filter((g) => g.id === 'G003');
    gridsFile = join(dir, 'grids.yaml');
    await writeFile(gridsFile, YAML.stringify(grids));

    // The week, flat out (compression 0): record timestamps are this machine's clock, event times
    // a past week of city time.
    fromMs = Date.now();
    const simulator = fileURLToPath(new URL('../../services/simulator/src/main.ts', import.meta.url));
    const sim = await run(
      [
        simulator,
        ...['--city-minutes', String(7 * 24 * 60), '--compression', '0'],
        ...['--start', '2026-11-01T00:00:00+08:00', '--seed', '7'],
      ],
      processorEnv(),
    );
    if (sim.code !== 0) throw new Error(`the simulator failed (${sim.code}):\n${sim.stderr.slice(-3000)}`);
    const ends = await endOffsetsOnce(client, inputs);
    inputRecords = ends.reduce((n, e) => n + e.high, 0);

    // The live processor drains it: wait until its group committed every input offset.
    const processor = startService('processor', {
      ...processorEnv(),
      CITYBRAIN_PROCESSOR_GROUP: group,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(await freePort()),
      CITYBRAIN_LOG_LEVEL: 'warn',
    });
    await waitFor(
      'the processor to commit every input offset',
      async () => {
        if (processor.process.exitCode !== null)
          throw new Error(`the processor exited:\n${processor.output().slice(-3000)}`);
        // Input and the internal repartition topic: the area tasks raise the alerts.
        return (await groupDrained(client, group, inputs)) ? true : undefined;
      },
      150_000,
      250,
    );
    expect(await processor.stop()).toBe(0);
    toMs = Date.now() + 1;
    await readTopicToEnd(client, `city.alerts.v1${suffix}`, (r) => {
      const d = decodeAlert(r.value);
      if (d.ok) committed.push({ alert: d.alert, timestampMs: r.timestampMs });
    });
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the live processor raised alerts of several rules over the week', () => {
    expect(inputRecords).toBeGreaterThan(50_000);
    expect(new Set(committed.map((c) => c.alert.rule)).size).toBeGreaterThanOrEqual(3);
    // Stamped with the processing time that raised them (the input's record time), inside the range.
    for (const c of committed) {
      expect(c.timestampMs).toBeGreaterThanOrEqual(fromMs);
      expect(c.timestampMs).toBeLessThan(toMs);
    }
  });

  it('with the shipped rules, the backtest raises exactly the alerts the processor raised', async () => {
    const { code, report } = await backtestJson();
    expect(code).toBe(0);
    expect(report.same).toBe(true);
    expect(report.input.records).toBe(inputRecords);
    expect(report.input.rejected).toBeGreaterThan(0); // the simulator's malformed records, as dead letters
    // Every message, field for field (evidence included), not only the latest per alert.
    expect(report.actual).toHaveLength(committed.length);
    expect(canonical(report.candidate)).toEqual(canonical(committed.map((c) => c.alert)));
    expect(report.diff).toEqual({ added: [], removed: [], changed: [], byRuleArea: [] });
  });

  it('the readable report says so (with a warm-up), and the progress line goes to stderr when asked', async () => {
    // With a warm-up too: the hour before --from holds no input here, so nothing changes.
    const r = await backtest('--progress', '--warmup', '1h');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rules backtest .* with .*rules\.yaml \(warm-up 60 min\)/);
    expect(r.stdout).toMatch(/no difference/);
    expect(r.stderr).toMatch(/backtest: 100% [\d,]+\/[\d,]+ records, [\d,]+ events\/s, ETA/);
  });

  it('a candidate that needs 4 accidents for a cluster removes exactly the cluster alerts', async () => {
    const clusters = committed.filter((c) => c.alert.rule === 'accident-cluster').map((c) => c.alert);
    expect(clusters.length).toBeGreaterThan(0);
    expect(Math.max(...clusters.map((a) => a.value))).toBeLessThan(4);
    const file = await candidate('fewer-clusters.yaml', 'accident-cluster', (r) => {
      r['condition'] = { op: '>=', threshold: 4 };
    });
    const { code, report } = await backtestJson('--rules', file);
    expect(code).toBe(1);
    const ids = [...new Set(clusters.map((a) => a.alertId))].sort();
    expect(report.diff.removed.map((a) => a.alertId).sort()).toEqual(ids);
    expect(report.diff.added).toEqual([]);
    expect(report.diff.changed).toEqual([]);
    expect(report.diff.byRuleArea).toEqual([
      { rule: 'accident-cluster', areaId: 'A01', added: 0, removed: ids.length, changed: 0 },
    ]);
  });

  it('a candidate that fires on 2 accidents and escalates at 3: the 3-accident cluster turns critical, 2-accident ones are added', async () => {
    const file = await candidate('earlier-clusters.yaml', 'accident-cluster', (r) => {
      r['condition'] = { op: '>=', threshold: 2 };
      r['escalate'] = [{ threshold: 3, severity: 'critical' }];
    });
    const { code, report } = await backtestJson('--rules', file);
    expect(code).toBe(1);
    const clusters = committed.filter((c) => c.alert.rule === 'accident-cluster').map((c) => c.alert);
    const ids = [...new Set(clusters.map((a) => a.alertId))].sort();
    // The same session, so the same id: only its severity (and the threshold it was held to) differ.
    expect(report.diff.changed.map((c) => c.candidate.alertId).sort()).toEqual(ids);
    for (const c of report.diff.changed)
      expect(c.fields).toEqual(['severity: high → critical', 'threshold: 3 → 2']);
    expect(report.diff.removed).toEqual([]);
    // Whatever else it raises are clusters of exactly 2 accidents, which the shipped rule ignores.
    for (const a of report.diff.added)
      expect([a.rule, a.value, a.severity]).toEqual(['accident-cluster', 2, 'high']);
  });

  it('exit code 2 names a bad rule file; nothing is written to any topic', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'version: 1\nrules: [{ name: x, type: threshold }]\n');
    const r = await backtest('--rules', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule file .*bad\.yaml/);
    // The backtests above wrote nothing: the alerts topic holds what the processor committed.
    const after: Alert[] = [];
    await readTopicToEnd(client, `city.alerts.v1${suffix}`, (rec) => {
      const d = decodeAlert(rec.value);
      if (d.ok) after.push(d.alert);
    });
    expect(after).toHaveLength(committed.length);
    const ends = await endOffsetsOnce(client, inputs);
    expect(ends.reduce((n, e) => n + e.high, 0)).toBe(inputRecords);
  });
});
