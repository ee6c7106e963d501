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
 * the high watermark the broker reported with it. False when that cannot be told (no record, no
 * high watermark): a caller that idles only partitions read to their end then waits.
 */
export function readToEnd(batch: IncomingBatch): boolean {
  const last = batch.lastOffset ?? batch.records[batch.records.length - 1]?.offset;
  const high = Number(batch.highWatermark);
  if (last === undefined || !Number.isFinite(high) || high < 0) return false;
  return Number(last) + 1 >= high;
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
