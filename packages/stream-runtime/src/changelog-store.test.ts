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

describe('ChangelogStore', () => {
  it('writes only what changed, chunks large entries, tombstones what is gone, and loads it back', () => {
    const topic = 'cl';
    const store = new ChangelogStore(topic, 'task-0', 4);
    const log = new Map<string, Buffer>();
    const first = store.delta(
      new Map([
        ['a', '0123456789'],
        ['b', 'xy'],
      ]),
    );
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

    // Unchanged: nothing to write.
    expect(
      store.delta(
        new Map([
          ['a', '0123456789'],
          ['b', 'xy'],
        ]),
      ).records,
    ).toEqual([]);

    // a shrinks to one chunk, stored inline (its chunks tombstoned), b is removed, c appears.
    const second = store.delta(
      new Map([
        ['a', '01'],
        ['c', 'x😀😀'],
      ]),
    );
    compact(log, second.records);
    second.applied();
    expect([...log.keys()].sort()).toEqual(['task-0/a', 'task-0/c', 'task-0/c#0', 'task-0/c#1']);

    // Other tasks' entries are ignored; every chunk is valid UTF-8 (no split surrogate pair).
    log.set('task-1/z', Buffer.from('=z'));
    const loaded = new ChangelogStore(topic, 'task-0', 4).load(log);
    expect(Object.fromEntries(loaded)).toEqual({ a: '01', c: 'x😀😀' });
  });

  it('names a missing chunk instead of restoring a corrupt entry', () => {
    const log = new Map([
      ['task-0/a', Buffer.from('#2')],
      ['task-0/a#0', Buffer.from('x')],
    ]);
    expect(() => new ChangelogStore('cl', 'task-0').load(log)).toThrow(/task-0\/a lacks chunk 1/);
  });
});
