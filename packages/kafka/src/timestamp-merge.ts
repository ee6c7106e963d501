import type { IncomingBatch, IncomingRecord } from './records';

/**
 * Merges the records of several topic-partitions into one stream in record-timestamp order, handed
 * out as runs of consecutive records of one partition (a batch, as the processor receives them).
 * A run is released only while every partition that is not finished has something buffered, so no
 * later-read partition can hold an older record: a replay sees processing time (the records'
 * timestamps) move as a processor reading every partition in step would. Pure; the caller feeds it
 * what Kafka delivers and pauses a partition whose {@link buffered} count grows too large.
 */
export class TimestampMerge {
  private readonly queues = new Map<
    string,
    { batch: Omit<IncomingBatch, 'records'>; records: IncomingRecord[]; head: number }
  >();
  private readonly finished = new Set<string>();

  /**
   * @param partitions every partition of the merge, as `topic/partition` (order breaks timestamp ties)
   * @param maxRun the most records handed out in one run
   */
  constructor(
    partitions: readonly {
      readonly topic: string;
      readonly partition: number;
      readonly highWatermark: string;
    }[],
    private readonly maxRun = 1_000,
  ) {
    for (const p of partitions)
      this.queues.set(`${p.topic}/${p.partition}`, { batch: p, records: [], head: 0 });
  }

  /** Adds records of one partition, in offset order. */
  push(topic: string, partition: number, records: readonly IncomingRecord[]): void {
    const q = this.queue(topic, partition);
    if (q.head > 4_096 && q.head * 2 > q.records.length) {
      q.records = q.records.slice(q.head);
      q.head = 0;
    }
    for (const r of records) q.records.push(r);
  }

  /** Says that a partition will deliver nothing more. */
  finish(topic: string, partition: number): void {
    this.queue(topic, partition);
    this.finished.add(`${topic}/${partition}`);
  }

  /** Records buffered for a partition. */
  buffered(topic: string, partition: number): number {
    const q = this.queue(topic, partition);
    return q.records.length - q.head;
  }

  /** Whether every partition is finished and every record handed out. */
  get done(): boolean {
    for (const [key, q] of this.queues)
      if (!this.finished.has(key) || q.head < q.records.length) return false;
    return true;
  }

  /** Hands out every run that can be released now, oldest first. */
  drain(emit: (batch: IncomingBatch) => void): void {
    for (;;) {
      let first: { key: string; ts: number } | undefined;
      let second = Number.POSITIVE_INFINITY;
      for (const [key, q] of this.queues) {
        const head = q.records[q.head];
        if (head === undefined) {
          if (this.finished.has(key)) continue;
          return; // a partition that may still deliver older records: wait for it
        }
        if (first === undefined || head.timestampMs < first.ts) {
          if (first !== undefined) second = Math.min(second, first.ts);
          first = { key, ts: head.timestampMs };
        } else second = Math.min(second, head.timestampMs);
      }
      if (first === undefined) return;
      const q = this.queues.get(first.key)!;
      const start = q.head;
      let end = start + 1;
      // Ties go to the partition found first; a run stops before a record newer than another's head.
      while (end < q.records.length && end - start < this.maxRun && q.records[end]!.timestampMs <= second)
        end++;
      q.head = end;
      emit({ ...q.batch, records: q.records.slice(start, end) });
    }
  }

  private queue(topic: string, partition: number) {
    const q = this.queues.get(`${topic}/${partition}`);
    if (q === undefined) throw new Error(`${topic}/${partition} is not part of the merge`);
    return q;
  }
}
