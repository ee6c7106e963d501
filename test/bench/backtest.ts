/**
 * Benchmark (not a test): how fast `citybrain rules backtest` replays history on a real broker.
 * Run: `pnpm bench:backtest [city-minutes]` (default 1,700 city minutes, about 1M events).
 *
 * 1. The simulator writes a seeded city stream flat out (`--compression 0`) to fresh topics.
 * 2. `citybrain rules backtest --json` replays that range with the shipped rules (as an operator runs
 *    it: its own process, reading by timestamp, decoding, the processor's pipeline) and reports.
 * Prints the records replayed per wall second, how that compares with the city's real event rate
 * (the simulated records per second of city time), and the command's wall time. Nothing asserted.
 * Starts the local broker unless KAFKA_BROKERS is set, and stops what it started.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { acquireBroker, REPO_ROOT } from '@citybrain/local-kafka';
import { produceBacklog } from './backlog';

const cityMinutes = Number(process.argv[2] ?? 1_700);
if (!Number.isFinite(cityMinutes) || cityMinutes <= 0) {
  process.stderr.write('usage: pnpm bench:backtest [city-minutes > 0]\n');
  process.exit(2);
}
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const suffix = `.bench-${randomUUID().slice(0, 8)}`;
const env = {
  KAFKA_BROKERS: broker.brokers.join(','),
  CITYBRAIN_TOPIC_SUFFIX: suffix,
  CITYBRAIN_LOG_LEVEL: 'warn',
};

try {
  const fromMs = Date.now();
  const summary = await produceBacklog(env, cityMinutes);
  const toMs = Date.now() + 1;
  const cityRate = summary.records / (cityMinutes * 60);
  console.log(
    `simulator: ${summary.records.toLocaleString('en')} records (${cityMinutes} city minutes: ` +
      `${cityRate.toFixed(1)} events/s of city time) in ${summary.seconds.toFixed(1)} s`,
  );
  const startedAt = Date.now();
  const out = await new Promise<string>((resolve, reject) => {
    const cli = spawn(
      process.execPath,
      [
        'services/cli/bin/citybrain.js',
        ...['rules', 'backtest', '--json', '--no-progress'],
        ...['--from', new Date(fromMs).toISOString(), '--to', new Date(toMs).toISOString()],
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    cli.stdout.on('data', (d: Buffer) => (text += d.toString('utf8')));
    cli.once('error', reject);
    cli.once('exit', (code) =>
      code === 0 || code === 1 ? resolve(text) : reject(new Error(`backtest exited ${code}`)),
    );
  });
  const wallS = (Date.now() - startedAt) / 1000;
  const r = JSON.parse(out) as {
    input: { records: number; events: number; durationMs: number; eventsPerSecond: number };
    candidate: unknown[];
  };
  console.log(
    `backtest: ${r.input.records.toLocaleString('en')} records replayed in ${(r.input.durationMs / 1000).toFixed(1)} s ` +
      `= ${Math.round(r.input.eventsPerSecond).toLocaleString('en')} events/s ` +
      `(${Math.round(r.input.eventsPerSecond / cityRate).toLocaleString('en')}× the city's real rate); ` +
      `${r.candidate.length} alert messages; the command took ${wallS.toFixed(1)} s in all ` +
      `(start-up, offsets by timestamp, the alerts topic)`,
  );
} finally {
  await broker.stop();
}
