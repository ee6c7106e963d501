/**
 * The mutable state of one open window of one key. Internal to the engine: aggregated eagerly, so
 * memory grows with open windows, not with events.
 */
export interface OpenWindow<A> {
  readonly key: string;
  startMs: number;
  endMs: number;
  acc: A;
  count: number;
  /** First partition whose events this window holds, with the lowest such offset (offsets are optional). */
  partition: string | undefined;
  offset: number;
  /** Lowest held offset of any further partition; a key usually lives on one partition, so rarely used. */
  moreOffsets: Map<string, number> | undefined;
  /** False once the window was closed or merged into another (the close index drops stale entries). */
  alive: boolean;
  /** Changed since its last early result. */
  dirty: boolean;
}

/** A new, empty open window. */
export function openWindow<A>(key: string, startMs: number, endMs: number, acc: A): OpenWindow<A> {
  return {
    key,
    startMs,
    endMs,
    acc,
    count: 0,
    partition: undefined,
    offset: Number.POSITIVE_INFINITY,
    moreOffsets: undefined,
    alive: true,
    dirty: false,
  };
}

/**
 * Records that `w` holds the event at `offset` of `partition`. Returns the offset it held there before
 * (`Infinity` if none) when its held offset changed, `undefined` when it did not.
 */
export function holdOffset(w: OpenWindow<unknown>, partition: string, offset: number): number | undefined {
  if (w.partition === undefined || w.partition === partition) {
    w.partition = partition;
    if (!(offset < w.offset)) return undefined;
    const prev = w.offset;
    w.offset = offset;
    return prev;
  }
  const more = (w.moreOffsets ??= new Map<string, number>());
  const prev = more.get(partition);
  if (prev !== undefined && !(offset < prev)) return undefined;
  more.set(partition, offset);
  return prev ?? Number.POSITIVE_INFINITY;
}

/** Every `[partition, lowestOffset]` held by `w`. */
export function heldOffsets(w: OpenWindow<unknown>): [string, number][] {
  const out: [string, number][] = [];
  if (w.partition !== undefined && w.offset !== Number.POSITIVE_INFINITY) out.push([w.partition, w.offset]);
  if (w.moreOffsets) for (const entry of w.moreOffsets) out.push(entry);
  return out;
}
