import type { RecordRef } from '@citybrain/domain';

// Structural twins of @citybrain/windowing's types. The rules only read window results, so they
// depend on the shape, not on the package: the two packages stay independent in the pure core.

/** A half-open event-time window `[startMs, endMs)`, epoch milliseconds. */
export interface WindowBounds {
  readonly startMs: number;
  readonly endMs: number;
}

/** One window's aggregate for one key (the grid id). Only `final` results drive alert rules. */
export interface WindowResult<R> {
  /** The grouping key: a grid id. */
  readonly key: string;
  readonly window: WindowBounds;
  readonly value: R;
  /** Number of events aggregated. */
  readonly count: number;
  /** True once the watermark has passed the window's end plus grace; early results are for dashboards. */
  readonly final: boolean;
  /**
   * Up to `MAX_EVIDENCE_RECORDS` of the input records the window aggregated (the earliest by event
   * time, then event id: the same whatever order they arrived in), for the alert's evidence.
   */
  readonly records?: readonly RecordRef[];
}

/** An incremental, mergeable aggregation of events `E` through an accumulator `A` into a result `R`. */
export interface Aggregator<E, A, R> {
  init(): A;
  add(acc: A, event: E): A;
  merge(a: A, b: A): A;
  result(acc: A): R;
  /** JSON-serialisable form of `acc` for snapshots (default: `acc` itself). */
  serialize?(acc: A): unknown;
  /** Inverse of `serialize`. */
  deserialize?(json: unknown): A;
}
