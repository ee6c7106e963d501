// Idleness independent of read order: the same two partitions' records, read interleaved or one
// partition's backlog last, give the same windows when a partition may be idled only once it is read
// to its end (`idleRequiresEnd` with the caller's `readToEnd` facts, as the processor reports them
// from each batch's high watermark). By processing time alone, the backlog read last is idled while
// its records are still pending, and they come out late.
import { describe, expect, it } from 'vitest';
import { sum } from './aggregators';
import type { EngineInput, KeyedEvent } from './keyed-event';
import { TumblingWindows } from './tumbling-windows';
import { WindowEngine } from './window-engine';

/** A record of the log: its partition's event, and the record timestamp (the processing time). */
interface LogRecord {
  readonly event: KeyedEvent<number>;
  readonly timestampMs: number;
}

// Each partition: an event a second for two minutes; record timestamps follow event times.
const log = (partition: string): LogRecord[] =>
  Array.from({ length: 120 }, (_, i) => ({
    event: { key: 'g', timestampMs: i * 1_000, partition, value: 1 },
    timestampMs: i * 1_000,
  }));

/**
 * Feeds batches of `size` records of the partitions in `order` (round robin, or one after the other),
 * each at processing time = the largest record timestamp seen, with whether the batch read its
 * partition to its end; then a tick once everything is read. Returns the final windows and late count.
 */
function run(order: 'interleaved' | 'b-last', idleRequiresEnd: boolean) {
  const engine = new WindowEngine({
    windows: TumblingWindows.of(10_000),
    aggregator: sum((v: number) => v),
    watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 5_000, idleRequiresEnd },
  });
  const logs = { a: log('a'), b: log('b') };
  const batches: { partition: 'a' | 'b'; records: LogRecord[]; atEnd: boolean }[] = [];
  const cut = (p: 'a' | 'b') =>
    Array.from({ length: 12 }, (_, i) => ({
      partition: p,
      records: logs[p].slice(i * 10, i * 10 + 10),
      atEnd: i === 11,
    }));
  if (order === 'b-last') batches.push(...cut('a'), ...cut('b'));
  else cut('a').forEach((x, i) => batches.push(x, cut('b')[i]!));
  const finals: string[] = [];
  let late = 0;
  let nowMs = 0;
  const take = (input: EngineInput<number>) => {
    const out = engine.process(input);
    late += out.late.length;
    for (const r of out.results) if (r.final) finals.push(`${r.window.startMs}=${r.value}`);
  };
  take({ kind: 'assign', partitions: ['a', 'b'], nowMs });
  for (const b of batches) {
    for (const r of b.records) nowMs = Math.max(nowMs, r.timestampMs);
    take({
      kind: 'events',
      events: b.records.map((r) => r.event),
      nowMs,
      readToEnd: new Map([[b.partition, b.atEnd]]),
    });
  }
  take({ kind: 'tick', nowMs: nowMs + 10_000 });
  return { finals: finals.sort(), late };
}

describe('WindowEngine: idleness and read order', () => {
  it('with idleRequiresEnd, a backlog read last gives the same windows as the interleaved read', () => {
    const reference = run('interleaved', true);
    expect(reference.late).toBe(0);
    expect(reference.finals).toContain('0=20');
    expect(run('b-last', true)).toEqual(reference);
  });

  it('by processing time alone, the backlog read last is idled with its records pending', () => {
    const reference = run('interleaved', false);
    const bLast = run('b-last', false);
    expect(bLast.late).toBeGreaterThan(0);
    expect(bLast.finals).not.toEqual(reference.finals);
  });
});
