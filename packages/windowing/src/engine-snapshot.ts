import type { WatermarkSnapshot } from './watermark-tracker';

/** One open window in a snapshot. */
export interface WindowSnapshot {
  readonly key: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Events aggregated so far. */
  readonly count: number;
  /** The accumulator, written by the aggregator's `serialize` (or as is). */
  readonly acc: unknown;
  /** `[partition, lowest held offset]` pairs. */
  readonly offsets: readonly (readonly [string, number])[];
}

/** One retained event of a sliding-window key in a snapshot. */
export interface RecordSnapshot {
  readonly key: string;
  readonly timestampMs: number;
  /** The event's single-event accumulator, written by the aggregator's `serialize` (or as is). */
  readonly acc: unknown;
  readonly partition: string;
  /** `null` when the event had no offset. */
  readonly offset: number | null;
}

/**
 * The engine's state as plain JSON: open windows, retained sliding-window events and the watermark
 * (per-partition clocks included). Restoring it and replaying the source from the offsets recorded
 * with it gives the same outputs as an uninterrupted run. Early-result throttles are not kept.
 */
export interface EngineSnapshot {
  /** Format version; restore rejects others. */
  readonly version: 1;
  /** The window spec the snapshot was taken with; restore requires an equal one. */
  readonly windows: {
    readonly kind: string;
    readonly sizeMs: number | null;
    readonly advanceMs: number | null;
    readonly gapMs: number | null;
    readonly graceMs: number;
  };
  readonly watermark: WatermarkSnapshot;
  /** Sorted by key, then start. */
  readonly open: readonly WindowSnapshot[];
  /** Sliding windows only (empty otherwise). Sorted by key, then timestamp. */
  readonly records: readonly RecordSnapshot[];
}
