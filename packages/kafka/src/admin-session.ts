import type { Admin } from 'kafkajs';
import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';

/** A partition's offsets: `low` the log start, `high` the end (the last stable offset). */
export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  readonly low: number;
  readonly high: number;
}

/**
 * One long-lived admin connection for periodic look-ups (a punctuator's end offsets and committed
 * offsets, a repartition topic's purge), instead of an admin client connected and torn down per
 * tick — a connection, an ApiVersions and a metadata round trip each time. Connects on first use;
 * after any failure it drops the connection, so the next call connects afresh (a broker that
 * restarted, a coordinator that moved). Calls are not retried here: a periodic caller just tries
 * again at its next tick.
 */
export class AdminSession {
  private admin: Admin | undefined;
  private connecting: Promise<Admin> | undefined;
  private closed = false;

  constructor(private readonly client: KafkaClient) {}

  /** End and start offsets of every partition of `topics` (`read_committed` ends). */
  endOffsets(topics: readonly string[]): Promise<PartitionOffsets[]> {
    return this.use('OFFSETS_FETCH_FAILED', async (admin) => {
      const out: PartitionOffsets[] = [];
      for (const topic of topics)
        for (const o of await admin.fetchTopicOffsets(topic))
          out.push({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) });
      return out;
    });
  }

  /** The committed positions of `groupId` on `topics` (offset -1: nothing committed). */
  committedOffsets(
    groupId: string,
    topics: readonly string[],
  ): Promise<{ topic: string; partition: number; offset: number }[]> {
    return this.use('OFFSETS_FETCH_FAILED', async (admin) =>
      (await admin.fetchOffsets({ groupId, topics: [...topics] })).flatMap((t) =>
        t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
      ),
    );
  }

  /**
   * Deletes the records of `topic` below each given offset (Kafka's DeleteRecords: the partition's
   * log start moves up to it). Only ever pass offsets every reader has committed past.
   */
  deleteRecordsBelow(
    topic: string,
    below: readonly { readonly partition: number; readonly offset: number }[],
  ): Promise<void> {
    if (below.length === 0) return Promise.resolve();
    return this.use('DELETE_RECORDS_FAILED', (admin) =>
      admin.deleteTopicRecords({
        topic,
        partitions: below.map((b) => ({ partition: b.partition, offset: String(b.offset) })),
      }),
    );
  }

  /** Disconnects; later calls fail. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drop();
  }

  private async use<T>(code: string, work: (admin: Admin) => Promise<T>): Promise<T> {
    if (this.closed) throw new KafkaEdgeError('the admin session is closed', { code, retriable: false });
    try {
      return await work(await this.connected());
    } catch (err: unknown) {
      await this.drop();
      throw KafkaEdgeError.from(err, code);
    }
  }

  private connected(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.client.kafka.admin();
      try {
        await admin.connect();
      } catch (err: unknown) {
        await admin.disconnect().catch(() => {});
        throw err;
      } finally {
        this.connecting = undefined;
      }
      if (this.closed) {
        await admin.disconnect().catch(() => {});
        throw new KafkaEdgeError('the admin session was closed', { code: 'ADMIN_CLOSED', retriable: false });
      }
      this.admin = admin;
      return admin;
    })();
    return this.connecting;
  }

  private async drop(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => {});
  }
}
