import { MAX_EVIDENCE_RECORDS, type RecordRef } from '@citybrain/domain';
import type { Aggregator } from '@citybrain/windowing';

/** A measure's accumulator with the window's record refs beside it. */
export interface WithRecordRefs<A> {
  m: A;
  /** Sorted by event time, then event id; at most the bound; never mutated (replaced on change). */
  refs: readonly RecordRef[];
}

/** A window's measured value and (up to the bound) the input records behind it. */
export interface Measured {
  readonly value: number;
  readonly records: readonly RecordRef[];
}

const NONE: readonly RecordRef[] = Object.freeze([]);

const before = (a: RecordRef, b: RecordRef): boolean =>
  a.eventTimeMs < b.eventTimeMs || (a.eventTimeMs === b.eventTimeMs && a.eventId < b.eventId);

/**
 * `refs` with `ref` added when it is among the `max` earliest (by event time, then id): the same set
 * whatever order the records arrived in, so a replay lists the same records as the live run. In
 * event-time order (the common case) a full list is left alone after one comparison.
 */
export function insertRef(refs: readonly RecordRef[], ref: RecordRef, max: number): readonly RecordRef[] {
  const last = refs[refs.length - 1];
  if (refs.length >= max && last !== undefined && !before(ref, last)) return refs;
  let i = refs.length;
  while (i > 0 && before(ref, refs[i - 1]!)) i--;
  const prev = refs[i - 1];
  if (prev !== undefined && prev.eventId === ref.eventId && prev.eventTimeMs === ref.eventTimeMs) return refs;
  const next = [...refs.slice(0, i), ref, ...refs.slice(i)];
  if (next.length > max) next.length = max;
  return next;
}

/**
 * Keeps, beside a measure's accumulator, a bounded list of the input records its window aggregated
 * (a fixed-size array per window: at most `max` refs, default {@link MAX_EVIDENCE_RECORDS}), so an
 * alert's evidence can name the records that decided it. The refs are part of the accumulator, so
 * they are in the engine's snapshot and survive a restore; a snapshot taken before refs were kept
 * restores with none. `refOf` returns undefined for values that are not records (heartbeats).
 */
export function withRecordRefs<E, A>(
  inner: Aggregator<E, A, number>,
  refOf: (e: E) => RecordRef | undefined,
  max = MAX_EVIDENCE_RECORDS,
): Aggregator<E, WithRecordRefs<A>, Measured> {
  return {
    init: () => ({ m: inner.init(), refs: NONE }),
    add: (acc, e) => {
      acc.m = inner.add(acc.m, e);
      const ref = refOf(e);
      if (ref !== undefined) acc.refs = insertRef(acc.refs, ref, max);
      return acc;
    },
    merge: (a, b) => {
      a.m = inner.merge(a.m, b.m);
      for (const ref of b.refs) a.refs = insertRef(a.refs, ref, max);
      return a;
    },
    result: (acc) => ({ value: inner.result(acc.m), records: acc.refs }),
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
          : NONE,
      };
    },
  };
}
