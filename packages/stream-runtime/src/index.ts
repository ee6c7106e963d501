/**
 * citybrain's stream runtime, modelled on Kafka Streams' StreamThread and StreamTask: a consumer
 * group member that owns tasks (each: its input partitions and its state store), processes batches
 * with the owning task's pure logic, and commits each batch's outputs, the task's state entries that
 * changed (to a compacted changelog topic) and its input offsets in one Kafka transaction of the
 * task's own producer. A {@link TaskTopology} says which task reads which partition and how the group
 * shares them (one owner, or tasks by partition index spread over the members). On assignment, and after
 * a failed commit, the state is restored from the changelog and the input rewound to the committed
 * offsets before anything is processed, so outputs are a function of the input whatever crashes,
 * restarts and rebalances happen. A zombie owner is fenced by the transactional id; broker outages
 * are waited out.
 *
 * @example
 * ```ts
 * import { StreamThread, singleTaskTopology } from '@citybrain/stream-runtime';
 * const thread = new StreamThread({
 *   client, groupId: 'citybrain-processor',
 *   topology: singleTaskTopology(['city.traffic.v1'], logic),
 *   changelogTopic: 'citybrain-processor.state-changelog', guarantee: 'exactly_once',
 *   fromBeginning: true, sessionTimeoutMs: 6_000, punctuateIntervalMs: 1_000, logger,
 * });
 * await thread.start();
 * // … SIGTERM:
 * await thread.stop();
 * ```
 */
export {
  StreamThread,
  type ProcessingGuarantee,
  type StreamThreadListener,
  type StreamThreadOptions,
  type ThreadState,
} from './stream-thread';
export { ChangelogStore, DEFAULT_CHUNK_CHARS, type ChangelogDelta } from './changelog-store';
export type { StoreChanges, TaskLogic, TaskPartitions, TaskStep } from './task';
export { singleTaskTopology, type AssignmentStrategy, type TaskTopology } from './topology';
export { StreamRuntimeError } from './errors';
