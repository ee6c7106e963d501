import { describe, expect, it } from 'vitest';
import type { OutgoingRecord } from '@citybrain/kafka';
import { ChangelogStore } from './changelog-store';

/** Applies records to a compacted topic's latest-value-per-key view. */
function compact(into: Map<string, Buffer>, records: readonly OutgoingRecord[]): Map<string, Buffer> {
  for (const r of records) {
    const key = String(r.key);
    if (r.value === null) into.delete(key);
    else into.set(key, Buffer.from(r.value));
  }
  return into;
}

const upsert = (...entries: [string, string][]) => ({
  upserts: new Map(entries),
  deletes: new Set<string>(),
});

describe('ChangelogStore', () => {
  it('writes what changed, chunks large entries, tombstones what is gone, and loads it back', () => {
    const topic = 'cl';
    const store = new ChangelogStore(topic, 'task-0', { chunkChars: 4 });
    const log = new Map<string, Buffer>();
    const first = store.delta(upsert(['a', '0123456789'], ['b', 'xy']));
    compact(log, first.records);
    first.applied();
    expect([...log.keys()].sort()).toEqual([
      'task-0/a',
      'task-0/a#0',
      'task-0/a#1',
      'task-0/a#2',
      'task-0/b',
    ]);
    expect(log.get('task-0/b')?.toString()).toBe('=xy');
    expect(log.get('task-0/a')?.toString()).toBe('#3');

    // Nothing changed: nothing to write. A chunked entry rewritten: only its changed chunk.
    expect(store.delta(upsert()).records).toEqual([]);
    const rewritten = store.delta(upsert(['a', '0123456789'], ['b', 'xy']));
    expect(rewritten.records.map((r) => r.key)).toEqual(['task-0/b']);
    const oneChunk = store.delta(upsert(['a', '0123ABCD89']));
    expect(oneChunk.records.map((r) => r.key)).toEqual(['task-0/a#1']);
    compact(log, oneChunk.records);
    oneChunk.applied();

    // a shrinks to one chunk, stored inline (its chunks tombstoned), b is removed, c appears; a
    // removal of an entry never written writes nothing, and an upsert wins over a removal.
    const second = store.delta({
      upserts: new Map([
        ['a', '01'],
        ['c', 'x😀😀'],
      ]),
      deletes: new Set(['b', 'never-written', 'c']),
    });
    compact(log, second.records);
    second.applied();
    expect([...log.keys()].sort()).toEqual(['task-0/a', 'task-0/c', 'task-0/c#0', 'task-0/c#1']);
    expect(second.records.filter((r) => r.value === null).map((r) => r.key)).toEqual([
      'task-0/a#0',
      'task-0/a#1',
      'task-0/a#2',
      'task-0/b',
    ]);

    // A delta that was never applied (its commit failed) leaves the store as it was.
    store.delta({ upserts: new Map(), deletes: new Set(['a']) });
    expect(store.delta({ upserts: new Map(), deletes: new Set(['a']) }).records).toHaveLength(1);

    // Other tasks' entries are ignored; every chunk is valid UTF-8 (no split surrogate pair).
    log.set('task-1/z', Buffer.from('=z'));
    const reloaded = new ChangelogStore(topic, 'task-0', { chunkChars: 4 });
    const loaded = reloaded.load(log);
    expect(Object.fromEntries(loaded)).toEqual({ a: '01', c: 'x😀😀' });
    // What was loaded counts as written: removing it writes its tombstones.
    const gone = reloaded.delta({ upserts: new Map(), deletes: new Set(['a', 'c']) });
    expect(gone.records.map((r) => r.key).sort()).toEqual([
      'task-0/a',
      'task-0/c',
      'task-0/c#0',
      'task-0/c#1',
    ]);
  });

  it('names a missing chunk instead of restoring a corrupt entry', () => {
    const log = new Map([
      ['task-0/a', Buffer.from('#2')],
      ['task-0/a#0', Buffer.from('x')],
    ]);
    expect(() => new ChangelogStore('cl', 'task-0').load(log)).toThrow(/task-0\/a lacks chunk 1/);
  });

  it('writes every record of a task with a partition to that partition, tombstones included', () => {
    const store = new ChangelogStore('cl', 'task-area-3', { partition: 3, chunkChars: 4 });
    const first = store.delta(upsert(['a', '0123456789'], ['b', 'xy']));
    first.applied();
    const gone = store.delta({ upserts: new Map(), deletes: new Set(['a', 'b']) });
    const records = [...first.records, ...gone.records];
    expect(records.length).toBeGreaterThan(5);
    expect(new Set(records.map((r) => r.partition))).toEqual(new Set([3]));
    expect(new ChangelogStore('cl', 'task-0').delta(upsert(['a', 'x'])).records[0]).not.toHaveProperty(
      'partition',
    );
  });
});
