import { describe, expect, it } from 'vitest';
import { decodeGridStateRecord as parseGridStateRecord } from '@citybrain/codec';
import { GridStateStore } from './grid-state-store';

describe('grid state', () => {
  it('parses records and keeps the newest window per aggregation', () => {
    const rec = (name: string, startMs: number, v: number) =>
      parseGridStateRecord(
        Buffer.from(
          JSON.stringify({
            gridId: 'G001',
            windows: [{ name, startMs, endMs: startMs + 60_000, aggregates: { v, bad: 'x' } }],
          }),
        ),
      )!;
    const s = new GridStateStore();
    for (const r of [rec('traffic', 60_000, 2), rec('traffic', 0, 1), rec('cases', 0, 7)])
      s.apply(r.gridId, r.windows);
    expect(s.windows('G001')).toEqual([
      { name: 'cases', startMs: 0, endMs: 60_000, aggregates: { v: 7 } },
      { name: 'traffic', startMs: 60_000, endMs: 120_000, aggregates: { v: 2 } },
    ]);
    expect(parseGridStateRecord(Buffer.from('nope'))).toBeUndefined();
    expect(s.windows('G999')).toEqual([]);
  });
});
