import { describe, expect, it } from 'vitest';
import { GatheringQueue } from './gathering-queue';

/** A queue whose requests land or fail when the test says so. */
function harness() {
  const requests: { calls: readonly (readonly number[])[]; land: () => void; fail: (e: Error) => void }[] =
    [];
  const queue = new GatheringQueue<number>(
    (calls) => new Promise<void>((land, fail) => requests.push({ calls, land, fail })),
  );
  return { queue, requests };
}

const settled = () => new Promise<void>((r) => setImmediate(r));

describe('GatheringQueue', () => {
  it('sends the first call at once and gathers the calls made meanwhile, in call order, into the next request', async () => {
    const { queue, requests } = harness();
    const done: string[] = [];
    const a = queue.submit([1]).then(() => done.push('a'));
    const b = queue.submit([2, 3]).then(() => done.push('b'));
    const c = queue.submit([4]).then(() => done.push('c'));
    await settled();
    expect(requests.map((r) => r.calls)).toEqual([[[1]]]);
    requests[0]!.land();
    await settled();
    expect(done).toEqual(['a']);
    expect(requests.map((r) => r.calls)).toEqual([[[1]], [[2, 3], [4]]]);
    requests[1]!.land();
    await Promise.all([a, b, c]);
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('rejects exactly the calls of a failed request with its error, and goes on with the next', async () => {
    const { queue, requests } = harness();
    const first = queue.submit([1]);
    const second = queue.submit([2]);
    const third = queue.submit([3]);
    await settled();
    requests[0]!.land();
    await first;
    await settled();
    const boom = new Error('broker gone');
    requests[1]!.fail(boom);
    await expect(second).rejects.toBe(boom);
    await expect(third).rejects.toBe(boom);
    const fourth = queue.submit([4]);
    await settled();
    expect(requests[2]!.calls).toEqual([[4]]);
    requests[2]!.land();
    await expect(fourth).resolves.toBeUndefined();
  });

  it('resolves an empty call without a request', async () => {
    const { queue, requests } = harness();
    await queue.submit([]);
    expect(requests).toHaveLength(0);
  });
});
