import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import pc from 'picocolors';
import { MATCH_ALL, formatAlert, formatUtc8, watchAlerts } from '@citybrain/gateway-client';
import { acquireBroker, REPO_ROOT, type TestBroker } from '@citybrain/local-kafka';
import { freePort, startChild, waitHealthy, type ChildService } from './child-service';
import { DEMO_USAGE, DemoFlagError, parseDemoFlags, type DemoFlags } from './demo-flags';
import { DemoReport } from './demo-report';
import { formatSummary } from './format-summary';
import { parsePrometheusText, sumSamples } from './prometheus-text';
import { parseSimulatorLine, type SimulatorOutput } from './simulator-output';

// The one-command demo: a broker, the processor, the alert gateway and the simulator, every alert
// printed as it arrives on the gRPC stream, then a summary. Exit 0 only if every rule raised an alert.

/** After the simulator stops: wait until no alert came for this long... */
const QUIET_MS = 8_000;
/** ...but no longer than this. */
const DRAIN_BOUND_MS = 30_000;
/** The processor's event-time fallback starts this soon after the last event, so final windows close. */
const IDLE_ADVANCE_AFTER_MS = 3_000;

const color = process.stdout.isTTY === true && !process.env['NO_COLOR'];
const c = pc.createColors(color);
const say = (text: string): void => void process.stdout.write(`${text}\n`);
const note = (text: string): void => say(c.dim(text));

const service = (name: string) => join(REPO_ROOT, 'services', name, 'src', 'main.ts');

/** Ctrl-C once: stop the simulator (and drain); twice: skip the drain; three times: kill everything now. */
class Interrupts {
  count = 0;
  private readonly listeners: (() => void)[] = [];
  constructor(onForce: () => void) {
    const handler = () => {
      this.count++;
      if (this.count === 1) say(c.yellow('\nstopping the simulator... (Ctrl-C again to skip the drain)'));
      if (this.count === 2) say(c.yellow('skipping the drain... (Ctrl-C again to kill everything now)'));
      if (this.count >= 3) onForce();
      this.listeners.splice(0).forEach((l) => l());
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  }
  /** Resolves at the next interrupt. */
  next(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }
}

function launcherRunning(): Promise<boolean> {
  return new Promise((resolve) =>
    execFile('bash', [join(REPO_ROOT, 'deploy', 'kafka', 'kafka.sh'), 'status'], (err) => resolve(!err)),
  );
}

async function getBroker(): Promise<{ broker: TestBroker; description: string }> {
  const configured = process.env['KAFKA_BROKERS'];
  if (configured) {
    const broker = await acquireBroker(process.env, { allowTestcontainers: false });
    return { broker, description: `${broker.brokers.join(',')} (KAFKA_BROKERS; nothing started)` };
  }
  const wasRunning = await launcherRunning();
  note(
    wasRunning
      ? 'reusing the local Kafka broker that is already running'
      : 'starting a local Kafka broker (deploy/kafka/kafka.sh; the first run assembles Kafka from Maven Central, which can take minutes)',
  );
  const startedAt = Date.now();
  const broker = await acquireBroker(process.env, { allowTestcontainers: false });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  return {
    broker,
    description: `${broker.brokers.join(',')} (local launcher, ${wasRunning ? 'already running: reused, start time not measured' : `started in ${seconds} s`})`,
  };
}

function describeLine(line: SimulatorOutput): string | undefined {
  switch (line.type) {
    case 'plan':
      return (
        `scenario day ${line.day}: ${formatUtc8(line.startMs)} to ${formatUtc8(line.endMs).slice(11)} Longgang time; ` +
        `planned: ${line.congestion} congestion episodes, ${line.accidents.length} serious accidents, ` +
        `a case spike in ${line.caseSpikeGridId}, ${line.overduePermits} overdue permit deadlines`
      );
    case 'sent':
      return `  simulator: serious accident ${line.incidentId} reported in ${line.gridId} (${line.injured} injured, ${line.dead} dead)`;
    case 'summary':
      return undefined;
  }
}

async function scrapeDeadLetters(metricsUrl: string): Promise<number | undefined> {
  try {
    const body = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) })).text();
    return sumSamples(parsePrometheusText(body), 'citybrain_events_invalid_total');
  } catch {
    return undefined;
  }
}

async function run(flags: DemoFlags, interrupts: Interrupts, children: ChildService[]): Promise<number> {
  const wallSeconds = flags.compression > 0 ? Math.round((flags.cityMinutes * 60) / flags.compression) : 0;
  say(
    c.bold('citybrain demo') +
      ` — ${flags.forever ? 'day after day until Ctrl-C' : `${flags.cityMinutes} city minutes`} at ` +
      (flags.compression > 0 ? `${flags.compression}x (about ${wallSeconds} s per run)` : 'full speed'),
  );

  const { broker, description } = await getBroker();
  note(`broker ${description}`);
  try {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const suffix = `.demo-${stamp}`;
    const runDir = join(REPO_ROOT, '.run', 'demo', stamp);
    mkdirSync(runDir, { recursive: true });
    const [grpcPort, processorPort, gatewayPort, boardPort, boardMetricsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const address = `127.0.0.1:${grpcPort}`;
    const processorMetrics = `http://127.0.0.1:${processorPort}/metrics`;
    const gatewayMetrics = `http://127.0.0.1:${gatewayPort}/metrics`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: broker.brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_METRICS_HOST: '127.0.0.1',
      CITYBRAIN_LOG_FORMAT: 'json',
      CITYBRAIN_LOG_LEVEL: process.env['CITYBRAIN_LOG_LEVEL'] ?? 'info',
    };
    const logsDir = `${relative(process.cwd(), runDir) || '.'}/`;
    note(`topics city.*.v1${suffix}; logs in ${logsDir}`);
    note(`gRPC ${address}   processor ${processorMetrics}   gateway ${gatewayMetrics}`);

    const gateway = startChild({
      name: 'alert-gateway',
      script: service('alert-gateway'),
      cwd: REPO_ROOT,
      logFile: join(runDir, 'alert-gateway.log'),
      env: {
        ...env,
        CITYBRAIN_GRPC_HOST: '127.0.0.1',
        // Plaintext, no tokens: the demo binds to loopback only and its own client is the gateway client's watch.
        CITYBRAIN_GRPC_INSECURE: 'true',
        CITYBRAIN_GRPC_PORT: String(grpcPort),
        CITYBRAIN_GATEWAY_METRICS_PORT: String(gatewayPort),
      },
    });
    children.push(gateway);
    const processor = startChild({
      name: 'processor',
      script: service('processor'),
      cwd: REPO_ROOT,
      logFile: join(runDir, 'processor.log'),
      env: {
        ...env,
        CITYBRAIN_PROCESSOR_METRICS_PORT: String(processorPort),
        CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
        // When the simulator stops, event time goes on at the replay's pace, so the last windows close.
        CITYBRAIN_EVENT_TIME_RATE: String(flags.compression > 0 ? flags.compression : 600),
        CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(IDLE_ADVANCE_AFTER_MS),
      },
    });
    children.push(processor);
    // The operations board: its bundle is built first (a few seconds), then served next to the gateway.
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', join(REPO_ROOT, 'services/board/scripts/build.ts')],
        (err) => (err ? reject(new Error(`board build failed: ${err.message}`, { cause: err })) : resolve()),
      ),
    );
    const board = startChild({
      name: 'board',
      script: service('board'),
      cwd: REPO_ROOT,
      logFile: join(runDir, 'board.log'),
      env: {
        ...env,
        CITYBRAIN_BOARD_PORT: String(boardPort),
        CITYBRAIN_BOARD_METRICS_PORT: String(boardMetricsPort),
        CITYBRAIN_BOARD_GATEWAY_ADDRESS: address,
        CITYBRAIN_BOARD_GATEWAY_INSECURE: 'true',
      },
    });
    children.push(board);
    const boardUrl = `http://127.0.0.1:${boardPort}/`;
    const startedAt = Date.now();
    const healthy = Promise.all([
      waitHealthy(gatewayMetrics.replace('/metrics', '/healthz'), gateway),
      waitHealthy(processorMetrics.replace('/metrics', '/healthz'), processor),
      waitHealthy(`${boardUrl}healthz`, board),
    ]);
    if ((await Promise.race([healthy.then(() => true), interrupts.next().then(() => false)])) === false)
      return 130;
    note(`processor, alert gateway and board healthy in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    say(`${c.bold('board')}  ${c.cyan(boardUrl)}  (open it in a browser; live while the city plays)`);

    // Alerts, as an operator sees them.
    const report = new DemoReport();
    const watchStop = new AbortController();
    let onConnected: () => void = () => {};
    const connected = new Promise<void>((resolve) => (onConnected = resolve));
    const watching = watchAlerts({
      address,
      filter: MATCH_ALL,
      signal: watchStop.signal,
      onConnected: () => onConnected(),
      onAlert: (alert) => {
        report.onAlert(alert, Date.now());
        say(formatAlert(alert, { color }));
      },
      onNotice: (message) => note(`gRPC: ${message}`),
    });
    await Promise.race([connected, watching]);

    try {
      const simulator = startChild({
        name: 'simulator',
        script: service('simulator'),
        args: [
          '--city-minutes',
          String(flags.cityMinutes),
          '--compression',
          String(flags.compression),
          '--seed',
          String(flags.seed),
          ...(flags.forever ? ['--forever'] : []),
        ],
        cwd: REPO_ROOT,
        logFile: join(runDir, 'simulator.log'),
        env,
        pipeStdout: true,
      });
      children.push(simulator);
      const lines = createInterface({ input: simulator.process.stdout! });
      const reported = new Set<string>();
      lines.on('line', (text) => {
        const line = parseSimulatorLine(text);
        if (!line) return;
        report.onSimulatorLine(line);
        // An accident's first report only: its updates add noise, not news.
        if (line.type === 'sent' && reported.has(line.incidentId)) return;
        if (line.type === 'sent') reported.add(line.incidentId);
        const described = describeLine(line);
        if (described) note(described);
      });
      const linesDone = new Promise<void>((resolve) => lines.once('close', resolve));

      const first = await Promise.race([
        simulator.exited,
        interrupts.next().then(() => 'interrupted' as const),
      ]);
      if (first === 'interrupted') await simulator.stop();
      const code = await simulator.exited;
      await linesDone;
      if (code !== 0) say(c.red(`simulator exited with ${code}; its log ends with:\n${simulator.tail()}`));

      if (interrupts.count < 2) {
        note(
          `draining: waiting until no alert has come for ${QUIET_MS / 1000} s (at most ${DRAIN_BOUND_MS / 1000} s)`,
        );
        const drainStart = Date.now();
        let skipped = false;
        void interrupts.next().then(() => (skipped = true));
        while (!skipped) {
          const now = Date.now();
          if (now - Math.max(report.lastAlertAtMs ?? drainStart, drainStart) >= QUIET_MS) break;
          if (now - drainStart >= DRAIN_BOUND_MS) break;
          await delay(250);
        }
      }
    } finally {
      watchStop.abort();
      await watching.catch((err: unknown) => say(c.red(`gRPC watch failed: ${String(err)}`)));
    }

    const deadLetters = await scrapeDeadLetters(processorMetrics);
    const figures = report.figures();
    say('');
    say(formatSummary(figures, { broker: description, deadLetters, logsDir }, color));
    return figures.missingRules.length === 0 ? 0 : 1;
  } finally {
    const codes = await Promise.all(children.map(async (child) => [child.name, await child.stop()] as const));
    const unclean = codes.filter(([, code]) => code !== 0);
    if (unclean.length > 0)
      note(`stopped: ${unclean.map(([name, code]) => `${name} exited with ${code}`).join(', ')}`);
    await broker.stop();
  }
}

async function main(): Promise<number> {
  let flags: DemoFlags;
  try {
    flags = parseDemoFlags(process.argv.slice(2));
  } catch (err: unknown) {
    if (err instanceof DemoFlagError) {
      process.stderr.write(`demo: ${err.message}\n\n${DEMO_USAGE}`);
      return 2;
    }
    throw err;
  }
  if (flags.help) {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }
  const children: ChildService[] = [];
  const interrupts = new Interrupts(() => {
    for (const child of children) child.process.kill('SIGKILL');
    process.exit(130);
  });
  return run(flags, interrupts, children);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
