import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  dashboardQueries,
  metricNamesIn,
  repoPath,
  ruleQueries,
  shippedRules,
  substituteGrafanaVariables,
  templatePrometheusConfig,
  type ShippedQuery,
} from '@citybrain/deploy-assets';
import { REPO_ROOT } from '@citybrain/local-kafka';
import { buildBoard } from './browser';
import { alertClient, record, type Recorder } from './grpc-clients';
import { freshSuffix } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

// A REAL Prometheus (Debian's package) runs the shipped configuration and rules — only the targets'
// addresses and the intervals (1 s instead of 15 s) are templated — against the processor, the gateway
// and the simulator running as processes on the real broker. Every PromQL expression of the shipped
// dashboards and rules must be valid and return data.

/**
 * Metric families that may have NO samples in this run, and why. An expression that reads one of them
 * is excused from "returns data" only while that family really has no sample on any /metrics; the
 * excused expressions are printed. Everything else must return data.
 */
const MAY_BE_EMPTY: Readonly<Record<string, string>> = {
  // Legitimately empty in a short, healthy run.
  citybrain_events_late_total: 'no event need be late in this run',
  citybrain_gateway_subscribers_dropped_total: 'no subscriber is slow in this run',
};

interface PromResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown[] };
}

const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

describe('Prometheus with the shipped configuration, scraping the running services', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const runDir = repoPath(`.run/prometheus-test/${suffix.replace(/^[._-]+/, '')}`);
  let processor: RunningService;
  let gateway: RunningService;
  let simulator: RunningService;
  let board: RunningService;
  /** A browser-like Subscribe stream through the board's bridge, open while Prometheus scrapes. */
  const boardStream = new AbortController();
  let prometheus: ChildProcess;
  let prometheusLog = '';
  let promUrl: string;
  let configPath: string;
  let metricsUrls: Record<string, string>;
  let subscriber: Recorder;

  const env = (extra: Record<string, string>) => ({
    KAFKA_BROKERS: brokers.join(','),
    CITYBRAIN_TOPIC_SUFFIX: suffix,
    CITYBRAIN_INPUT_PARTITIONS: '3',
    ...extra,
  });

  const query = async (expr: string): Promise<PromResponse> => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as PromResponse;
  };

  beforeAll(async () => {
    const ensure = spawnSync('bash', [repoPath('deploy/prometheus/ensure-prometheus.sh')], {
      encoding: 'utf8',
      timeout: 280_000,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (ensure.status !== 0)
      throw new Error(`ensure-prometheus.sh failed:\n${ensure.stdout}${ensure.stderr}`);

    const [grpcPort, pPort, gPort, promPort, boardPort, bPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    metricsUrls = {
      processor: `http://127.0.0.1:${pPort}/metrics`,
      'alert-gateway': `http://127.0.0.1:${gPort}/metrics`,
      board: `http://127.0.0.1:${bPort}/metrics`,
    };
    gateway = startService(
      'alert-gateway',
      env({
        CITYBRAIN_GRPC_PORT: String(grpcPort),
        CITYBRAIN_GATEWAY_METRICS_PORT: String(gPort),
        CITYBRAIN_GRPC_INSECURE: 'true',
      }),
    );
    processor = startService(
      'processor',
      env({
        CITYBRAIN_PROCESSOR_METRICS_PORT: String(pPort),
        CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
        CITYBRAIN_TICK_INTERVAL_MS: '200',
        CITYBRAIN_IDLE_TIMEOUT_MS: '2000',
        CITYBRAIN_IDLE_ADVANCE_AFTER_MS: '3000',
        CITYBRAIN_EVENT_TIME_RATE: '60',
      }),
    );
    buildBoard();
    board = startService('board', {
      CITYBRAIN_BOARD_PORT: String(boardPort),
      CITYBRAIN_BOARD_METRICS_PORT: String(bPort),
      CITYBRAIN_BOARD_GATEWAY_ADDRESS: `127.0.0.1:${grpcPort}`,
      CITYBRAIN_BOARD_GATEWAY_INSECURE: 'true',
    });
    await waitHealthy(metricsUrls['alert-gateway']!.replace('/metrics', '/healthz'), gateway);
    await waitHealthy(metricsUrls.processor!.replace('/metrics', '/healthz'), processor);
    await waitHealthy(metricsUrls.board!.replace('/metrics', '/healthz'), board);
    // What a browser does through the board: a unary call and a stream (an empty request message
    // is a 5-byte gRPC-Web frame), so that the board's bridge series have samples.
    const grpcWeb = (method: string, signal?: AbortSignal) =>
      fetch(`http://127.0.0.1:${boardPort}/citybrain.v1.${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/grpc-web+proto' },
        body: new Uint8Array(5),
        ...(signal ? { signal } : {}),
      });
    expect((await grpcWeb('GridService/GetKpis')).headers.get('grpc-status') ?? '0').toBe('0');
    const stream = await grpcWeb('AlertService/Subscribe', boardStream.signal);
    expect(stream.status).toBe(200);
    // A subscriber stream and a unary call, so that the gRPC metrics have series.
    subscriber = record(`127.0.0.1:${grpcPort}`);
    const client = alertClient(`127.0.0.1:${grpcPort}`);
    await new Promise<void>((resolve, reject) =>
      client.ListActiveAlerts({}, (err) => (err ? reject(err) : resolve())),
    );
    client.close();

    // 45 city minutes flat out, with more malformed records than the default so that the dead-letter
    // series move.
    simulator = startSimulator(env({}), [
      '--city-minutes',
      '45',
      '--compression',
      '0',
      '--malformed-every',
      '50',
    ]);

    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    configPath = templatePrometheusConfig({
      dir: runDir,
      targets: {
        'citybrain-processor': `127.0.0.1:${pPort}`,
        'citybrain-alert-gateway': `127.0.0.1:${gPort}`,
        'citybrain-board': `127.0.0.1:${bPort}`,
        prometheus: `127.0.0.1:${promPort}`,
      },
      intervalSeconds: 1,
    });
    promUrl = `http://127.0.0.1:${promPort}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${join(runDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--log.level=warn',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.on('data', (d: Buffer) => (prometheusLog += d.toString('utf8')));
    prometheus.stderr?.on('data', (d: Buffer) => (prometheusLog += d.toString('utf8')));
    await waitFor(`Prometheus ready (${prometheusLog})`, async () => {
      if (prometheus.exitCode !== null) throw new Error(`prometheus exited:\n${prometheusLog}`);
      const res = await fetch(`${promUrl}/-/ready`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    });
    const simulated = await waitFor(
      'the simulator to finish',
      () => simulator.process.exitCode ?? undefined,
      120_000,
    );
    expect(simulated, simulator.output()).toBe(0);
    // Every citybrain target scraped successfully, twice at least (rates need two samples).
    await waitFor('the three citybrain targets up', async () => {
      const r = await query('count(count_over_time(up{job=~"citybrain-.*"}[1m]) >= 3 and up == 1)');
      const v = (r.data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1];
      return v === '3' ? true : undefined;
    });
  });

  afterAll(async () => {
    subscriber?.cancel();
    boardStream.abort();
    const promExited = prometheus
      ? new Promise((resolve) =>
          prometheus.exitCode !== null ? resolve(null) : prometheus.once('exit', resolve),
        )
      : Promise.resolve();
    prometheus?.kill('SIGTERM');
    const codes = await Promise.all([simulator?.stop(), processor?.stop(), board?.stop(), gateway?.stop()]);
    await promExited;
    rmSync(runDir, { recursive: true, force: true });
    // The services shut down cleanly on SIGTERM.
    expect(codes.slice(1)).toEqual([0, 0, 0]);
  });

  it('promtool accepts the shipped and the templated configuration, the rules and the rule unit tests', () => {
    const promtool = (...args: string[]) => {
      const r = spawnSync('promtool', args, { cwd: repoPath('deploy/prometheus'), encoding: 'utf8' });
      return { status: r.status, output: `${r.stdout}${r.stderr}` };
    };
    // The shipped file's rule paths are relative to deploy/prometheus.
    for (const run of [
      promtool('check', 'config', '--syntax-only', 'prometheus.yml'),
      promtool('check', 'config', configPath),
      promtool('check', 'rules', ...shippedRulesFiles()),
      promtool('test', 'rules', 'tests/citybrain-rules.test.yml'),
    ])
      expect(run.status, run.output).toBe(0);
  });

  it('promtool check metrics passes on every service /metrics', async () => {
    for (const [service, url] of Object.entries(metricsUrls)) {
      const body = await (await fetch(url)).text();
      const r = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
      expect(r.status, `${service}: ${r.stdout}${r.stderr}`).toBe(0);
      expect(`${r.stdout}${r.stderr}`.trim(), `${service} lint findings`).toBe('');
    }
  });

  it('every metric the dashboards and rules read is exported by a service, recorded by a rule, or `up`', async () => {
    const exported = new Set<string>();
    for (const url of Object.values(metricsUrls))
      for (const m of (await (await fetch(url)).text()).matchAll(/^# TYPE (\S+) /gm)) exported.add(m[1]!);
    const recorded = new Set(shippedRules().flatMap((r) => (r.record ? [r.record] : [])));
    const unknown = allQueries()
      .flatMap((q) => metricNamesIn(q.expr).map((name) => ({ name, q })))
      .filter(({ name }) => {
        const family = name.replace(HISTOGRAM_SUFFIX, '');
        return name !== 'up' && !recorded.has(name) && !exported.has(name) && !exported.has(family);
      })
      .filter(({ name }) => !(name.replace(HISTOGRAM_SUFFIX, '') in MAY_BE_EMPTY))
      .map(({ name, q }) => `${q.file} ${q.where}: ${name}`);
    expect(unknown).toEqual([]);
  });

  it('every PromQL expression of the dashboards and rules is valid and returns data', async () => {
    const sampled = await sampledFamilies();
    const recordedFrom = new Map(shippedRules().flatMap((r) => (r.record ? [[r.record, r.expr]] : [])));
    const reads = (expr: string): string[] =>
      metricNamesIn(expr).flatMap((n) => {
        const source = recordedFrom.get(n);
        return source === undefined ? [n.replace(HISTOGRAM_SUFFIX, '')] : reads(source);
      });
    const excuse = (q: ShippedQuery): string | undefined => {
      const empty = reads(q.expr).filter((n) => n in MAY_BE_EMPTY && !sampled.has(n));
      return empty.length > 0 ? empty.map((n) => `${n} (${MAY_BE_EMPTY[n]})`).join(', ') : undefined;
    };
    // Alerting rules compare with thresholds that a healthy run does not cross: for them, the whole
    // expression must be valid and every series it reads must return data.
    const checks = allQueries().flatMap((q) =>
      q.kind === 'alert'
        ? [
            { q, expr: q.expr, needsData: false },
            ...metricNamesIn(q.expr).map((n) => ({ q, expr: n, needsData: true })),
          ]
        : [{ q, expr: substituteGrafanaVariables(q.expr, '1m'), needsData: true }],
    );

    const failures = (results: { q: ShippedQuery; expr: string; needsData: boolean; r: PromResponse }[]) =>
      results
        .filter(
          ({ q, needsData, r }) =>
            r.status !== 'success' || (needsData && !excuse(q) && (r.data?.result.length ?? 0) === 0),
        )
        .map(
          ({ q, expr, r }) =>
            `${q.file} ${q.where}: ${expr} -> ${r.status === 'success' ? 'no data' : r.error}`,
        );

    // Recording rules and rates need a few evaluations: poll until nothing is missing or 90 s pass.
    let last: string[] = [];
    await waitFor(
      'every expression to return data',
      async () => {
        const results = await Promise.all(checks.map(async (c) => ({ ...c, r: await query(c.expr) })));
        last = failures(results);
        return last.length === 0 ? true : undefined;
      },
      90_000,
      1_000,
    ).catch(() => undefined);
    expect(last, prometheusLog).toEqual([]);

    const excused = [
      ...new Set(allQueries().flatMap((q) => (excuse(q) ? [`${q.where}: ${excuse(q)}`] : []))),
    ];
    console.log(
      `[prometheus] expressions excused from "returns data" (${excused.length}):\n  ${excused.join('\n  ')}`,
    );
    // The excuses cover only what MAY_BE_EMPTY lists: the KPI and reload families at most, plus the few
    // defined-but-unwired ones; the pipeline's core series are never excused.
    for (const core of [
      'Throughput by topic',
      'Consumer lag (records)',
      'Watermark lag',
      'Open streams by method',
    ])
      expect(excused.some((e) => e.startsWith(core))).toBe(false);
  });

  async function sampledFamilies(): Promise<Set<string>> {
    const have = new Set<string>();
    for (const url of Object.values(metricsUrls))
      for (const line of (await (await fetch(url)).text()).split('\n'))
        if (line && !line.startsWith('#')) have.add(/^[^{\s]+/.exec(line)![0].replace(HISTOGRAM_SUFFIX, ''));
    return have;
  }
});

function allQueries(): ShippedQuery[] {
  return [...dashboardQueries(), ...ruleQueries()];
}

function shippedRulesFiles(): string[] {
  return [...new Set(shippedRules().map((r) => r.file.replace('deploy/prometheus/', '')))];
}

/** Starts the simulator with flags (the services helper passes no arguments). */
function startSimulator(env: Record<string, string>, args: string[]): RunningService {
  const main = repoPath('services/simulator/src/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CITYBRAIN_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name: 'simulator',
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
