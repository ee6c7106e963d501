import { describe, expect, it } from 'vitest';
import type { KafkaClient } from './client';
import { BatchProducer, splitBySize } from './producer';

describe('splitBySize', () => {
  it('keeps order and puts each group under the limit (a record larger than it goes alone)', () => {
    const rec = (n: number) => ({ topic: 't', key: 'k', value: Buffer.alloc(n) });
    const groups = splitBySize([rec(300), rec(300), rec(900), rec(10), rec(10)], 1000);
    expect(groups.map((g) => g.map((r) => r.value?.length))).toEqual([[300, 300], [900], [10, 10]]);
  });
});

describe('BatchProducer', () => {
  // A stand-in for kafkajs's producer whose requests land when the test says so (no broker).
  function fakeClient() {
    const requests: { values: string[]; land: () => void; fail: (e: Error) => void }[] = [];
    const producer = {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      sendBatch: ({ topicMessages }: { topicMessages: { messages: { value: Buffer | null }[] }[] }) =>
        new Promise<void>((resolve, reject) => {
          const values = topicMessages.flatMap((t) => t.messages.map((m) => m.value?.toString() ?? ''));
          requests.push({ values, land: resolve, fail: reject });
        }),
    };
    const logger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
    const client = { kafka: { producer: () => producer }, logger } as unknown as KafkaClient;
    return { client, requests };
  }
  const rec = (v: string) => ({ topic: 't', key: 'k', value: Buffer.from(v) });
  const tick = () => new Promise((r) => setImmediate(r));

  it('gathers the sends made while a request is in flight into the next one, in call order', async () => {
    const { client, requests } = fakeClient();
    const p = new BatchProducer(client);
    const settled: string[] = [];
    const a = p.send([rec('a1'), rec('a2')]).then(() => settled.push('a'));
    const b = p.send([rec('b1')]).then(() => settled.push('b'));
    const c = p.send([rec('c1')]).then(() => settled.push('c'));
    await tick();
    expect(requests.map((r) => r.values)).toEqual([['a1', 'a2']]);
    requests[0]!.land();
    await a;
    await tick();
    expect(settled).toEqual(['a']);
    // b and c waited together: one request, b's records first.
    expect(requests.map((r) => r.values)).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1'],
    ]);
    requests[1]!.land();
    await Promise.all([b, c]);
    expect(settled).toEqual(['a', 'b', 'c']);
  });

  it('rejects every send of a failed request, and sends later ones afresh', async () => {
    const { client, requests } = fakeClient();
    const p = new BatchProducer(client);
    const a = p.send([rec('a')]);
    const b = p.send([rec('b')]);
    const c = p.send([rec('c')]);
    await tick();
    requests[0]!.land();
    await a;
    await tick();
    requests[1]!.fail(new Error('broker gone'));
    await expect(b).rejects.toMatchObject({ code: 'PRODUCE_FAILED' });
    await expect(c).rejects.toMatchObject({ code: 'PRODUCE_FAILED' });
    const d = p.send([rec('d')]);
    await tick();
    expect(requests.map((r) => r.values)).toEqual([['a'], ['b', 'c'], ['d']]);
    requests[2]!.land();
    await d;
  });
});
