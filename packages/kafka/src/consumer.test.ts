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
