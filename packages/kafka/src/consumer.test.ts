import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KafkaClient } from './client';
import { BatchConsumer } from './consumer';

// A stand-in for kafkajs's consumer, enough to drive its crash handling (pure logic: no broker).
function fakeKafka() {
  const emitter = new EventEmitter();
  const events = { GROUP_JOIN: 'join', CRASH: 'crash', DISCONNECT: 'disconnect', STOP: 'stop' };
  const consumer = {
    events,
    on: (event: string, listener: (e: unknown) => void) => {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    connect: vi.fn(() => Promise.resolve()),
    subscribe: vi.fn(() => Promise.resolve()),
    run: vi.fn(() => Promise.resolve()),
    disconnect: vi.fn(() => Promise.resolve()),
    commits: [] as { offsets: { topic: string; partition: number; offset: string }[]; land: () => void }[],
    commitOffsets(offsets: { topic: string; partition: number; offset: string }[]) {
      return new Promise<void>((land) => consumer.commits.push({ offsets, land }));
    },
  };
  const logger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
  const client = { kafka: { consumer: () => consumer }, logger } as unknown as KafkaClient;
  return { client, consumer, emit: (event: string, payload: unknown) => emitter.emit(event, { payload }) };
}

describe('BatchConsumer after a crash kafkajs does not restart from', () => {
  afterEach(() => vi.useRealTimers());

  const options = { groupId: 'g', topics: ['t'], fromBeginning: true, onBatch: () => Promise.resolve() };

  it('starts the consumer again a quarter of a second later', async () => {
    vi.useFakeTimers();
    const k = fakeKafka();
    const c = new BatchConsumer(k.client, options);
    await c.start();
    expect(k.consumer.run).toHaveBeenCalledTimes(1);
    k.emit('crash', { error: new Error('not retriable'), restart: false });
    expect(c.state).toBe('down');
    await vi.advanceTimersByTimeAsync(200);
    expect(k.consumer.run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(k.consumer.run).toHaveBeenCalledTimes(2);
  });

  it('leaves it to kafkajs when kafkajs restarts it, and never restarts after stop()', async () => {
    vi.useFakeTimers();
    const k = fakeKafka();
    const c = new BatchConsumer(k.client, options);
    await c.start();
    k.emit('crash', { error: new Error('retriable'), restart: true });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(k.consumer.run).toHaveBeenCalledTimes(1);
    k.emit('crash', { error: new Error('not retriable'), restart: false });
    await c.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(k.consumer.run).toHaveBeenCalledTimes(1);
  });
});

describe('BatchConsumer.commit', () => {
  const options = { groupId: 'g', topics: ['t'], fromBeginning: true, onBatch: () => Promise.resolve() };
  const tick = () => new Promise((r) => setImmediate(r));

  it('gathers the commits asked for while one is in flight into the next, the latest position winning', async () => {
    const k = fakeKafka();
    const c = new BatchConsumer(k.client, options);
    const done: string[] = [];
    const a = c.commit([{ topic: 't', partition: 0, offset: '10' }]).then(() => done.push('a'));
    const b = c.commit([{ topic: 't', partition: 1, offset: '5' }]).then(() => done.push('b'));
    const d = c.commit([{ topic: 't', partition: 1, offset: '7' }]).then(() => done.push('d'));
    await tick();
    expect(k.consumer.commits.map((x) => x.offsets)).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
    k.consumer.commits[0]!.land();
    await a;
    await tick();
    expect(done).toEqual(['a']);
    expect(k.consumer.commits[1]!.offsets).toEqual([{ topic: 't', partition: 1, offset: '7' }]);
    k.consumer.commits[1]!.land();
    await Promise.all([b, d]);
    expect(done).toEqual(['a', 'b', 'd']);
  });
});
