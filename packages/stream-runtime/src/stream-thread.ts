import {
  AdminSession,
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
import type { TaskTopology } from './topology';

/** Kafka Streams' `processing.guarantee`. */
export type ProcessingGuarantee = 'exactly_once' | 'at_least_once';

/**
 * Where a thread is: `starting` (joining the group; also once fenced, until the group's next
 * assignment), `restoring` tasks' state, `active` (owns tasks and processes), `standby` (in the
 * group without a task: takes over when an owner leaves), `down` (the broker is unreachable; the
 * thread waits it out), `stopped`.
 */
export type ThreadState = 'starting' | 'restoring' | 'active' | 'standby' | 'down' | 'stopped';

/** Observers of a thread, for logs and metrics. */
export interface StreamThreadListener {
  state?(state: ThreadState): void;
  /** The tasks this thread owns, after every change. */
  tasks?(taskIds: readonly string[]): void;
  restoreProgress?(p: { readonly records: number; readonly remaining: number }): void;
  restored?(r: {
    readonly taskId: string;
    readonly entries: number;
    readonly bytes: number;
    readonly durationMs: number;
  }): void;
  committed?(c: {
    readonly taskId: string;
    readonly records: number;
    readonly changelogRecords: number;
    readonly durationMs: number;
  }): void;
  commitFailed?(err: KafkaEdgeError): void;
  /** Records of an internal topic deleted below the group's committed offsets (see `purgeIntervalMs`). */
  purged?(p: { readonly topic: string; readonly records: number }): void;
  batch?(b: {
    readonly taskId: string;
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
  /** The consumer group: instances with the same group share the tasks. */
  readonly groupId: string;
  /** The tasks, the topics they read and how the group shares them. */
  readonly topology: TaskTopology;
  /** Compacted topic holding the tasks' state stores (keys prefixed by task id). */
  readonly changelogTopic: string;
  readonly guarantee: ProcessingGuarantee;
  /** Where a group with no committed offset starts. */
  readonly fromBeginning: boolean;
  readonly sessionTimeoutMs: number;
  /** How often idle input lets processing time advance from the wall clock, ms. */
  readonly punctuateIntervalMs: number;
  /**
   * How often the records of the topology's internal topics (a repartition topic) below the group's
   * committed offsets are deleted, ms (Kafka Streams' `repartition.purge.interval.ms`); 0 or absent:
   * never.
   */
  readonly purgeIntervalMs?: number;
  readonly maxBytesPerPartition?: number;
  /**
   * How many batches of different tasks may be processed and committed at once (default 8). A
   * task's batches are always handled one at a time, in order; different tasks have their own state
   * and producer, so their transactions overlap their broker round trips instead of queueing.
   */
  readonly taskConcurrency?: number;
  readonly logger: Logger;
  readonly listener?: StreamThreadListener;
}

/** How a task's outputs and input offsets become durable under each guarantee. */
interface Writer {
  commit(records: readonly OutgoingRecord[], offsets: readonly CommitPosition[]): Promise<void>;
  close(): Promise<void>;
}

/** A task this thread owns: its logic, state store, producer and input positions. */
interface TaskRun {
  readonly id: string;
  readonly logic: TaskLogic;
  readonly store: ChangelogStore;
  writer: Writer | undefined;
  partitions: TaskPartitions;
  /** Per `topic/partition`, the next offset to read as the task's state stands. */
  readonly positions: Map<string, number>;
  /** Partitions whose position moved over transaction markers only: commit it with the next step. */
  readonly pending: Set<string>;
  /** Memory may be ahead of Kafka (a commit failed, or the restore did not finish). */
  dirty: boolean;
  lastNowMs: number;
  /** The task's commit in flight (rejects if it failed: the task is dirty then). */
  inFlight: Promise<void> | undefined;
  /** Batches processed while a commit was in flight: they commit together, next. */
  next: CommitGroup | undefined;
}

/** Processed batches of one task waiting to commit in one transaction. */
interface CommitGroup {
  readonly steps: TaskStep[];
  /** Per `topic/partition`, the furthest position to commit. */
  readonly offsets: Map<string, CommitPosition>;
}

const positionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * Errors that mean the broker (or its group / transaction coordinator) cannot be reached or is not
 * ready yet: the thread is `down` (health NOT_SERVING) until its next commit lands.
 */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection error|Closed connection|connection closed|coordinator is loading|not the correct coordinator|find group coordinator|NumberOfRetriesExceeded/i;

/** Errors after which this instance is a zombie: another instance owns the task now. */
const FENCED = /INVALID_PRODUCER_EPOCH|PRODUCER_FENCED|TRANSACTIONAL_ID_AUTHORIZATION|old epoch/i;

/**
 * Runs tasks over Kafka as a Kafka Streams StreamThread does: consume a batch → hand it to the task
 * that owns its partition → write the task's outputs, its changed state-store entries (changelog) and
 * its input offsets in one transaction of the task's own producer (exactly-once; transactional id
 * `<group>.<taskId>`, Kafka Streams' EOS-v1: kafkajs's `sendOffsets` carries no consumer-group
 * metadata, so fencing is per task) or outputs-then-offsets (at-least-once) → next batch. When given
 * tasks, each is restored from the changelog and its input rewound to the committed offsets before it
 * processes anything; after a failed commit the same happens, so memory never runs ahead of Kafka. A
 * task taken away is closed. A zombie is fenced by the transactional id. Broker outages are waited
 * out.
 */
export class StreamThread {
  private readonly consumer: BatchConsumer;
  /** The one admin connection of the punctuator and the purge, kept across ticks (not one per tick). */
  private admin: AdminSession;
  private readonly topology: TaskTopology;
  private readonly tasks = new Map<string, TaskRun>();
  private shared: BatchProducer | undefined;
  private stateValue: ThreadState = 'stopped';
  private fenced = false;
  private ready: Promise<void> = Promise.resolve();
  private chain: Promise<unknown> = Promise.resolve();
  /** Per task, its last batch's work (settled, never rejecting): see {@link serialTask}. */
  private readonly taskChains = new Map<string, Promise<void>>();
  private stopping = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private failWith: (err: Error) => void = () => {};
  /** Since when the broker was unreachable, until the next commit lands (for the recovery log line). */
  private downSince: number | undefined;
  /** Per `topic/partition`, the position a mismatched batch sent the consumer back to. */
  private readonly soughtTo = new Map<string, number>();
  /** When internal topics were last purged (wall clock, ms). */
  private lastPurgeAt = 0;
  /**
   * Settles when a task cannot be restored whatever is retried — a corrupt changelog, or state the
   * task logic cannot read — so the service stops with the cause instead of retrying forever.
   * Kafka errors never settle it: the broker may come back.
   */
  readonly failed: Promise<Error> = new Promise<Error>((resolve) => (this.failWith = resolve));

  constructor(private readonly opts: StreamThreadOptions) {
    this.topology = opts.topology;
    this.admin = new AdminSession(opts.client);
    const clean = () => [...this.tasks.values()].filter((t) => !t.dirty);
    this.consumer = new BatchConsumer(opts.client, {
      groupId: opts.groupId,
      topics: opts.topology.topics,
      fromBeginning: opts.fromBeginning,
      sessionTimeoutMs: opts.sessionTimeoutMs,
      ...(opts.maxBytesPerPartition === undefined ? {} : { maxBytesPerPartition: opts.maxBytesPerPartition }),
      partitionsConsumedConcurrently: opts.taskConcurrency ?? 8,
      ...(opts.topology.assignment === 'single-owner'
        ? { singleOwner: { ownsTask: () => this.tasks.size > 0 && clean().length === this.tasks.size } }
        : {
            partitionIndex: {
              owned: () => [...new Set(clean().flatMap((t) => [...t.partitions.values()].flat()))],
            },
          }),
      onBatch: (batch, heartbeat) => this.onBatch(batch, heartbeat),
    });
    this.consumer.onAssignment((a) => this.onAssignment(a));
    this.consumer.onProgress((topic, partition, next, batch) =>
      this.onProgress(topic, partition, next, batch),
    );
    this.consumer.onState((s) => {
      if (s === 'down') this.setState('down');
      else if (s === 'running' && this.stateValue === 'down') this.settleState();
    });
  }

  /** The thread's state. */
  get state(): ThreadState {
    return this.stateValue;
  }

  /** Ids of the tasks this thread owns now. */
  get taskIds(): string[] {
    return [...this.tasks.keys()].sort();
  }

  /** Joins the group and starts consuming; resolves once the fetch loop runs. */
  async start(): Promise<void> {
    this.stopping = false;
    this.setState('starting');
    this.admin = new AdminSession(this.opts.client);
    await this.consumer.start();
    this.timer = setInterval(() => void this.tick(), this.opts.punctuateIntervalMs);
  }

  /**
   * Runs `work` on every task this thread owns, between batches, and commits what it returns with
   * the task's state (e.g. a rule reload). Resolves to the number of tasks it ran on.
   */
  runExclusive(work: (taskId: string, logic: TaskLogic) => TaskStep): Promise<number> {
    return this.serial(async () => {
      let n = 0;
      for (const run of this.tasks.values()) {
        if (run.dirty) continue;
        await this.commit(run, work(run.id, run.logic), []);
        n++;
      }
      return n;
    });
  }

  /** Finishes the batch in flight, commits it, leaves the group and closes; idempotent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.consumer.stop();
    await Promise.all([this.chain, ...this.taskChains.values()]);
    await this.drainCommits();
    for (const run of this.tasks.values()) await run.writer?.close();
    this.tasks.clear();
    await this.shared?.disconnect().catch(() => {});
    this.shared = undefined;
    await this.admin.close();
    this.setState('stopped');
  }

  /**
   * Runs `work` alone: after every task's work in flight, and before any queued after it
   * (assignment, punctuation, rule reloads, stop).
   */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = Promise.all([this.chain, ...this.taskChains.values()])
      .then(() => this.drainCommits())
      .then(work);
    this.chain = next.catch(() => {});
    return next;
  }

  /** Waits until no task has a commit in flight or waiting (a failed one leaves its task dirty). */
  private async drainCommits(): Promise<void> {
    for (const run of this.tasks.values()) while (run.inFlight) await run.inFlight.catch(() => {});
  }

  /**
   * Joins the task's next commit: started at once when none is in flight, else gathered with the
   * batches processed meanwhile into one transaction that starts when the one in flight lands. Resolves
   * once the commit ahead of this batch has landed (so at most one waits behind the one in flight);
   * rejects if that failed, since the batch's state went with it. A commit that fails after its
   * batches were handed back leaves the task dirty: its next batch or punctuation restores it and
   * rewinds its input to what is committed.
   */
  private enqueueCommit(run: TaskRun, step: TaskStep, offsets: readonly CommitPosition[]): Promise<void> {
    const group: CommitGroup = (run.next ??= { steps: [], offsets: new Map<string, CommitPosition>() });
    group.steps.push(step);
    for (const o of offsets) group.offsets.set(positionKey(o.topic, o.partition), o);
    if (run.inFlight) return run.inFlight;
    this.startCommit(run);
    return Promise.resolve();
  }

  private startCommit(run: TaskRun): void {
    const group = run.next;
    run.next = undefined;
    if (!group) return;
    const steps = group.steps;
    const merged: TaskStep = {
      records: steps.length === 1 ? steps[0]!.records : steps.flatMap((st) => st.records),
      committed: () => {
        for (const st of steps) st.committed?.();
      },
    };
    const inFlight = this.commit(run, merged, [...group.offsets.values()]).then(
      () => {
        run.inFlight = undefined;
        if (!run.dirty) this.startCommit(run);
      },
      (err: unknown) => {
        // The batches gathered meanwhile are in memory only: the restore replays them.
        run.inFlight = undefined;
        run.next = undefined;
        throw err;
      },
    );
    inFlight.catch(() => {});
    run.inFlight = inFlight;
  }

  /** Runs `work` after the task's previous work and any exclusive work queued before it. */
  private serialTask<T>(taskId: string, work: () => Promise<T>): Promise<T> {
    const next = Promise.all([this.chain, this.taskChains.get(taskId)]).then(work);
    this.taskChains.set(
      taskId,
      next.then(
        () => {},
        () => {},
      ),
    );
    return next;
  }

  private setState(state: ThreadState): void {
    if (state === 'down') this.downSince ??= Date.now();
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.opts.listener?.state?.(state);
  }

  private settleState(): void {
    this.setState(this.tasks.size > 0 ? 'active' : 'standby');
  }

  /** The tasks an assignment gives this thread, with their partitions. */
  private tasksOf(assignment: ReadonlyMap<string, readonly number[]>): Map<string, Map<string, number[]>> {
    const out = new Map<string, Map<string, number[]>>();
    for (const [topic, partitions] of assignment)
      for (const p of partitions) {
        const id = this.topology.taskOf(topic, p);
        let parts = out.get(id);
        if (!parts) out.set(id, (parts = new Map<string, number[]>()));
        let list = parts.get(topic);
        if (!list) parts.set(topic, (list = []));
        list.push(p);
      }
    for (const parts of out.values()) for (const list of parts.values()) list.sort((a, b) => a - b);
    return out;
  }

  private onAssignment(assignment: ReadonlyMap<string, readonly number[]>): void {
    this.fenced = false;
    const wanted = this.tasksOf(assignment);
    this.ready = this.serial(() => this.reassign(wanted));
    this.ready.catch((err: unknown) =>
      this.opts.logger.warn(
        { err },
        'taking the assigned tasks over failed; retrying on the next batch or rejoin',
      ),
    );
  }

  /** Closes the tasks taken away; restores the new ones (and those whose memory is not committed). */
  private async reassign(wanted: ReadonlyMap<string, Map<string, number[]>>): Promise<void> {
    for (const [id, run] of [...this.tasks]) {
      if (wanted.has(id)) continue;
      this.tasks.delete(id);
      await run.writer?.close();
      this.opts.logger.info({ task: id }, 'task revoked: closed');
    }
    // Kept across the rebalance, clean: its state is what its last commit wrote.
    const restore = [...wanted].filter(([id, parts]) => {
      const run = this.tasks.get(id);
      return run === undefined || run.dirty || !sameAssignment(parts, run.partitions);
    });
    if (restore.length > 0) await this.takeOver(restore);
    this.opts.listener?.tasks?.(this.taskIds);
    this.settleState();
  }

  /**
   * Restores tasks; an error that is not Kafka's (the broker may come back) also settles
   * {@link failed}, since retrying cannot fix it.
   */
  private async takeOver(list: readonly (readonly [string, TaskPartitions])[]): Promise<void> {
    try {
      await this.restoreTasks(list);
    } catch (err: unknown) {
      if (!(err instanceof KafkaEdgeError)) {
        const error = err instanceof Error ? err : new Error(String(err));
        this.opts.logger.error({ err: error }, 'the task state cannot be restored');
        this.failWith(error);
      }
      throw err;
    }
  }

  /**
   * Restores tasks from their changelog partitions (read once for all of them) and rewinds their input to the
   * committed offsets. Each task's new transactional producer fences its previous owner before the
   * changelog is read, so what is read is all that owner will ever have committed.
   */
  private async restoreTasks(list: readonly (readonly [string, TaskPartitions])[]): Promise<void> {
    const { client, logger, listener, changelogTopic, groupId } = this.opts;
    this.setState('restoring');
    const startedAt = Date.now();
    const runs: TaskRun[] = [];
    for (const [id, partitions] of list) {
      const old = this.tasks.get(id);
      while (old?.inFlight) await old.inFlight.catch(() => {});
      await old?.writer?.close();
      const run: TaskRun = {
        id,
        logic: old?.logic ?? this.topology.createTask(id),
        store: new ChangelogStore(changelogTopic, id, {
          partition: this.topology.changelogPartition?.(id) ?? 0,
        }),
        writer: undefined,
        partitions: new Map([...partitions].map(([t, ps]) => [t, [...ps]])),
        positions: new Map(),
        pending: new Set(),
        dirty: true,
        lastNowMs: Number.NEGATIVE_INFINITY,
        inFlight: undefined,
        next: undefined,
      };
      // Registered dirty at once: if this restore fails, the next batch or rejoin restores it again.
      this.tasks.set(id, run);
      runs.push(run);
    }
    const connect = async (run: TaskRun) => {
      run.writer = await this.connectWriter(run.id);
    };
    if (this.opts.guarantee === 'exactly_once') {
      // Each task's producer fences its previous owner on its own: independent round trips (retried
      // while a returning broker loads its coordinators), so all at once, not one task after another.
      const settled = await Promise.allSettled(runs.map(connect));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } else for (const run of runs) await connect(run);
    // Only the partitions of the stateful tasks taken over: not other tasks' stores.
    const stateful = runs.filter((r) => this.topology.changelogPartition?.(r.id) !== null);
    const latest = await readLatestByKey(
      client,
      changelogTopic,
      (p) => listener?.restoreProgress?.(p),
      new Set(stateful.map((r) => r.store.partition ?? 0)),
    );
    const topics = [...new Set(runs.flatMap((r) => [...r.partitions.keys()]))];
    const committed = new Map(
      (await committedOffsets(client, groupId, topics)).map((c) => [
        positionKey(c.topic, c.partition),
        Number(c.offset),
      ]),
    );
    // Partitions the group never committed start at the beginning or the end, as the consumer would.
    const starts = new Map<string, number>();
    const owned = runs.flatMap((r) =>
      [...r.partitions].flatMap(([t, ps]) => ps.map((p) => positionKey(t, p))),
    );
    if (owned.some((k) => (committed.get(k) ?? -1) < 0))
      for (const e of await endOffsetsOnce(client, topics))
        starts.set(positionKey(e.topic, e.partition), this.opts.fromBeginning ? e.low : e.high);
    for (const run of runs) {
      const entries = run.store.load(latest);
      let bytes = 0;
      for (const text of entries.values()) bytes += text.length;
      const rewind: CommitPosition[] = [];
      for (const [topic, ps] of run.partitions)
        for (const partition of ps) {
          const key = positionKey(topic, partition);
          const at = committed.get(key) ?? -1;
          const offset = at >= 0 ? at : starts.get(key);
          if (offset === undefined) continue;
          run.positions.set(key, offset);
          rewind.push({ topic, partition, offset: String(offset) });
        }
      this.consumer.seek(rewind);
      const step = run.logic.restore(entries, run.partitions);
      run.dirty = false;
      // Outputs of the restore itself (timers due) commit now; a state change alone rides with the
      // task's first batch, so a task that never processed anything writes no state (a state without
      // offsets would be restored as if it had run).
      if (step.records.length > 0) await this.commit(run, step, []);
      else step.committed?.();
      const durationMs = Date.now() - startedAt;
      listener?.restored?.({ taskId: run.id, entries: entries.size, bytes, durationMs });
      logger.info(
        {
          task: run.id,
          entries: entries.size,
          bytes,
          durationMs,
          positions: Object.fromEntries(run.positions),
        },
        'task state restored from the changelog',
      );
    }
  }

  private async connectWriter(taskId: string): Promise<Writer> {
    const { client, groupId, guarantee, logger } = this.opts;
    const retry = {
      code: 'PRODUCER_CONNECT_FAILED',
      timeoutMs: 30_000,
      // Polls a broker that is down or still loading its transaction coordinator at 4 Hz: the
      // take-over after an outage starts within a quarter of a second of the coordinator's return.
      maxBackoffMs: 250,
      shouldStop: () => this.stopping,
      onRetry: (err: KafkaEdgeError) => {
        if (UNREACHABLE.test(err.message)) this.setState('down');
      },
    };
    if (guarantee === 'exactly_once') {
      const producer = new TransactionalProducer(client, `${groupId}.${taskId}`);
      await retryRetriable(() => producer.connect(), retry);
      // Reached the coordinator: the take-over goes on.
      if (this.stateValue === 'down') this.setState('restoring');
      return {
        commit: (records, offsets) => producer.commit({ records, offsets, groupId }),
        close: () => producer.disconnect(),
      };
    }
    // At-least-once needs no fencing: the tasks share one idempotent producer.
    if (!this.shared) {
      const producer = new BatchProducer(client);
      await retryRetriable(() => producer.connect(), retry);
      logger.warn('processing at-least-once: a crash can duplicate outputs');
      this.shared = producer;
    }
    const producer = this.shared;
    return {
      commit: async (records, offsets) => {
        await producer.send(records);
        await this.consumer.commit(offsets);
      },
      close: () => Promise.resolve(),
    };
  }

  /** Writes a step's records, the task's changed state entries and `offsets` together. */
  private async commit(run: TaskRun, step: TaskStep, offsets: readonly CommitPosition[]): Promise<void> {
    const delta = run.store.delta(run.logic.changes());
    // Positions moved over transaction markers ride along with this commit.
    const all = [...offsets];
    for (const key of run.pending) {
      const at = run.positions.get(key);
      const slash = key.lastIndexOf('/');
      const topic = key.slice(0, slash);
      const partition = Number(key.slice(slash + 1));
      if (at !== undefined && !all.some((o) => o.topic === topic && o.partition === partition))
        all.push({ topic, partition, offset: String(at) });
    }
    if (step.records.length === 0 && delta.records.length === 0 && all.length === 0) {
      step.committed?.();
      return;
    }
    const writer = run.writer;
    if (!writer)
      throw new KafkaEdgeError(`no producer: task ${run.id} is not owned`, {
        code: 'NOT_OWNER',
        retriable: true,
      });
    const startedAt = Date.now();
    try {
      await writer.commit([...step.records, ...delta.records], all);
    } catch (err: unknown) {
      const edge = KafkaEdgeError.from(err, 'COMMIT_FAILED');
      // Memory is now ahead of Kafka: restore before anything else is processed.
      run.dirty = true;
      // Fenced while the latest assignment this member heard of still gives it the task: another
      // member owns it behind this one's back (this one is a zombie), so rejoin. A task that
      // assignment already gave away was fenced by its new owner as expected — the reassignment
      // queued behind this commit closes it — and marking the thread fenced then would stop its
      // punctuation and purge until a rejoin that, with no more input, never comes.
      this.fenced = FENCED.test(edge.message) && this.tasksOf(this.consumer.assignment).has(run.id);
      if (UNREACHABLE.test(edge.message)) this.setState('down');
      // Until the group's next assignment reaches this member (kafkajs's heartbeat is answered
      // "rebalancing" or "unknown member", and it rejoins, even when no batch comes), the thread is
      // not serving, not active.
      else if (this.fenced) this.setState('starting');
      this.opts.listener?.commitFailed?.(edge);
      this.opts.logger.warn(
        { err: edge, task: run.id, fenced: this.fenced },
        this.fenced
          ? 'fenced: another instance owns the task'
          : 'commit failed; the task will restore and retry',
      );
      throw edge;
    }
    delta.applied();
    run.pending.clear();
    if (this.downSince !== undefined) {
      this.opts.logger.info(
        { task: run.id, sinceDownMs: Date.now() - this.downSince },
        'first commit after the broker was unreachable',
      );
      this.downSince = undefined;
      if (this.stateValue === 'down') this.settleState();
    }
    this.opts.listener?.committed?.({
      taskId: run.id,
      records: step.records.length,
      changelogRecords: delta.records.length,
      durationMs: Date.now() - startedAt,
    });
    step.committed?.();
  }

  /** The task of an assigned partition, restored if it is new or its memory is not committed. */
  private async runFor(topic: string, partition: number): Promise<TaskRun | undefined> {
    const id = this.topology.taskOf(topic, partition);
    const run = this.tasks.get(id);
    if (run && !run.dirty) return run;
    const parts = this.tasksOf(this.consumer.assignment).get(id);
    // A batch fetched before the task was taken away.
    if (!parts) return undefined;
    await this.takeOver([[id, parts]]);
    this.opts.listener?.tasks?.(this.taskIds);
    this.settleState();
    return this.tasks.get(id);
  }

  private async onBatch(batch: IncomingBatch, heartbeat: () => Promise<void>): Promise<void | 'skip'> {
    await this.ready.catch(() => {});
    const handled = await this.serialTask(this.topology.taskOf(batch.topic, batch.partition), async () => {
      if (this.fenced)
        // Rejoin before anything else: the group decides who owns the task now.
        throw new KafkaEdgeError('fenced by a newer owner of a task', { code: 'FENCED', retriable: true });
      const first = batch.records[0];
      const last = batch.records[batch.records.length - 1];
      if (!first || !last) return;
      const run = await this.runFor(batch.topic, batch.partition);
      if (!run) return 'skip';
      const key = positionKey(batch.topic, batch.partition);
      const expected = run.positions.get(key);
      const fetchedAt = Number(batch.fetchedOffset ?? first.offset);
      if (expected !== undefined && fetchedAt !== expected && Number(first.offset) !== expected) {
        if (this.soughtTo.get(key) === expected && fetchedAt > expected) {
          // Sent back to `expected` already, and the fetch still starts later: the records there
          // are gone (a purged repartition topic moved the log start past them), so this state is
          // behind what the group committed — another owner went on (this instance was a zombie).
          // Restore from the changelog: the committed offsets are never below the log start.
          this.soughtTo.delete(key);
          run.dirty = true;
          this.opts.logger.warn(
            { task: run.id, topic: batch.topic, partition: batch.partition, expected, fetchedAt },
            'the position is below the log start: restoring the task from what the group committed',
          );
          return 'skip';
        }
        // A batch fetched before the rewind: read again from where the state is.
        this.soughtTo.set(key, expected);
        this.consumer.seek([{ topic: batch.topic, partition: batch.partition, offset: String(expected) }]);
        return 'skip';
      }
      this.soughtTo.delete(key);
      let maxTs = run.lastNowMs;
      for (const r of batch.records) if (r.timestampMs > maxTs) maxTs = r.timestampMs;
      run.lastNowMs = maxTs;
      const step = run.logic.process(batch, maxTs);
      await heartbeat().catch(() => {});
      // Past a trailing transaction marker too (an input written transactionally, e.g. a repartition).
      const next = Number(batch.lastOffset ?? last.offset) + 1;
      // The position in memory moves now; what is durable is what the commit lands (a failed one
      // makes the task dirty, and its restore rewinds to the committed offsets).
      run.positions.set(key, next);
      run.pending.delete(key);
      const ahead = this.enqueueCommit(run, step, [
        { topic: batch.topic, partition: batch.partition, offset: String(next) },
      ]);
      this.opts.listener?.batch?.({
        taskId: run.id,
        topic: batch.topic,
        partition: batch.partition,
        records: batch.records.length,
        lag: Math.max(0, Number(batch.highWatermark) - next),
        lastTimestampMs: last.timestampMs,
      });
      // Handed out of the task's chain: its next batch is processed while this one commits.
      return { ahead };
    });
    if (handled === undefined || handled === 'skip') return handled;
    await handled.ahead;
    return undefined;
  }

  /**
   * A fetch that held no record for the task (transaction markers, aborted records) still moves its
   * position: remember it, and commit it with the task's next step, so a transactionally written
   * input can be committed to its very end.
   */
  private onProgress(
    topic: string,
    partition: number,
    next: number,
    batch: { readonly firstOffset: number | null; readonly records: number },
  ): void {
    if (batch.records > 0 || batch.firstOffset === null) return;
    const run = this.tasks.get(this.topology.taskOf(topic, partition));
    const key = positionKey(topic, partition);
    if (!run || run.dirty || run.positions.get(key) !== batch.firstOffset) return;
    run.positions.set(key, next);
    run.pending.add(key);
  }

  /** The periodic work: punctuation, then (every `purgeIntervalMs`) the internal topics' purge. */
  private async tick(): Promise<void> {
    await this.punctuate();
    await this.purge();
  }

  /**
   * Deletes the records of the topology's internal topics that every reader is done with, as Kafka
   * Streams purges its repartition topics: for each internal partition a clean task of this thread
   * owns, the records below the group's committed offset — read back from the broker, so only what
   * is committed (a take-over rewinds to that offset, never below it). Periodic, not per batch: a
   * DeleteRecords per commit would double the broker round trips. A failure waits for the next
   * interval.
   */
  private async purge(): Promise<void> {
    const internal = this.topology.internalTopics ?? [];
    const interval = this.opts.purgeIntervalMs ?? 0;
    if (interval <= 0 || internal.length === 0 || this.stopping || this.fenced) return;
    const now = Date.now();
    if (now - this.lastPurgeAt < interval) return;
    this.lastPurgeAt = now;
    const owned = new Set<string>();
    for (const run of this.tasks.values()) {
      if (run.dirty) continue;
      for (const [topic, ps] of run.partitions)
        if (internal.includes(topic)) for (const p of ps) owned.add(positionKey(topic, p));
    }
    if (owned.size === 0) return;
    try {
      const [committed, ends] = await Promise.all([
        this.admin.committedOffsets(this.opts.groupId, internal),
        this.admin.endOffsets(internal),
      ]);
      const low = new Map(ends.map((e) => [positionKey(e.topic, e.partition), e.low]));
      const below = new Map<string, { partition: number; offset: number }[]>();
      const purged = new Map<string, number>();
      for (const c of committed) {
        const key = positionKey(c.topic, c.partition);
        const from = low.get(key);
        if (!owned.has(key) || from === undefined || c.offset <= from) continue;
        let list = below.get(c.topic);
        if (!list) below.set(c.topic, (list = []));
        list.push({ partition: c.partition, offset: c.offset });
        purged.set(c.topic, (purged.get(c.topic) ?? 0) + c.offset - from);
      }
      for (const [topic, list] of below) {
        await this.admin.deleteRecordsBelow(topic, list);
        const records = purged.get(topic) ?? 0;
        this.opts.listener?.purged?.({ topic, records });
        this.opts.logger.debug(
          { topic, records, below: list },
          'internal topic purged below the committed offsets',
        );
      }
    } catch (err: unknown) {
      this.opts.logger.warn({ err }, 'purging the internal topics failed; retrying at the next interval');
    }
  }

  /**
   * While a task's input is read to its end (and, for a task fed by a repartition topic, the whole
   * group has committed the topics it derives from), its processing time follows the wall clock.
   */
  private async punctuate(): Promise<void> {
    if (this.stopping || this.fenced || this.tasks.size === 0) return;
    let ends: Map<string, number>;
    let upstreamDone: (taskId: string) => boolean;
    try {
      const upstream = new Set<string>();
      for (const id of this.tasks.keys())
        for (const t of this.topology.upstreamTopics?.(id) ?? []) upstream.add(t);
      const topics = [...new Set([...this.topology.topics, ...upstream])];
      ends = new Map(
        (await this.admin.endOffsets(topics)).map((e) => [positionKey(e.topic, e.partition), e.high]),
      );
      const done = new Set<string>();
      if (upstream.size > 0) {
        const committed = await this.admin.committedOffsets(this.opts.groupId, [...upstream]);
        const byTopic = new Map<string, boolean>([...upstream].map((t) => [t, true]));
        for (const [key, high] of ends) {
          const topic = key.slice(0, key.lastIndexOf('/'));
          if (!upstream.has(topic) || high === 0) continue;
          const c = committed.find((o) => positionKey(o.topic, o.partition) === key);
          if (c === undefined || Number(c.offset) < high) byTopic.set(topic, false);
        }
        for (const [t, ok] of byTopic) if (ok) done.add(t);
      }
      upstreamDone = (id) => (this.topology.upstreamTopics?.(id) ?? []).every((t) => done.has(t));
    } catch {
      return;
    }
    await this.serial(async () => {
      for (const id of [...this.tasks.keys()]) {
        if (this.stopping || this.fenced) return;
        let run = this.tasks.get(id);
        if (!run || !this.caughtUp(run, ends) || !upstreamDone(id)) continue;
        if (run.dirty) {
          const parts = this.tasksOf(this.consumer.assignment).get(id);
          if (!parts) continue;
          await this.takeOver([[id, parts]]);
          run = this.tasks.get(id);
          if (!run) continue;
        }
        run.lastNowMs = Math.max(run.lastNowMs, Date.now());
        await this.commit(run, run.logic.punctuate(run.lastNowMs), []);
      }
    }).catch((err: unknown) =>
      this.opts.logger.warn({ err }, 'punctuation failed; retrying at the next one'),
    );
  }

  private caughtUp(run: TaskRun, ends: ReadonlyMap<string, number>): boolean {
    for (const [topic, ps] of run.partitions)
      for (const p of ps) {
        const key = positionKey(topic, p);
        const high = ends.get(key);
        if (high === undefined) return false;
        if ((run.positions.get(key) ?? 0) < high) return false;
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
