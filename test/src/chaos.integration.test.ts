// Faults are input too: the same seeded input drained without faults, with kill -9 of the processor,
// with the broker stopped mid-run, scaled 1 → 3 → 1 (tasks spread over the three), and one of three
// instances killed, must leave the same committed alerts.
// A smaller version of `pnpm chaos` (which drains ≥ 1M events and prints a report).
import { startLocalBroker, stopLocalBroker } from '@citybrain/local-kafka';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { diffAlerts, drainWithFault, seedInput, type Fault, type RunResult } from './chaos-harness';
import { freshSuffix, testClient } from './kafka-helpers';

const brokers = inject('kafkaBrokers');
const ownBroker = inject('kafkaSource') === 'local-launcher';
const client = testClient(brokers);
const suffix = freshSuffix();
let inputRecords = 0;
let reference: RunResult;

const run = (fault: Fault, seed: number) =>
  drainWithFault({
    client,
    brokers,
    suffix,
    inputRecords,
    fault,
    seed,
    log: (l) => console.log(`[chaos] ${l}`),
  });

describe('faults are input too (real broker)', () => {
  beforeAll(async () => {
    inputRecords = await seedInput(client, brokers, suffix, { cityMinutes: 120 });
    reference = await run({ kind: 'none' }, 1);
  });

  it('the reference run raised alerts of several rules', () => {
    expect(inputRecords).toBeGreaterThan(50_000);
    expect(new Set(reference.alerts.map((a) => a.rule)).size).toBeGreaterThanOrEqual(3);
  });

  it('kill -9 three times: nothing lost, duplicated, invented or different', async () => {
    const r = await run({ kind: 'kill', times: 3 }, 7);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(`[chaos] kill -9: recoveries ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`);
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
    expect(r.recoveriesMs.length).toBeGreaterThan(0);
  });

  it('scaled 1 → 3 → 1 with the owner stopped: the same alerts', async () => {
    const r = await run({ kind: 'scale' }, 11);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(
      `[chaos] scale: shares ${JSON.stringify(r.shares)}, recoveries ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`,
    );
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
    // The tasks really spread: each of the three instances owned tasks and committed.
    expect(r.shares).toHaveLength(3);
  });

  it('three instances share the tasks; kill -9 of one: its tasks move, the same alerts', async () => {
    const r = await run({ kind: 'kill-one-of-three' }, 19);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(
      `[chaos] kill one of three: shares ${JSON.stringify(r.shares)}, recovery ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`,
    );
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
    expect(r.shares).toHaveLength(3);
    expect(r.recoveriesMs).toHaveLength(1);
  });

  it('a frozen owner is replaced and, woken up, fenced as a zombie: the same alerts', async () => {
    const r = await run({ kind: 'zombie' }, 17);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(`[chaos] zombie: take-over ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`);
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
  });

  it.runIf(ownBroker)('the broker stopped mid-run is waited out: the same alerts', async () => {
    const r = await run(
      { kind: 'broker', downMs: 15_000, stop: stopLocalBroker, restart: startLocalBroker },
      13,
    );
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(`[chaos] broker outage: recoveries ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`);
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
  });
});
