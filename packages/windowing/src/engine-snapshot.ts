import type { WatermarkSnapshot } from './watermark-tracker';

/**
 * One open window in a snapshot: `[startMs, endMs, count, acc]` — the events aggregated so far and
 * the accumulator as the aggregator's `serialize` wrote it (or as is). A tuple, not an object: a
 * city's state holds about a million of them, and their keys would be most of the bytes.
 */
export type WindowTuple = readonly [startMs: number, endMs: number, count: number, acc: unknown];

/** One retained event of a sliding-window key: `[timestampMs, acc]` (its single-event accumulator). */
export type RecordTuple = readonly [timestampMs: number, acc: unknown];

/**
 * One key's state: its open windows sorted by start and, for sliding windows, its retained events
 * sorted by time (absent when there are none).
 */
export type KeySnapshot = readonly [windows: readonly WindowTuple[], records?: readonly RecordTuple[]];

/** The part of an engine's state that is not per key: the window spec and the watermark. */
export interface EngineHead {
  /** Format version; restore rejects others. */
  readonly version: 2;
  /** The window spec the snapshot was taken with; restore requires an equal one. */
  readonly windows: {
    readonly kind: string;
    readonly sizeMs: number | null;
    readonly advanceMs: number | null;
    readonly gapMs: number | null;
    readonly graceMs: number;
  };
  readonly watermark: WatermarkSnapshot;
}

/**
 * The engine's state as plain JSON: the head (spec and watermark, per-partition clocks included) and
 * every key's open windows and retained sliding-window events. Restoring it and replaying the source
 * from where it was taken gives the same outputs as an uninterrupted run. Early-result throttles are
 * not kept. A state store may keep the head and each key apart ({@link WindowEngine.headSnapshot},
 * {@link WindowEngine.keySnapshot}) and write only the keys that changed.
 */
export interface EngineSnapshot extends EngineHead {
  /** `[key, state]` per key holding state; sorted by key when taken, any order on restore. */
  readonly keys: readonly (readonly [key: string, state: KeySnapshot])[];
}
