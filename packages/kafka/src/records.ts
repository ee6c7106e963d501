/** A record read from Kafka, as citybrain's edges see it (no kafkajs types leak out). */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offset as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Headers decoded as UTF-8; repeated headers keep the last value. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Broker or producer timestamp, epoch ms. */
  readonly timestampMs: number;
}

/** A batch of records from one topic-partition, in offset order. */
export interface IncomingBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly IncomingRecord[];
  /** The broker's high watermark for the partition: `highWatermark - lastOffset - 1` is the lag. */
  readonly highWatermark: string;
  /**
   * The partition's last stable offset the broker reported with the fetch (absent or negative when
   * unknown): a read_committed fetch returns records below it only. From it up to the high watermark
   * the log holds a transaction still open (and whatever was written after it started): not readable
   * until that transaction ends, so not pending for this reader yet.
   */
  readonly lastStableOffset?: string;
  /**
   * The offset this fetch started at (the consumer's position then). A batch fetched before a
   * `seek` starts elsewhere than where the caller expects, and is skipped.
   */
  readonly fetchedOffset?: string;
  /**
   * The last offset the fetch covered, transaction markers and aborted records included (they never
   * reach the caller): the position to commit is `lastOffset + 1`, or a transactionally written input
   * would keep its last marker uncommitted forever.
   */
  readonly lastOffset?: string;
}

/**
 * Whether a batch read its partition to the end: the offset after the last one it covered reaches
 * the end a read_committed reader can reach — the last stable offset the broker reported with it, or
 * the high watermark when there is none. False when that cannot be told (no record, no high
 * watermark): a caller that idles only partitions read to their end then waits.
 *
 * Why the last stable offset: a partition written by transactional producers (the repartition topic,
 * written by every route task) has a transaction open most of the time while they run, and a
 * read_committed fetch never returns records at or past the first open transaction's start. Compared
 * with the high watermark, such a partition was "not at its end" whenever a batch happened to be
 * fetched during another task's transaction, so whether a quiet source could idle depended on how
 * the writers' transactions interleaved with the fetches (their timing, the thread count), not on
 * the input. (The admin's end offsets are the last stable offsets too: kafkajs lists offsets
 * read_committed.)
 */
export function readToEnd(batch: IncomingBatch): boolean {
  const last = batch.lastOffset ?? batch.records[batch.records.length - 1]?.offset;
  const high = Number(batch.highWatermark);
  if (last === undefined || !Number.isFinite(high) || high < 0) return false;
  const stable = Number(batch.lastStableOffset ?? -1);
  const end = Number.isFinite(stable) && stable >= 0 ? Math.min(stable, high) : high;
  return Number(last) + 1 >= end;
}

/** A record to write. */
export interface OutgoingRecord {
  readonly topic: string;
  /** The partition to write to; default: chosen from the key (Java-compatible murmur2). */
  readonly partition?: number;
  readonly key: string | Buffer | null;
  readonly value: Buffer | Uint8Array | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Epoch ms; defaults to now at the broker. */
  readonly timestampMs?: number;
}

/** A position to commit: the offset of the NEXT record to read. */
export interface CommitPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}
