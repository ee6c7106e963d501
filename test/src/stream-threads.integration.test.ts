// Stream threads (CITYBRAIN_STREAM_THREADS): one processor process running two worker threads, each a
// member of the group with its own tasks and state, spawned exactly as an operator starts it. Its
// committed alerts must equal those of a one-thread process on the same seeded input, with and
// without kill -9 of the whole process mid-run.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { diffAlerts, drainWithFault, seedInput, type Fault, type RunResult } from './chaos-harness';
import { freshSuffix, testClient } from './kafka-helpers';

const brokers = inject('kafkaBrokers');
const client = testClient(brokers);
const suffix = freshSuffix();
let inputRecords = 0;
let reference: RunResult;

const run = (fault: Fault, seed: number, streamThreads: number) =>
  drainWithFault({
    client,
    brokers,
    suffix,
    inputRecords,
    fault,
    seed,
    streamThreads,
    log: (l) => console.log(`[threads] ${l}`),
  });

describe('stream threads on worker_threads (real broker, real processes)', () => {
  beforeAll(async () => {
    // 360 city minutes (≈ 216k records): at 120 the processor now drains the input in a few
    // seconds, before the kill test's first fault moment comes (a fresh-clone run killed nothing).
    inputRecords = await seedInput(client, brokers, suffix, { cityMinutes: 360 });
    // The reference: one stream thread, on the main thread, as before worker threads.
    reference = await run({ kind: 'none' }, 1, 1);
  });

  it('the one-thread reference raised alerts of several rules', () => {
    expect(inputRecords).toBeGreaterThan(50_000);
    expect(new Set(reference.alerts.map((a) => a.rule)).size).toBeGreaterThanOrEqual(3);
  });

  it('two threads in one process both own tasks and commit the same alerts as one thread', async () => {
    const r = await run({ kind: 'none' }, 3, 2);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(
      `[threads] 2 threads: ${JSON.stringify(r.threads)}, drained in ${r.drainMs} ms (1 thread: ${reference.drainMs} ms); ${JSON.stringify(diff)}`,
    );
    // Both threads active at once (a thread is active only while it owns tasks), all 12 tasks owned.
    expect(r.threads).toEqual({ active: 2, tasks: 12 });
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
  });

  it('kill -9 of a two-thread process mid-run, twice: nothing lost, duplicated, invented or different', async () => {
    const r = await run({ kind: 'kill', times: 2 }, 5, 2);
    const diff = diffAlerts(reference.alerts, r.alerts);
    console.log(`[threads] kill -9: recoveries ${r.recoveriesMs.join(', ')} ms; ${JSON.stringify(diff)}`);
    expect(r.threads?.active).toBe(2);
    expect(r.recoveriesMs.length).toBeGreaterThan(0);
    expect(diff).toMatchObject({ lost: 0, duplicated: 0, invented: 0, different: 0 });
  });
});
