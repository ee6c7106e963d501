import { describe, expect, it, vi } from 'vitest';
import { AdminSession } from './admin-session';
import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';

// A stand-in for kafkajs's admin client: counts connections, answers offsets, fails on demand.
function fakeKafka() {
  let failNext = false;
  const admins: { connect: ReturnType<typeof vi.fn>; disconnect: ReturnType<typeof vi.fn> }[] = [];
  const deleted: unknown[] = [];
  const client = {
    kafka: {
      admin: () => {
        const admin = {
          connect: vi.fn(() => Promise.resolve()),
          disconnect: vi.fn(() => Promise.resolve()),
          fetchTopicOffsets: () => {
            if (failNext) {
              failNext = false;
              return Promise.reject(Object.assign(new Error('connection closed'), { retriable: true }));
            }
            return Promise.resolve([{ partition: 0, offset: '7', low: '2', high: '7' }]);
          },
          fetchOffsets: () => Promise.resolve([{ topic: 't', partitions: [{ partition: 0, offset: '5' }] }]),
          deleteTopicRecords: (req: unknown) => (deleted.push(req), Promise.resolve()),
        };
        admins.push(admin);
        return admin;
      },
    },
  } as unknown as KafkaClient;
  return { client, admins, deleted, failOnce: () => (failNext = true) };
}

describe('AdminSession', () => {
  it('keeps one connection across periodic calls', async () => {
    const k = fakeKafka();
    const s = new AdminSession(k.client);
    for (let tick = 0; tick < 5; tick++) {
      expect(await s.endOffsets(['t'])).toEqual([{ topic: 't', partition: 0, low: 2, high: 7 }]);
      expect(await s.committedOffsets('g', ['t'])).toEqual([{ topic: 't', partition: 0, offset: 5 }]);
    }
    expect(k.admins).toHaveLength(1);
    expect(k.admins[0]!.connect).toHaveBeenCalledTimes(1);
  });

  it('drops the connection after a failure and connects afresh on the next call', async () => {
    const k = fakeKafka();
    const s = new AdminSession(k.client);
    await s.endOffsets(['t']);
    k.failOnce();
    const err = await s.endOffsets(['t']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaEdgeError);
    expect(err).toMatchObject({ code: 'OFFSETS_FETCH_FAILED', retriable: true });
    expect(k.admins[0]!.disconnect).toHaveBeenCalledTimes(1);
    await s.endOffsets(['t']);
    expect(k.admins).toHaveLength(2);
  });

  it('deletes records below the given offsets, and refuses calls once closed', async () => {
    const k = fakeKafka();
    const s = new AdminSession(k.client);
    await s.deleteRecordsBelow('r', [{ partition: 1, offset: 40 }]);
    expect(k.deleted).toEqual([{ topic: 'r', partitions: [{ partition: 1, offset: '40' }] }]);
    await s.close();
    expect(k.admins[0]!.disconnect).toHaveBeenCalledTimes(1);
    await expect(s.endOffsets(['t'])).rejects.toThrow(/closed/);
    expect(k.admins).toHaveLength(1);
  });
});
