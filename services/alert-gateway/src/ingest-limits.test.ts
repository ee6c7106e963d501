import { describe, expect, it } from 'vitest';
import type { OutgoingRecord } from '@citybrain/kafka';
import { IngestBudget, chunkRecords, recordBytes } from './ingest-limits';

const rec = (bytes: number, key = 'G001'): OutgoingRecord => ({
  topic: 't',
  key,
  value: new Uint8Array(bytes),
  headers: { 'content-type': 'x' },
});

describe('chunkRecords', () => {
  it('splits in order so that no chunk exceeds the byte bound', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => rec(100 + (i % 7)));
    const chunks = chunkRecords(records, 64 * 1024);
    expect(chunks.flat()).toEqual(records);
    for (const c of chunks) expect(c.reduce((n, r) => n + recordBytes(r), 0)).toBeLessThanOrEqual(64 * 1024);
    expect(chunks.length).toBeGreaterThan(15);
  });

  it('lets a record larger than the bound travel alone and returns nothing for nothing', () => {
    const big = rec(5000);
    expect(chunkRecords([rec(10), big, rec(10)], 1000)).toEqual([[rec(10)], [big], [rec(10)]]);
    expect(chunkRecords([], 1000)).toEqual([]);
  });

  it('counts key, value and headers', () => {
    expect(recordBytes(rec(100))).toBe(4 + 100 + 'content-type'.length + 1);
    expect(recordBytes({ topic: 't', key: null, value: null })).toBe(0);
  });
});

describe('IngestBudget', () => {
  it('grants bytes while they fit and takes them back on release', () => {
    const b = new IngestBudget(100);
    expect(b.tryTake(60)).toBe(true);
    expect(b.tryTake(41)).toBe(false);
    expect(b.heldBytes).toBe(60);
    expect(b.tryTake(40)).toBe(true);
    b.release(100);
    expect(b.heldBytes).toBe(0);
    b.release(5);
    expect(b.heldBytes).toBe(0);
  });
});
