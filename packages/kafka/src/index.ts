/**
 * citybrain's own Kafka interface: topic set-up, an idempotent batch producer that resolves on
 * `acks=-1`, and a batch consumer with explicit commits. kafkajs stays behind this door.
 *
 * @example
 * ```ts
 * import { createKafkaClient, ensureTopics, BatchProducer, BatchConsumer } from '@citybrain/kafka';
 * const client = createKafkaClient({ brokers: ['127.0.0.1:19092'], clientId: 'demo' }, logger);
 * await ensureTopics(client, [{ topic: 'city.traffic.v1', numPartitions: 6 }]);
 * const producer = new BatchProducer(client);
 * await producer.connect();
 * await producer.send([{ topic: 'city.traffic.v1', key: 'G001', value: bytes }]);
 * const consumer = new BatchConsumer(client, {
 *   groupId: 'g', topics: ['city.traffic.v1'], fromBeginning: true,
 *   onBatch: async (batch) => { ...; await consumer.commit([...]); },
 * });
 * await consumer.start();
 * ```
 */
export { createKafkaClient, type KafkaClient, type KafkaClientSettings } from './client';
export {
  ensureTopics,
  topicEndOffsets,
  endOffsetsOnce,
  type TopicSpec,
  type EnsureTopicsResult,
} from './topics';
export { AdminSession, type PartitionOffsets } from './admin-session';
export { BatchProducer, splitBySize, MAX_REQUEST_BYTES } from './producer';
export { BatchConsumer, type BatchConsumerOptions, type ConsumerState } from './consumer';
export { KafkaEdgeError } from './errors';
export { TransactionalProducer, type AtomicCommit } from './transactional-producer';
export { singleOwnerAssigner, SINGLE_OWNER_PROTOCOL } from './single-owner-assigner';
export {
  partitionIndexAssigner,
  assignIndexes,
  PARTITION_INDEX_PROTOCOL,
  type IndexClaim,
} from './partition-index-assigner';
export {
  readLatestByKey,
  readTopicToEnd,
  committedOffsets,
  setGroupOffsets,
  type ReadProgress,
} from './compacted-reader';
export { offsetsForTimeRange, readRanges, type PartitionRange, type ReadRangesOptions } from './range-reader';
export { TimestampMerge } from './timestamp-merge';
export { retryRetriable, type RetryOptions } from './retry';
export { RecordTracer, type TraceHop } from './trace';
export { readToEnd } from './records';
export type { IncomingRecord, IncomingBatch, OutgoingRecord, CommitPosition } from './records';
