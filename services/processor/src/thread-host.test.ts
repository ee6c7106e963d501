import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ConfigError } from '@citybrain/config';
import type { ThreadState } from '@citybrain/stream-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import type { CityThread } from './city-thread';
import { serveThread, workerFailure } from './thread-host';

/** A stream thread that records what it was asked. */
function fakeThread(calls: string[]): CityThread & { onState?: (s: ThreadState) => void } {
  let state: ThreadState = 'stopped';
  const fake: CityThread & { onState?: (s: ThreadState) => void } = {
    get state() {
      return state;
    },
    failed: new Promise<Error>(() => {}),
    start: () => {
      calls.push('start');
      state = 'active';
      fake.onState?.('active');
      return Promise.resolve();
    },
    metrics: () => {
      calls.push('metrics');
      return Promise.resolve([]);
    },
    reloadRules: (text) => {
      calls.push(`reload ${text}`);
      return text === 'bad' ? Promise.reject(new Error('bad rules')) : Promise.resolve();
    },
    stop: () => {
      calls.push('stop');
      return Promise.resolve();
    },
  };
  return fake;
}

/** The main thread's end of a channel: posts calls, collects reports. */
function mainEnd(port: MessagePort) {
  const reports: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  port.on('message', (m: Record<string, unknown>) => {
    reports.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const next = (match: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const check = () => {
        const found = reports.find(match);
        if (found) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  return { reports, next };
}

describe('serveThread (the worker side of a stream thread)', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const p of ports.splice(0)) p.close();
  });

  it('routes each call to its own operation and reports states and replies', async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const calls: string[] = [];
    const main = mainEnd(port1);
    serveThread(port2, (onState) => {
      const t = fakeThread(calls);
      t.onState = onState;
      return Promise.resolve(t);
    });
    await main.next((m) => m['kind'] === 'built');
    // Built, not started: nothing joined the group yet.
    expect(calls).toEqual([]);
    const ops = [{ op: 'start' }, { op: 'metrics' }, { op: 'reload', text: 'r1' }, { op: 'stop' }];
    for (const [id, op] of ops.entries()) {
      port1.postMessage({ ...op, id });
      await main.next((m) => m['kind'] === 'reply' && m['id'] === id);
    }
    expect(calls).toEqual(['start', 'metrics', 'reload r1', 'stop']);
    expect(main.reports).toContainEqual({ kind: 'state', state: 'active' });
    expect(main.reports).toContainEqual({ kind: 'reply', id: 1, value: [] });
  });

  it('sends a failed call back as an error, and a build failure with its ConfigError issues', async () => {
    const a = new MessageChannel();
    ports.push(a.port1, a.port2);
    const main = mainEnd(a.port1);
    serveThread(a.port2, () => Promise.resolve(fakeThread([])));
    await main.next((m) => m['kind'] === 'built');
    a.port1.postMessage({ op: 'reload', text: 'bad', id: 7 });
    const reply = await main.next((m) => m['kind'] === 'reply' && m['id'] === 7);
    expect(reply['error']).toMatchObject({ message: 'bad rules' });

    const b = new MessageChannel();
    ports.push(b.port1, b.port2);
    const other = mainEnd(b.port1);
    serveThread(b.port2, () =>
      Promise.reject(new ConfigError([{ key: 'CITYBRAIN_RULES_FILE', message: 'gone' }])),
    );
    const failed = await other.next((m) => m['kind'] === 'build-failed');
    expect(failed['error']).toMatchObject({
      name: 'ConfigError',
      issues: [{ key: 'CITYBRAIN_RULES_FILE', message: 'gone' }],
    });
  });
});

describe('workerFailure', () => {
  it('names CITYBRAIN_STREAM_THREAD_HEAP_MB when a worker ran out of its capped heap', async () => {
    // A real worker with a small cap that keeps what it allocates: the error Node reports for it.
    const worker = new Worker('const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length));', {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    const cause = await new Promise<Error>((resolve) => worker.once('error', resolve));
    const err = workerFailure(cause, 1, 32);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/CITYBRAIN_STREAM_THREAD_HEAP_MB: stream thread 1 ran out of its 32 MB heap/);
    expect(err.cause).toBe(cause);
  });

  it('leaves any other crash as it is', () => {
    const crash = new Error('boom');
    expect(workerFailure(crash, 0, 64)).toBe(crash);
  });
});
