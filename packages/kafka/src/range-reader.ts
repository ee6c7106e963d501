import type { KafkaClient } from './client';
import { decodeHeaders } from './consumer';
import { KafkaEdgeError } from './errors';
import type { IncomingBatch } from './records';
import { TimestampMerge } from './timestamp-merge';

/** The offsets `[start, end)` of one partition that hold the records of a time range. */
export interface PartitionRange {
  readonly topic: string;
  readonly partition: number;
  /** First offset whose record timestamp is at or after the range's start. */
  readonly start: number;
  /** First offset whose record timestamp is at or after the range's end (or the partition's end). */
  readonly end: number;
}

/**
 * The offsets of the records of `topics` whose timestamps fall in `[fromMs, toMs)`, per partition
 * (Kafka's ListOffsets by timestamp: the first offset at or after a time; the end of the partition
 * when no record is that late); a topic that does not exist has none. Reads nothing, commits nothing.
 */
export async function offsetsForTimeRange(
  client: KafkaClient,
  topics: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<PartitionRange[]> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    const out: PartitionRange[] = [];
    // A topic that does not exist holds no records of any range (asking for its offsets would retry).
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (!existing.has(topic)) continue;
      const starts = await admin.fetchTopicOffsetsByTimestamp(topic, fromMs);
      const ends = new Map(
        (await admin.fetchTopicOffsetsByTimestamp(topic, toMs)).map((o) => [o.partition, Number(o.offset)]),
      );
      for (const s of starts) {
        const start = Number(s.offset);
        out.push({
          topic,
          partition: s.partition,
          start,
          end: Math.max(start, ends.get(s.partition) ?? start),
        });
      }
    }
    return out.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'OFFSETS_FETCH_FAILED');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Options of {@link readRanges}. */
export interface ReadRangesOptions {
  /** A partition with this many records buffered is paused until the merge catches up (default 20,000). */
  readonly maxBufferedPerPartition?: number;
  /** The most records per batch handed to `onBatch` (default 1,000). */
  readonly maxBatchRecords?: number;
  /** Stops the read early (what was handed out stays handed out). */
  readonly signal?: AbortSignal;
}

/**
 * Reads the records of `ranges` — committed records only (`read_committed`) — and hands them to
 * `onBatch` in record-timestamp order across partitions, as runs of one partition (see
 * {@link TimestampMerge}). Side-effect free on the cluster: a throwaway consumer group that never
 * commits an offset (and is deleted afterwards), no producer. Resolves when every range is read.
 */
export async function readRanges(
  client: KafkaClient,
  ranges: readonly PartitionRange[],
  onBatch: (batch: IncomingBatch) => void,
  options: ReadRangesOptions = {},
): Promise<void> {
  const todo = ranges.filter((r) => r.end > r.start);
  if (todo.length === 0) return;
  const maxBuffered = options.maxBufferedPerPartition ?? 20_000;
  const byKey = new Map(todo.map((r) => [`${r.topic}/${r.partition}`, r]));
  const merge = new TimestampMerge(
    todo.map((r) => ({ topic: r.topic, partition: r.partition, highWatermark: String(r.end) })),
    options.maxBatchRecords ?? 1_000,
  );
  const topics = [...new Set(todo.map((r) => r.topic))];
  const groupId = `${client.settings.clientId}.range.${process.pid}.${Date.now()}`;
  const consumer = client.kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const paused = new Set<string>();
  let settle: (err?: unknown) => void = () => {};
  const done = new Promise<void>(
    (resolve, reject) =>
      (settle = (err) => (err ? reject(KafkaEdgeError.from(err, 'RANGE_READ_FAILED')) : resolve())),
  );
  const pause = (topic: string, partition: number) => {
    const key = `${topic}/${partition}`;
    if (paused.has(key)) return;
    paused.add(key);
    consumer.pause([{ topic, partitions: [partition] }]);
  };
  const release = () => {
    try {
      merge.drain(onBatch);
    } catch (err: unknown) {
      settle(err);
      return;
    }
    for (const key of paused) {
      const r = byKey.get(key)!;
      if (reached.get(key)! >= r.end || merge.buffered(r.topic, r.partition) > maxBuffered / 2) continue;
      paused.delete(key);
      consumer.resume([{ topic: r.topic, partitions: [r.partition] }]);
    }
    if (merge.done) settle();
  };
  const reached = new Map(todo.map((r) => [`${r.topic}/${r.partition}`, r.start]));
  /** Marks a partition read up to `next` (records filtered by read_committed count: markers too). */
  const advance = (topic: string, partition: number, next: number) => {
    const key = `${topic}/${partition}`;
    const r = byKey.get(key);
    if (r === undefined || next <= reached.get(key)!) return;
    reached.set(key, next);
    if (next >= r.end) {
      merge.finish(topic, partition);
      pause(topic, partition);
    }
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    advance(e.payload.topic, e.payload.partition, Number(e.payload.lastOffset) + 1);
    release();
  });
  consumer.on(consumer.events.CRASH, (e) => settle(e.payload.error));
  const abort = () => settle();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        const r = byKey.get(`${batch.topic}/${batch.partition}`);
        if (r === undefined) return Promise.resolve();
        const key = `${r.topic}/${r.partition}`;
        const from = reached.get(key)!;
        const records = [];
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          // Before the seek took effect, or past the range: not ours.
          if (offset < from || offset >= r.end) continue;
          records.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ?? null,
            value: m.value ?? null,
            headers: decodeHeaders(m.headers),
            timestampMs: Number(m.timestamp),
          });
        }
        if (records.length > 0) {
          merge.push(r.topic, r.partition, records);
          advance(r.topic, r.partition, Number(records[records.length - 1]!.offset) + 1);
          if (merge.buffered(r.topic, r.partition) >= maxBuffered) pause(r.topic, r.partition);
        }
        release();
        return Promise.resolve();
      },
    });
    for (const r of todo) consumer.seek({ topic: r.topic, partition: r.partition, offset: String(r.start) });
    await done;
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'RANGE_READ_FAILED');
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await consumer.disconnect().catch(() => {});
    const cleanup = client.kafka.admin();
    await cleanup
      .connect()
      .then(() => cleanup.deleteGroups([groupId]))
      .catch(() => {})
      .finally(() => void cleanup.disconnect().catch(() => {}));
  }
}
