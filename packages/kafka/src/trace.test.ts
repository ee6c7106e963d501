import { describe, expect, it } from 'vitest';
import type { Logger } from '@citybrain/observability';
import { RecordTracer } from './trace';

function tracer() {
  const lines: Record<string, unknown>[] = [];
  const logger = { info: (fields: Record<string, unknown>) => lines.push(fields) } as unknown as Logger;
  return { t: new RecordTracer('x-trace', logger), lines };
}

const rec = (offset: number, id?: string) => ({
  offset: String(offset),
  headers: id === undefined ? {} : { 'x-trace': id },
});

describe('RecordTracer', () => {
  it('logs a marked record when fetched, when a commit covering it starts and when it lands', () => {
    const { t, lines } = tracer();
    t.fetched('g', 'in', 0, [rec(4), rec(5, 'A'), rec(6)]);
    expect(lines).toEqual([
      expect.objectContaining({
        trace: 'A',
        hop: 'fetched',
        group: 'g',
        topic: 'in',
        partition: 0,
        offset: 5,
      }),
    ]);
    // A commit up to offset 5 (exclusive) does not cover it; nor one of another group or partition.
    t.committed('g', [{ topic: 'in', partition: 0, offset: '5' }]);
    t.committed('other', [{ topic: 'in', partition: 0, offset: '9' }]);
    t.committed('g', [{ topic: 'in', partition: 1, offset: '9' }]);
    expect(lines).toHaveLength(1);
    t.committing('g', [{ topic: 'in', partition: 0, offset: '7' }]);
    t.committed('g', [{ topic: 'in', partition: 0, offset: '7' }]);
    expect(lines.map((l) => l['hop'])).toEqual(['fetched', 'commit-start', 'committed']);
    expect(typeof lines[2]!['atMs']).toBe('number');
    // Forgotten once committed: a later commit logs nothing more.
    t.committed('g', [{ topic: 'in', partition: 0, offset: '20' }]);
    expect(lines).toHaveLength(3);
  });

  it('follows a record fetched again after a rewind once, from its last fetch', () => {
    const { t, lines } = tracer();
    t.fetched('g', 'in', 0, [rec(1, 'A')]);
    t.fetched('g', 'in', 0, [rec(1, 'A'), rec(2, 'B')]);
    t.committed('g', [{ topic: 'in', partition: 0, offset: '3' }]);
    expect(lines.filter((l) => l['hop'] === 'committed').map((l) => l['trace'])).toEqual(['A', 'B']);
  });
});
