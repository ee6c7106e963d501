import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';
import type { IncomingRecord } from './records';

/** Progress of {@link readLatestByKey}. */
export interface ReadProgress {
  readonly topic: string;
  /** Records read so far. */
  readonly records: number;
  /** Offsets left to read across partitions (an upper bound: transaction markers count). */
  readonly remaining: number;
}

/**
 * Reads a (compacted) topic from its beginning up to the end offsets seen at the start, with
 * `read_committed` isolation, and returns the latest value per key (a null value — a tombstone —
 * deletes the key). This is how state stores are restored from their changelog topic; `partitions`
 * limits the read to those (a task's own changelog partition), and none is read when they are empty.
 */
export async function readLatestByKey(
  client: KafkaClient,
  topic: string,
  onProgress?: (p: ReadProgress) => void,
  partitions?: ReadonlySet<number>,
): Promise<Map<string, Buffer>> {
  const latest = new Map<string, Buffer>();
  await readTopicToEnd(
    client,
    topic,
    (r) => {
      if (r.key === null) return;
      const key = r.key.toString('utf8');
      if (r.value === null) latest.delete(key);
      else latest.set(key, r.value);
    },
    onProgress,
    partitions,
  );
  return latest;
}

/**
 * Reads every committed record of `topic` from its beginning up to the end offsets seen at the
 * start (`read_committed`: aborted transactions are skipped), in offset order per partition.
 *
 * The end offset under `read_committed` counts transaction markers, which a consumer never receives,
 * so a partition is done when the batch *including* filtered records reaches it (kafkajs reports that
 * in its end-of-batch instrumentation event even for marker-only batches).
 */
export async function readTopicToEnd(
  client: KafkaClient,
  topic: string,
  each: (record: IncomingRecord) => void,
  onProgress?: (p: ReadProgress) => void,
  partitions?: ReadonlySet<number>,
): Promise<void> {
  const admin = client.kafka.admin();
  let ends: Map<number, number>;
  let others: number[];
  const wanted = (partition: number) => partitions === undefined || partitions.has(partition);
  try {
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(
      offsets
        .filter((o) => wanted(o.partition) && Number(o.high) > Number(o.low))
        .map((o) => [o.partition, Number(o.high)]),
    );
    others = offsets.filter((o) => !wanted(o.partition)).map((o) => o.partition);
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'RESTORE_FAILED', topic);
  } finally {
    await admin.disconnect().catch(() => {});
  }
  if (ends.size === 0) return;

  const groupId = `${client.settings.clientId}.restore.${process.pid}.${Date.now()}`;
  const consumer = client.kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
    maxBytesPerPartition: 32 * 1024 * 1024,
    maxBytes: 64 * 1024 * 1024,
  });
  const reached = new Map<number, number>();
  let records = 0;
  let settle: (err?: unknown) => void = () => {};
  const done = new Promise<void>(
    (resolve, reject) =>
      (settle = (err) => (err ? reject(KafkaEdgeError.from(err, 'RESTORE_FAILED', topic)) : resolve())),
  );
  const remaining = () => {
    let n = 0;
    for (const [p, end] of ends) n += Math.max(0, end - (reached.get(p) ?? 0));
    return n;
  };
  const check = () => {
    onProgress?.({ topic, records, remaining: remaining() });
    if (remaining() === 0) settle();
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    if (e.payload.topic !== topic) return;
    const next = Number(e.payload.lastOffset) + 1;
    if (next > (reached.get(e.payload.partition) ?? 0)) reached.set(e.payload.partition, next);
    check();
  });
  consumer.on(consumer.events.CRASH, (e) => settle(e.payload.error));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        // A fetch before the pause below took effect may bring partitions not asked for.
        if (!wanted(batch.partition)) return Promise.resolve();
        for (const m of batch.messages) {
          each({
            topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ?? null,
            value: m.value ?? null,
            headers: {},
            timestampMs: Number(m.timestamp),
          });
          records++;
        }
        return Promise.resolve();
      },
    });
    if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
    await done;
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'RESTORE_FAILED', topic);
  } finally {
    await consumer.disconnect().catch(() => {});
    const cleanup = client.kafka.admin();
    await cleanup
      .connect()
      .then(() => cleanup.deleteGroups([groupId]))
      .catch(() => {})
      .finally(() => void cleanup.disconnect().catch(() => {}));
  }
}

/** The committed positions of a consumer group on `topics` (offset -1: nothing committed). */
export async function committedOffsets(
  client: KafkaClient,
  groupId: string,
  topics: readonly string[],
): Promise<{ topic: string; partition: number; offset: string }[]> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    const res = await admin.fetchOffsets({ groupId, topics: [...topics] });
    return res.flatMap((t) =>
      t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset })),
    );
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'OFFSETS_FETCH_FAILED');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Sets a consumer group's committed positions (offset = next record to read) before any member
 * joins, so that its consumers start there: e.g. a reader that needs only a topic's tail.
 */
export async function setGroupOffsets(
  client: KafkaClient,
  groupId: string,
  topic: string,
  positions: readonly { partition: number; offset: number }[],
): Promise<void> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    await admin.setOffsets({
      groupId,
      topic,
      partitions: positions.map((p) => ({ partition: p.partition, offset: String(p.offset) })),
    });
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'OFFSETS_COMMIT_FAILED');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
