import type { IncomingBatch, OutgoingRecord } from '@citybrain/kafka';

/** What one step of a task produced. */
export interface TaskStep {
  /** Records to write in the same commit as the state and the input offsets. */
  readonly records: readonly OutgoingRecord[];
  /** Called once the commit landed (metrics, logs): never for a step that was rolled back. */
  readonly committed?: () => void;
}

/** Input partitions of a task, as `topic/partition`, per input topic. */
export type TaskPartitions = ReadonlyMap<string, readonly number[]>;

/**
 * The stateful logic of a task (Kafka Streams' StreamTask body): pure apart from what it returns.
 * The runtime calls it one step at a time, never concurrently; every step's records, the state's
 * changed entries and the input offsets are committed together or not at all. Processing time is
 * passed in: from the input records' timestamps while there is input, so a replay sees the same
 * clock, and from the wall clock only while the task has read all its input.
 */
export interface TaskLogic {
  /**
   * Replaces the whole state with the stored entries (name → JSON text; empty: start fresh) and the
   * task's input partitions. Called before any other step, and again after a failed commit.
   */
  restore(entries: ReadonlyMap<string, string>, partitions: TaskPartitions): TaskStep;
  /** Processes one batch of one input partition at processing time `nowMs`. */
  process(batch: IncomingBatch, nowMs: number): TaskStep;
  /** Advances processing time while the input is idle (every input partition read to its end). */
  punctuate(nowMs: number): TaskStep;
  /**
   * The state-store entries changed since the previous call (or since `restore`): what the runtime
   * writes to the changelog with the step's records. O(changed entries), not O(state): the task
   * tracks what its steps touched. The runtime commits them or, when the commit fails, calls
   * `restore` from the changelog, so the task never has to roll its change tracking back.
   */
  changes(): StoreChanges;
  /**
   * The whole state as named entries (JSON text): what the changelog holds once every `changes()`
   * so far is committed. For tests and checks; the runtime does not call it.
   */
  snapshot(): ReadonlyMap<string, string>;
}

/** State-store entries changed by a task's steps (see {@link TaskLogic.changes}). */
export interface StoreChanges {
  /** Entries written or rewritten: name → JSON text. */
  readonly upserts: ReadonlyMap<string, string>;
  /**
   * Entries removed. A name may be listed that the store never held (state created and dropped
   * between two commits): the store skips it. A name also in `upserts` is written, not removed.
   */
  readonly deletes: ReadonlySet<string>;
}
