import type { Batch, Consumer, EachBatchPayload, IHeaders } from 'kafkajs';
import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';
import { GatheringQueue } from './gathering-queue';
import { partitionIndexAssigner } from './partition-index-assigner';
import { singleOwnerAssigner } from './single-owner-assigner';
import type { CommitPosition, IncomingBatch, IncomingRecord } from './records';

/** Delay before a crashed consumer is started again, ms. */
const RESTART_DELAY_MS = 250;

/** Connection state of a consumer, for health checks and metrics. */
export type ConsumerState = 'starting' | 'running' | 'down' | 'stopped';

/** Options of a {@link BatchConsumer}. */
export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed offset starts. */
  readonly fromBeginning: boolean;
  /** Upper bound on bytes fetched per partition per request (bounds memory per batch). */
  readonly maxBytesPerPartition?: number;
  /** A member silent this long is dropped from the group and its partitions move (default 30 s). */
  readonly sessionTimeoutMs?: number;
  /** Heartbeat period, ms (default a third of the session timeout). */
  readonly heartbeatIntervalMs?: number;
  /**
   * Give every partition to one member ({@link singleOwnerAssigner}); `ownsTask` tells the leader
   * whether this member holds the state now, so ownership is sticky.
   */
  readonly singleOwner?: { readonly ownsTask: () => boolean };
  /**
   * Give partition k of every subscribed topic to the same member, indexes spread evenly and sticky
   * ({@link partitionIndexAssigner}); `owned` tells the leader which indexes this member holds now.
   */
  readonly partitionIndex?: { readonly owned: () => readonly number[] };
  /**
   * Restart the fetch loop after any failure, forever, instead of stopping: a broker outage is
   * waited out (the state goes `down`, then `running` again). Default true.
   */
  readonly restartOnFailure?: boolean;
  /**
   * How many partitions' batches may be handled at once (batches of one partition never are);
   * default 1. Above 1 the handler must order what must be ordered across partitions itself.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Handles one batch (one topic-partition). The consumer does NOT commit by itself: the handler (or
   * the caller, later) commits with {@link BatchConsumer.commit} once its outputs are durable.
   * Throwing makes kafkajs retry the batch from the last committed position.
   */
  readonly onBatch: (batch: IncomingBatch, heartbeat: () => Promise<void>) => Promise<void | 'skip'>;
}

/** Kafka headers as UTF-8 strings (repeated headers keep the last value). */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!headers) return out;
  for (const [k, v] of Object.entries(headers)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = last === undefined ? undefined : Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return out;
}

function fetchedOffsetOf(batch: Batch): { fetchedOffset?: string } {
  const at = (batch as Batch & { fetchedOffset?: unknown }).fetchedOffset;
  return typeof at === 'string' || typeof at === 'number' ? { fetchedOffset: String(at) } : {};
}

/**
 * A consumer-group member that hands whole batches to its handler and commits only when told to, so
 * that input offsets are committed after the outputs they produced are acknowledged.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private stateValue: ConsumerState = 'stopped';
  private readonly listeners = new Set<(state: ConsumerState) => void>();
  private readonly assignmentListeners = new Set<
    (assignment: ReadonlyMap<string, readonly number[]>) => void
  >();
  private readonly assigned = new Map<string, number[]>();

  constructor(
    private readonly client: KafkaClient,
    private readonly options: BatchConsumerOptions,
  ) {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    const restart = options.restartOnFailure ?? true;
    this.consumer = client.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout,
      // A new member's join waits for the others to rejoin for at most this long.
      rebalanceTimeout: Math.max(sessionTimeout, 10_000),
      heartbeatInterval: options.heartbeatIntervalMs ?? Math.max(100, Math.floor(sessionTimeout / 3)),
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1024 * 1024,
      maxWaitTimeInMs: 250,
      readUncommitted: false,
      ...(options.singleOwner
        ? { partitionAssigners: [singleOwnerAssigner(options.singleOwner.ownsTask)] }
        : options.partitionIndex
          ? { partitionAssigners: [partitionIndexAssigner(options.partitionIndex.owned)] }
          : {}),
      retry: {
        retries: 10,
        // Short back-offs: after a broker outage, fetching resumes within half a second of its return.
        initialRetryTime: 100,
        maxRetryTime: 500,
        // kafkajs gives up on "retries exceeded" (a broker down for longer than the retries last);
        // a stream processor waits the outage out instead.
        restartOnFailure: () => Promise.resolve(restart),
      },
    });
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, (e) => {
      client.logger.info(
        { groupId: options.groupId, memberId: e.payload.memberId, durationMs: e.payload.duration },
        'joined the group',
      );
      this.assigned.clear();
      for (const [topic, partitions] of Object.entries(e.payload.memberAssignment))
        this.assigned.set(topic, [...partitions]);
      for (const l of this.assignmentListeners) l(this.assigned);
      this.setState('running');
    });
    this.consumer.on(events.CRASH, (e) => {
      client.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      this.setState('down');
      // kafkajs restarts only after errors it deems retriable; after any other crash (seen after a
      // broker outage) its consumer stays stopped for good. A stream processor waits outages out, so
      // it starts the consumer again itself.
      if (!e.payload.restart && restart) this.restartLater();
    });
    this.consumer.on(events.DISCONNECT, () => {
      if (this.stateValue !== 'stopped') this.setState('down');
    });
    this.consumer.on(events.STOP, () => this.setState('stopped'));
  }

  /** Current state. */
  get state(): ConsumerState {
    return this.stateValue;
  }

  /** Partitions currently assigned to this member, per topic. */
  get assignment(): ReadonlyMap<string, readonly number[]> {
    return this.assigned;
  }

  /**
   * Registers a listener of read progress: after each fetched batch of a partition, the offset after
   * the last record it held, transaction markers and aborted records included (which never reach
   * `onBatch`). Compare it with end offsets to know a partition was read to its end; returns a
   * function that removes it.
   */
  onProgress(
    listener: (
      topic: string,
      partition: number,
      nextOffset: number,
      batch: { readonly firstOffset: number | null; readonly records: number },
    ) => void,
  ): () => void {
    const remove = this.consumer.on(this.consumer.events.END_BATCH_PROCESS, (e) => {
      // Typed as a string, but null for a batch that held no record at all.
      const first = e.payload.firstOffset as string | null;
      listener(e.payload.topic, e.payload.partition, Number(e.payload.lastOffset) + 1, {
        firstOffset: first === null ? null : Number(first),
        records: e.payload.batchSize,
      });
    });
    return () => remove();
  }

  /** Registers a state listener; returns a function that removes it. */
  onState(listener: (state: ConsumerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Registers a listener called with the partitions assigned after each group join (before any
   * batch of the new generation); returns a function that removes it.
   */
  onAssignment(listener: (assignment: ReadonlyMap<string, readonly number[]>) => void): () => void {
    this.assignmentListeners.add(listener);
    return () => this.assignmentListeners.delete(listener);
  }

  private setState(state: ConsumerState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    for (const l of this.listeners) l(state);
  }

  /** Connects, subscribes and starts the fetch loop (returns once the loop is started). */
  async start(): Promise<void> {
    this.setState('starting');
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: [...this.options.topics],
        fromBeginning: this.options.fromBeginning,
      });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: async (payload: EachBatchPayload) => {
          const { batch } = payload;
          if (batch.messages.length === 0) return;
          const records: IncomingRecord[] = batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ?? null,
            value: m.value ?? null,
            headers: decodeHeaders(m.headers),
            timestampMs: Number(m.timestamp),
          }));
          this.client.tracer?.fetched(this.options.groupId, batch.topic, batch.partition, records);
          const handled = await this.options.onBatch(
            {
              topic: batch.topic,
              partition: batch.partition,
              records,
              highWatermark: batch.highWatermark,
              // Set by citybrain's kafkajs patch ('-1' when the broker sent none).
              lastStableOffset: batch.lastStableOffset,
              // kafkajs keeps it on the batch without typing it.
              ...fetchedOffsetOf(batch),
              lastOffset: batch.lastOffset(),
            },
            () => payload.heartbeat(),
          );
          // The fetch position moves on (unless the handler skipped the batch, having moved the
          // position itself with seek()); what is durable is decided by commit().
          if (handled === 'skip') return;
          // The last offset the fetch covered: a trailing transaction marker is resolved with it.
          payload.resolveOffset(batch.lastOffset());
        },
      });
    } catch (err: unknown) {
      this.setState('down');
      throw KafkaEdgeError.from(err, 'CONSUMER_START_FAILED');
    }
  }

  /**
   * Moves the fetch position of partitions (offset = next record to read), e.g. back to the committed
   * positions after the state was restored from a changelog.
   */
  seek(positions: readonly CommitPosition[]): void {
    for (const p of positions)
      this.consumer.seek({ topic: p.topic, partition: p.partition, offset: p.offset });
  }

  /**
   * Commits positions (offset = next record to read). Commits asked for while one is in flight go
   * out together in the next OffsetCommit (a later position of a partition replacing an earlier
   * one): the broker answers one connection's requests one at a time, so the at-least-once stream
   * thread's tasks, each committing after its batch, queued a round trip each.
   */
  commit(positions: readonly CommitPosition[]): Promise<void> {
    return this.commits.submit(positions);
  }

  private readonly commits = new GatheringQueue<CommitPosition>((calls) => this.commitNow(calls));

  /** Commits the gathered calls' positions in one OffsetCommit, a partition's latest position winning. */
  private async commitNow(calls: readonly (readonly CommitPosition[])[]): Promise<void> {
    const merged = new Map<string, CommitPosition>();
    for (const call of calls) for (const p of call) merged.set(`${p.topic}/${p.partition}`, { ...p });
    const positions = [...merged.values()];
    const tracer = this.client.tracer;
    tracer?.committing(this.options.groupId, positions);
    try {
      await this.consumer.commitOffsets(positions);
    } catch (err: unknown) {
      throw KafkaEdgeError.from(err, 'COMMIT_FAILED');
    }
    tracer?.committed(this.options.groupId, positions);
  }

  /** Stops fetching and leaves the group. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    try {
      await this.consumer.disconnect();
    } finally {
      this.setState('stopped');
    }
  }

  private stopRequested = false;
  private restartTimer: NodeJS.Timeout | undefined;

  /**
   * Starts the consumer again after a crash kafkajs does not recover from (0.25 s later, until it
   * runs): a start against a broker that is still down fails fast and is tried again.
   */
  private restartLater(): void {
    if (this.stopRequested || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopRequested) return;
      this.client.logger.warn({ groupId: this.options.groupId }, 'starting the crashed consumer again');
      this.start().catch((err: unknown) => {
        this.client.logger.warn({ err }, 'the consumer did not start again; retrying');
        this.restartLater();
      });
    }, RESTART_DELAY_MS);
  }

  /** @internal */
  get kafkaClient(): KafkaClient {
    return this.client;
  }
}
