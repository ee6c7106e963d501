import { describe, expect, it } from 'vitest';
import type { IncomingBatch, IncomingRecord } from './records';
import { TimestampMerge } from './timestamp-merge';

const rec = (topic: string, partition: number, offset: number, timestampMs: number): IncomingRecord => ({
  topic,
  partition,
  offset: String(offset),
  key: null,
  value: null,
  headers: {},
  timestampMs,
});
const parts = [
  { topic: 't', partition: 0, highWatermark: '10' },
  { topic: 't', partition: 1, highWatermark: '10' },
];
const runs = (m: TimestampMerge) => {
  const out: IncomingBatch[] = [];
  m.drain((b) => out.push(b));
  return out.map((b) => `${b.partition}:${b.records.map((r) => r.timestampMs).join(',')}`);
};

describe('TimestampMerge', () => {
  it('waits for a partition that may still deliver older records', () => {
    const m = new TimestampMerge(parts);
    m.push('t', 0, [rec('t', 0, 0, 10), rec('t', 0, 1, 20)]);
    expect(runs(m)).toEqual([]);
    m.push('t', 1, [rec('t', 1, 0, 15)]);
    // 10 goes first; then p1's 15 is the oldest head, and p1 has nothing after it yet.
    expect(runs(m)).toEqual(['0:10', '1:15']);
    expect(m.done).toBe(false);
  });

  it('hands out runs in timestamp order across partitions, and finished partitions stop holding back', () => {
    const m = new TimestampMerge(parts, 2);
    m.push('t', 0, [rec('t', 0, 0, 1), rec('t', 0, 1, 2), rec('t', 0, 2, 3), rec('t', 0, 3, 9)]);
    m.push('t', 1, [rec('t', 1, 0, 5), rec('t', 1, 1, 6)]);
    m.finish('t', 1);
    expect(runs(m)).toEqual(['0:1,2', '0:3', '1:5,6', '0:9']);
    expect(m.done).toBe(false);
    m.finish('t', 0);
    expect(m.done).toBe(true);
    expect(m.buffered('t', 0)).toBe(0);
  });

  it('refuses a partition outside the merge', () => {
    expect(() => new TimestampMerge(parts).push('u', 0, [])).toThrow(/not part of the merge/);
  });
});
