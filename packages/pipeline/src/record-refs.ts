import { MAX_EVIDENCE_RECORDS, type RecordRef } from '@citybrain/domain';
import type { Aggregator } from '@citybrain/windowing';

/** A measure's accumulator with the window's record refs beside it. */
export interface WithRecordRefs<A> {
  m: A;
  /**
   * Sorted by event time, then event id; at most the bound. Grown in place (an accumulator is its
   * window's own), so {@link withRecordRefs}' `result` hands out a copy.
   */
  refs: RecordRef[];
}

/** A window's measured value and (up to the bound) the input records behind it. */
export interface Measured {
  readonly value: number;
  readonly records: readonly RecordRef[];
}

/** Where an input value sits in the evidence order, without building its ref (most are not kept). */
export interface RefKey<E> {
  /** The value's event time, or undefined for values that are not records (heartbeats). */
  timeOf(e: E): number | undefined;
  idOf(e: E): string;
}

const before = (t: number, id: string, b: RecordRef): boolean =>
  t < b.eventTimeMs || (t === b.eventTimeMs && id < b.eventId);

/**
 * Adds the record (event time `t`, id `id`) to `refs` in place when it is among the `max` earliest
 * (by event time, then id): the same set whatever order the records arrived in, so a replay lists the
 * same records as the live run. In event-time order (the common case) a full list is left alone
 * after one comparison, and nothing is allocated. Returns whether `refs` changed.
 */
export function insertRef(refs: RecordRef[], t: number, id: string, max: number): boolean {
  const last = refs[refs.length - 1];
  if (refs.length >= max && last !== undefined && !before(t, id, last)) return false;
  let i = refs.length;
  while (i > 0 && before(t, id, refs[i - 1]!)) i--;
  const prev = refs[i - 1];
  if (prev !== undefined && prev.eventId === id && prev.eventTimeMs === t) return false;
  refs.splice(i, 0, { eventId: id, eventTimeMs: t });
  if (refs.length > max) refs.length = max;
  return true;
}

/**
 * Keeps, beside a measure's accumulator, a bounded list of the input records its window aggregated
 * (a fixed-size array per window: at most `max` refs, default {@link MAX_EVIDENCE_RECORDS}), so an
 * alert's evidence can name the records that decided it. The refs are part of the accumulator, so
 * they are in the engine's snapshot and survive a restore; a snapshot taken before refs were kept
 * restores with none.
 */
export function withRecordRefs<E, A>(
  inner: Aggregator<E, A, number>,
  key: RefKey<E>,
  max = MAX_EVIDENCE_RECORDS,
): Aggregator<E, WithRecordRefs<A>, Measured> {
  return {
    init: () => ({ m: inner.init(), refs: [] }),
    add: (acc, e) => {
      acc.m = inner.add(acc.m, e);
      const t = key.timeOf(e);
      if (t !== undefined) insertRef(acc.refs, t, key.idOf(e), max);
      return acc;
    },
    merge: (a, b) => {
      a.m = inner.merge(a.m, b.m);
      for (const ref of b.refs) insertRef(a.refs, ref.eventTimeMs, ref.eventId, max);
      return a;
    },
    // A copy: the window may go on growing its list after an early result.
    result: (acc) => ({ value: inner.result(acc.m), records: acc.refs.slice() }),
    // Refs as [eventId, eventTimeMs] pairs: the changelog holds every open window.
    serialize: (acc) => ({
      m: inner.serialize ? inner.serialize(acc.m) : acc.m,
      r: acc.refs.map((x) => [x.eventId, x.eventTimeMs]),
    }),
    deserialize: (json) => {
      const holder = json as { m?: unknown; r?: unknown } | null;
      const wrapped =
        holder !== null && typeof holder === 'object' && 'm' in holder && Array.isArray(holder.r);
      const m = wrapped ? holder.m : json;
      return {
        m: inner.deserialize ? inner.deserialize(m) : (m as A),
        refs: wrapped
          ? (holder.r as [string, number][]).map(([eventId, eventTimeMs]) => ({ eventId, eventTimeMs }))
          : [],
      };
    },
  };
}
