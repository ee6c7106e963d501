import type { TaskLogic } from './task';

/**
 * How the group's members share the input: `single-owner` gives every partition to one member (one
 * task owns all input; the others are hot standbys); `partition-index` gives partition k of every
 * subscribed topic to the same member, indexes spread evenly and sticky (tasks by partition index,
 * Kafka Streams' co-partitioning).
 */
export type AssignmentStrategy = 'single-owner' | 'partition-index';

/**
 * The tasks a {@link StreamThread} runs (Kafka Streams' topology, reduced to what the runtime needs):
 * which topics it reads, which task processes each partition, and how to build a task's logic when
 * this instance is given it. Each task has its own state store (changelog keys prefixed by its id),
 * its own transactional producer (`<group>.<taskId>`, so a new owner fences the old one task by task)
 * and commits its own input offsets.
 */
export interface TaskTopology {
  /** Every topic the thread consumes. */
  readonly topics: readonly string[];
  readonly assignment: AssignmentStrategy;
  /** The id of the task that processes `topic`/`partition` (e.g. `task-route-3`). */
  taskOf(topic: string, partition: number): string;
  /** Builds a task's logic when this instance is given the task (then restored from its changelog). */
  createTask(taskId: string): TaskLogic;
  /**
   * Topics a task's input is derived from (a repartition topic's sources): the wall clock may move
   * its processing time only once the whole group has committed these topics to their end, as well as
   * the task reading its own partitions to their end — the city is quiet, not just this task's share.
   */
  upstreamTopics?(taskId: string): readonly string[];
  /**
   * The changelog partition holding a task's store, as Kafka Streams gives task k partition k: a
   * take-over reads only the partitions of the tasks it takes. `null`: the task keeps no state, and
   * nothing is read for it. Default: partition 0.
   */
  changelogPartition?(taskId: string): number | null;
  /**
   * Topics only this topology's tasks write and read (a repartition topic): their records below the
   * group's committed offsets are deleted periodically (`StreamThreadOptions.purgeIntervalMs`), so
   * they hold what is in flight, not the whole history.
   */
  readonly internalTopics?: readonly string[];
}

/** A topology of one task (`task-0`) owning every partition of `topics`. */
export function singleTaskTopology(
  topics: readonly string[],
  logic: TaskLogic,
  taskId = 'task-0',
): TaskTopology {
  return {
    topics,
    assignment: 'single-owner',
    taskOf: () => taskId,
    createTask: () => logic,
  };
}
