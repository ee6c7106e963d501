import { describe, expect, it } from 'vitest';
import { readToEnd, type IncomingBatch } from './records';

const record = (offset: number) => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key: null,
  value: null,
  headers: {},
  timestampMs: 0,
});

/** A batch of offsets `first..last` with the broker's high watermark and last stable offset. */
const batch = (first: number, last: number, high: number, stable?: number): IncomingBatch => ({
  topic: 't',
  partition: 0,
  records: Array.from({ length: last - first + 1 }, (_, i) => record(first + i)),
  highWatermark: String(high),
  ...(stable === undefined ? {} : { lastStableOffset: String(stable) }),
});

describe('readToEnd', () => {
  it('is at the end when the batch reaches the high watermark of a partition without open transactions', () => {
    expect(readToEnd(batch(0, 9, 10, 10))).toBe(true);
    expect(readToEnd(batch(0, 9, 10))).toBe(true);
    expect(readToEnd(batch(0, 8, 10, 10))).toBe(false);
  });

  it('is at the end at the last stable offset: records of a transaction still open are not pending yet', () => {
    // Another producer's transaction opened at offset 10 (records 10..14 so far): a read_committed
    // fetch stops before it, and nothing more can be read until it ends.
    expect(readToEnd(batch(0, 9, 15, 10))).toBe(true);
    expect(readToEnd(batch(0, 8, 15, 10))).toBe(false);
    // Without the last stable offset (unknown: -1) only the high watermark counts, as before.
    expect(readToEnd(batch(0, 9, 15, -1))).toBe(false);
    expect(readToEnd(batch(0, 9, 15))).toBe(false);
  });

  it('counts a trailing transaction marker as read (lastOffset covers it)', () => {
    expect(readToEnd({ ...batch(0, 9, 11, 11), lastOffset: '10' })).toBe(true);
    expect(readToEnd(batch(0, 9, 11, 11))).toBe(false);
  });

  it('cannot tell without a record or a high watermark', () => {
    expect(readToEnd(batch(0, -1, 10, 10))).toBe(false);
    expect(readToEnd(batch(0, 9, -1, 10))).toBe(false);
  });
});
