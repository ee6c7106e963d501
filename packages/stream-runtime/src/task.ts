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
  /** The whole state as named entries (JSON text); the runtime writes only those that changed. */
  snapshot(): ReadonlyMap<string, string>;
}
