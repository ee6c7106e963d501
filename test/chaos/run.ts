/**
 * `pnpm chaos [city-minutes] [--quick]`: faults are input too, at scale, with a printed report.
 *
 * One seeded simulator stream (default 1,700 city minutes ≈ 1M events) is drained by the processor
 * (a) without faults, (b) with 10 × kill -9 at random moments, (c) with the broker stopped for 60 s
 * mid-run, (d) scaled 1 → 3 → 1 (each of the three owning tasks), (e) an owner frozen then fenced,
 * (f) one of three instances killed. The committed alerts topics of (b)–(f) are
 * compared with (a): lost, duplicated, invented, different — every count must be 0 — and the
 * recovery times printed. Exits 1 if any count is not 0. Starts the local broker unless KAFKA_BROKERS
 * names one (then the broker outage is skipped: it needs a broker this script controls).
 */
import { acquireBroker, startLocalBroker, stopLocalBroker } from '@citybrain/local-kafka';
import { diffAlerts, drainWithFault, seedInput, type Fault, type RunResult } from '../src/chaos-harness';
import { freshSuffix, testClient } from '../src/kafka-helpers';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const cityMinutes = Number(args.find((a) => !a.startsWith('--')) ?? (quick ? 120 : 1_700));
if (!Number.isInteger(cityMinutes) || cityMinutes < 1) {
  console.error('usage: pnpm chaos [city-minutes] [--quick]   (city-minutes: a positive integer)');
  process.exit(2);
}
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const client = testClient(broker.brokers);
const suffix = freshSuffix();
const log = (line: string) => console.log(`[chaos] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let failed = false;
try {
  const t0 = Date.now();
  const inputRecords = await seedInput(client, broker.brokers, suffix, { cityMinutes });
  log(`seeded ${inputRecords} records (${cityMinutes} city minutes) in ${seconds(Date.now() - t0)}`);
  const run = (fault: Fault, seed: number) =>
    drainWithFault({
      client,
      brokers: broker.brokers,
      suffix,
      inputRecords,
      fault,
      seed,
      log,
      timeoutMs: 3_600_000,
    });

  const reference = await run({ kind: 'none' }, 1);
  log(`(a) no faults: ${reference.alerts.length} alerts, drained in ${seconds(reference.drainMs)}`);
  const faults: [string, Fault][] = [
    ['(b) 10 × kill -9', { kind: 'kill', times: quick ? 3 : 10 }],
    ...(broker.source === 'local-launcher'
      ? ([
          [
            '(c) broker down 60 s',
            {
              kind: 'broker',
              downMs: quick ? 15_000 : 60_000,
              stop: stopLocalBroker,
              restart: startLocalBroker,
            },
          ],
        ] as [string, Fault][])
      : []),
    ['(d) scale 1 → 3 → 1', { kind: 'scale' }],
    ['(e) zombie (SIGSTOP)', { kind: 'zombie' }],
    ['(f) kill -9 1 of 3', { kind: 'kill-one-of-three' }],
  ];
  const rows: { name: string; r: RunResult }[] = [];
  for (const [i, [name, fault]] of faults.entries()) {
    const r = await run(fault, 100 + i);
    rows.push({ name, r });
    log(`${name}: drained in ${seconds(r.drainMs)}`);
  }
  console.log(`\nchaos report — ${inputRecords} input records, ${reference.alerts.length} reference alerts`);
  console.log('run                     alerts  lost  dup  invented  different  recovery (s)');
  for (const { name, r } of rows) {
    const d = diffAlerts(reference.alerts, r.alerts);
    if (d.lost + d.duplicated + d.invented + d.different > 0) failed = true;
    console.log(
      `${name.padEnd(22)} ${String(d.candidate).padStart(7)} ${String(d.lost).padStart(5)} ${String(d.duplicated).padStart(4)} ${String(d.invented).padStart(9)} ${String(d.different).padStart(10)}  ${r.recoveriesMs.map((ms) => (ms / 1000).toFixed(1)).join(' ')}`,
    );
    for (const e of d.examples) console.log(`    ${e}`);
    if (r.shares)
      console.log(
        `    tasks / commits per instance while three ran: ${r.shares.map((x) => `${x.tasks} / ${x.commits}`).join(', ')}`,
      );
  }
} finally {
  await broker.stop();
}
process.exit(failed ? 1 : 0);
