import {
  BatchConsumer,
  BatchProducer,
  KafkaEdgeError,
  TransactionalProducer,
  committedOffsets,
  endOffsetsOnce,
  readLatestByKey,
  retryRetriable,
  type CommitPosition,
  type IncomingBatch,
  type KafkaClient,
  type OutgoingRecord,
} from '@citybrain/kafka';
import type { Logger } from '@citybrain/observability';
import { ChangelogStore } from './changelog-store';
import type { TaskLogic, TaskPartitions, TaskStep } from './task';

/** Kafka Streams' `processing.guarantee`. */
export type ProcessingGuarantee = 'exactly_once' | 'at_least_once';

/**
 * Where a thread is: `restoring` its task's state, `active` (owns the task and processes), `standby`
 * (in the group without the task: takes over when the owner leaves), `down` (the broker is
 * unreachable; the thread waits it out), `stopped`.
 */
export type ThreadState = 'starting' | 'restoring' | 'active' | 'standby' | 'down' | 'stopped';

/** Observers of a thread, for logs and metrics. */
export interface StreamThreadListener {
  state?(state: ThreadState): void;
  restoreProgress?(p: { readonly records: number; readonly remaining: number }): void;
  restored?(r: { readonly entries: number; readonly bytes: number; readonly durationMs: number }): void;
  committed?(c: {
    readonly records: number;
    readonly changelogRecords: number;
    readonly durationMs: number;
  }): void;
  commitFailed?(err: KafkaEdgeError): void;
  batch?(b: {
    readonly topic: string;
    readonly partition: number;
    readonly records: number;
    /** Records left in the partition after this batch. */
    readonly lag: number;
    readonly lastTimestampMs: number;
  }): void;
}

/** Options of a {@link StreamThread}. */
export interface StreamThreadOptions {
  readonly client: KafkaClient;
  /** The consumer group: instances with the same group share the work (one owns the task). */
  readonly groupId: string;
  readonly inputTopics: readonly string[];
  /** Compacted topic holding the task's state store. */
  readonly changelogTopic: string;
  /** Default `task-0`; also names the transactional id `<groupId>.<taskId>`. */
  readonly taskId?: string;
  readonly guarantee: ProcessingGuarantee;
  /** Where a group with no committed offset starts. */
  readonly fromBeginning: boolean;
  readonly sessionTimeoutMs: number;
  /** How often idle input lets processing time advance from the wall clock, ms. */
  readonly punctuateIntervalMs: number;
  readonly maxBytesPerPartition?: number;
  readonly logic: TaskLogic;
  readonly logger: Logger;
  readonly listener?: StreamThreadListener;
}

/** How outputs and input offsets become durable under each guarantee. */
interface Writer {
  commit(records: readonly OutgoingRecord[], offsets: readonly CommitPosition[]): Promise<void>;
  close(): Promise<void>;
}

const positionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

/** Errors after which this instance is a zombie: another instance owns the task now. */
const FENCED = /INVALID_PRODUCER_EPOCH|PRODUCER_FENCED|TRANSACTIONAL_ID_AUTHORIZATION|old epoch/i;

/**
 * Runs one task over Kafka as a Kafka Streams StreamThread does: consume a batch → process it →
 * write its outputs, the changed state-store entries (changelog) and the input offsets in one
 * transaction (exactly-once) or outputs-then-offsets (at-least-once) → next batch. On assignment the
 * task's state is restored from its changelog and the input rewound to the committed offsets before
 * anything is processed; after a failed commit the same happens, so memory never runs ahead of what
 * Kafka holds. A zombie is fenced by the transactional id. Broker outages are waited out.
 */
export class StreamThread {
  private readonly consumer: BatchConsumer;
  private readonly store: ChangelogStore;
  private readonly taskId: string;
  private writer: Writer | undefined;
  private stateValue: ThreadState = 'stopped';
  private active = false;
  private dirty = false;
  private fenced = false;
  private partitions: TaskPartitions = new Map();
  private readonly positions = new Map<string, number>();
  private ready: Promise<void> = Promise.resolve();
  private chain: Promise<unknown> = Promise.resolve();
  private lastNowMs = Number.NEGATIVE_INFINITY;
  private stopping = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private failWith: (err: Error) => void = () => {};
  /**
   * Settles when the task cannot be restored whatever is retried — a corrupt changelog, or state the
   * task logic cannot read — so the service stops with the cause instead of retrying forever.
   * Kafka errors never settle it: the broker may come back.
   */
  readonly failed: Promise<Error> = new Promise<Error>((resolve) => (this.failWith = resolve));

  constructor(private readonly opts: StreamThreadOptions) {
    this.taskId = opts.taskId ?? 'task-0';
    this.store = new ChangelogStore(opts.changelogTopic, this.taskId);
    this.consumer = new BatchConsumer(opts.client, {
      groupId: opts.groupId,
      topics: opts.inputTopics,
      fromBeginning: opts.fromBeginning,
      sessionTimeoutMs: opts.sessionTimeoutMs,
      ...(opts.maxBytesPerPartition === undefined ? {} : { maxBytesPerPartition: opts.maxBytesPerPartition }),
      singleOwner: { ownsTask: () => this.active && !this.dirty },
      onBatch: (batch, heartbeat) => this.onBatch(batch, heartbeat),
    });
    this.consumer.onAssignment((a) => this.onAssignment(a));
    this.consumer.onState((s) => {
      if (s === 'down') this.setState('down');
      else if (s === 'running' && this.stateValue === 'down')
        this.setState(this.active ? 'active' : 'standby');
    });
  }

  /** The thread's state. */
  get state(): ThreadState {
    return this.stateValue;
  }

  /** Joins the group and starts consuming; resolves once the fetch loop runs. */
  async start(): Promise<void> {
    this.stopping = false;
    this.setState('starting');
    await this.consumer.start();
    this.timer = setInterval(() => void this.punctuate(), this.opts.punctuateIntervalMs);
  }

  /**
   * Runs `work` on the task between batches and commits what it returns with the state (e.g. a rule
   * reload). Resolves to false when this instance does not own the task (nothing ran).
   */
  runExclusive(work: () => TaskStep): Promise<boolean> {
    return this.serial(async () => {
      if (!this.active || this.dirty) return false;
      await this.commit(work(), []);
      return true;
    });
  }

  /** Finishes the batch in flight, commits it, leaves the group and closes; idempotent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.consumer.stop();
    await this.chain.catch(() => {});
    await this.writer?.close();
    this.writer = undefined;
    this.active = false;
    this.setState('stopped');
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => {});
    return next;
  }

  private setState(state: ThreadState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.opts.listener?.state?.(state);
  }

  private onAssignment(assignment: ReadonlyMap<string, readonly number[]>): void {
    const owned = [...assignment.values()].some((ps) => ps.length > 0);
    this.fenced = false;
    if (!owned) {
      this.ready = this.serial(() => this.release());
      return;
    }
    // Kept the task across the rebalance: its state is what the last commit wrote.
    if (this.active && !this.dirty && sameAssignment(assignment, this.partitions)) {
      this.setState('active');
      return;
    }
    this.ready = this.serial(() => this.takeOver(assignment));
    this.ready.catch((err: unknown) =>
      this.opts.logger.warn({ err }, 'restoring the task failed; retrying on the next batch or rejoin'),
    );
  }

  private async release(): Promise<void> {
    this.active = false;
    this.partitions = new Map();
    this.positions.clear();
    await this.writer?.close();
    this.writer = undefined;
    this.setState('standby');
    this.opts.logger.info({ task: this.taskId }, 'task released: standing by');
  }

  /**
   * Restores the task; an error that is not Kafka's (the broker may come back) also settles
   * {@link failed}, since retrying cannot fix it.
   */
  private async takeOver(assignment: ReadonlyMap<string, readonly number[]>): Promise<void> {
    try {
      await this.restoreTask(assignment);
    } catch (err: unknown) {
      if (!(err instanceof KafkaEdgeError)) {
        const error = err instanceof Error ? err : new Error(String(err));
        this.opts.logger.error({ err: error }, 'the task state cannot be restored');
        this.failWith(error);
      }
      throw err;
    }
  }

  /** Restores the task's state from its changelog and rewinds the input to the committed offsets. */
  private async restoreTask(assignment: ReadonlyMap<string, readonly number[]>): Promise<void> {
    const { client, logger, listener } = this.opts;
    this.active = false;
    this.setState('restoring');
    const startedAt = Date.now();
    await this.writer?.close();
    // A new transactional producer fences the previous owner before we read what it committed.
    this.writer = await this.connectWriter();
    const latest = await readLatestByKey(client, this.opts.changelogTopic, (p) =>
      listener?.restoreProgress?.(p),
    );
    const entries = this.store.load(latest);
    let bytes = 0;
    for (const text of entries.values()) bytes += text.length;
    const committed = await committedOffsets(client, this.opts.groupId, this.opts.inputTopics);
    this.positions.clear();
    const rewind: CommitPosition[] = [];
    for (const c of committed) {
      if (!(assignment.get(c.topic) ?? []).includes(c.partition) || Number(c.offset) < 0) continue;
      this.positions.set(positionKey(c.topic, c.partition), Number(c.offset));
      rewind.push(c);
    }
    this.consumer.seek(rewind);
    this.partitions = new Map([...assignment].map(([t, ps]) => [t, [...ps]]));
    this.lastNowMs = Number.NEGATIVE_INFINITY;
    const step = this.opts.logic.restore(entries, this.partitions);
    this.active = true;
    this.dirty = false;
    await this.commit(step, []);
    const durationMs = Date.now() - startedAt;
    listener?.restored?.({ entries: entries.size, bytes, durationMs });
    logger.info(
      {
        task: this.taskId,
        entries: entries.size,
        bytes,
        durationMs,
        positions: Object.fromEntries(this.positions),
      },
      'task state restored from the changelog',
    );
    this.setState('active');
  }

  private async connectWriter(): Promise<Writer> {
    const { client, groupId, guarantee, logger } = this.opts;
    const retry = {
      code: 'PRODUCER_CONNECT_FAILED',
      timeoutMs: 30_000,
      maxBackoffMs: 1_000,
      shouldStop: () => this.stopping,
    };
    if (guarantee === 'exactly_once') {
      const producer = new TransactionalProducer(client, `${groupId}.${this.taskId}`);
      await retryRetriable(() => producer.connect(), retry);
      return {
        commit: (records, offsets) => producer.commit({ records, offsets, groupId }),
        close: () => producer.disconnect(),
      };
    }
    const producer = new BatchProducer(client);
    await retryRetriable(() => producer.connect(), retry);
    logger.warn('processing at-least-once: a crash can duplicate outputs');
    return {
      commit: async (records, offsets) => {
        await producer.send(records);
        await this.consumer.commit(offsets);
      },
      close: () => producer.disconnect(),
    };
  }

  /** Writes a step's records, the changed state entries and `offsets` together. */
  private async commit(step: TaskStep, offsets: readonly CommitPosition[]): Promise<void> {
    const delta = this.store.delta(this.opts.logic.changes());
    if (step.records.length === 0 && delta.records.length === 0 && offsets.length === 0) {
      step.committed?.();
      return;
    }
    const writer = this.writer;
    if (!writer)
      throw new KafkaEdgeError('no producer: the task is not owned', { code: 'NOT_OWNER', retriable: true });
    const startedAt = Date.now();
    try {
      await writer.commit([...step.records, ...delta.records], offsets);
    } catch (err: unknown) {
      const edge = KafkaEdgeError.from(err, 'COMMIT_FAILED');
      // Memory is now ahead of Kafka: restore before anything else is processed.
      this.dirty = true;
      this.fenced = FENCED.test(edge.message);
      this.opts.listener?.commitFailed?.(edge);
      this.opts.logger.warn(
        { err: edge, fenced: this.fenced },
        this.fenced
          ? 'fenced: another instance owns the task'
          : 'commit failed; the task will restore and retry',
      );
      throw edge;
    }
    delta.applied();
    this.opts.listener?.committed?.({
      records: step.records.length,
      changelogRecords: delta.records.length,
      durationMs: Date.now() - startedAt,
    });
    step.committed?.();
  }

  private async onBatch(batch: IncomingBatch, heartbeat: () => Promise<void>): Promise<void | 'skip'> {
    await this.ready.catch(() => {});
    return this.serial(async () => {
      if (this.fenced)
        // Rejoin before anything else: the group decides who owns the task now.
        throw new KafkaEdgeError('fenced by a newer owner of the task', { code: 'FENCED', retriable: true });
      if (!this.active || this.dirty) await this.takeOver(this.consumer.assignment);
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      if (!first || !last) return;
      const key = positionKey(batch.topic, batch.partition);
      const expected = this.positions.get(key);
      if (expected !== undefined && Number(first.offset) !== expected) {
        // A batch fetched before the rewind: read again from where the state is.
        this.consumer.seek([{ topic: batch.topic, partition: batch.partition, offset: String(expected) }]);
        return 'skip';
      }
      let maxTs = this.lastNowMs;
      for (const r of batch.records) if (r.timestampMs > maxTs) maxTs = r.timestampMs;
      this.lastNowMs = maxTs;
      const step = this.opts.logic.process(batch, maxTs);
      await heartbeat().catch(() => {});
      const next = Number(last.offset) + 1;
      await this.commit(step, [{ topic: batch.topic, partition: batch.partition, offset: String(next) }]);
      this.positions.set(key, next);
      this.opts.listener?.batch?.({
        topic: batch.topic,
        partition: batch.partition,
        records: batch.records.length,
        lag: Math.max(0, Number(batch.highWatermark) - next),
        lastTimestampMs: last.timestampMs,
      });
      return undefined;
    });
  }

  /** While every input partition is read to its end, processing time follows the wall clock. */
  private async punctuate(): Promise<void> {
    if (!this.active || this.stopping || this.fenced) return;
    const caughtUp = await this.caughtUp().catch(() => false);
    if (!caughtUp) return;
    await this.serial(async () => {
      if (this.stopping || this.fenced) return;
      if (!this.active || this.dirty) await this.takeOver(this.consumer.assignment);
      this.lastNowMs = Math.max(this.lastNowMs, Date.now());
      await this.commit(this.opts.logic.punctuate(this.lastNowMs), []);
    }).catch((err: unknown) =>
      this.opts.logger.warn({ err }, 'punctuation failed; retrying at the next one'),
    );
  }

  private async caughtUp(): Promise<boolean> {
    const ends = await endOffsetsOnce(this.opts.client, this.opts.inputTopics);
    for (const e of ends) {
      if (!(this.partitions.get(e.topic) ?? []).includes(e.partition)) continue;
      const at = this.positions.get(positionKey(e.topic, e.partition)) ?? e.low;
      if (at < e.high) return false;
    }
    return true;
  }
}

function sameAssignment(a: ReadonlyMap<string, readonly number[]>, b: TaskPartitions): boolean {
  const norm = (m: ReadonlyMap<string, readonly number[]>) =>
    JSON.stringify(
      [...m]
        .filter(([, ps]) => ps.length > 0)
        .map(([t, ps]) => [t, [...ps].sort((x, y) => x - y)])
        .sort(),
    );
  return norm(a) === norm(b);
}
