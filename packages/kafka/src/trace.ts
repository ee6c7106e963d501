import type { Logger } from '@citybrain/observability';
import type { CommitPosition } from './records';

/** One hop of a traced record, as logged (`msg: 'trace'`). */
export type TraceHop =
  /** The consumer handed a batch holding the record to its handler. */
  | 'fetched'
  /** A commit whose input offsets cover the record started (a transaction, or at-least-once offsets). */
  | 'commit-start'
  /** That commit landed: the outputs of the record's batch are durable (and, in a transaction, visible). */
  | 'committed';

/** Most records a tracer remembers between fetch and commit (older ones are forgotten first). */
const MAX_PENDING = 10_000;

interface Pending {
  readonly ids: string;
  readonly offset: number;
}

/**
 * Follows marked records through a process for latency measurements (`pnpm bench:latency --hops`):
 * a record carrying the trace header is logged when a consumer hands it to its handler, and when a
 * commit covering its offset — in the same consumer group — starts and lands. Commits are matched by
 * offset, not by content, so a record is followed through any task logic without that logic knowing:
 * "committed" means the outputs of the batch that held it are durable. Every line carries `atMs`
 * (this machine's wall clock), so lines of several processes on one machine line up.
 *
 * Off unless the client is given a trace header (`CITYBRAIN_TRACE_HEADER`): then one header look-up
 * per fetched record.
 */
export class RecordTracer {
  /** Per `group topic/partition`, traced records fetched and not committed yet, in offset order. */
  private readonly pending = new Map<string, Pending[]>();
  private size = 0;

  constructor(
    /** The header that marks a record; its value names it in the log (the trace id). */
    readonly header: string,
    private readonly logger: Logger,
  ) {}

  /** Notes the traced records of a batch its consumer is about to hand over. */
  fetched(
    groupId: string,
    topic: string,
    partition: number,
    records: readonly {
      readonly offset: string;
      readonly headers: Readonly<Record<string, string | undefined>>;
    }[],
  ): void {
    const atMs = Date.now();
    for (const r of records) {
      const ids = r.headers[this.header];
      if (ids === undefined) continue;
      const key = `${groupId} ${topic}/${partition}`;
      let list = this.pending.get(key);
      if (!list) this.pending.set(key, (list = []));
      const offset = Number(r.offset);
      // Fetched again (a rewind): the newer fetch is the one its commit follows.
      const at = list.findIndex((p) => p.offset === offset);
      if (at >= 0) list.splice(at, 1);
      else this.size++;
      list.push({ ids, offset });
      list.sort((a, b) => a.offset - b.offset);
      this.logger.info(
        { trace: ids, hop: 'fetched', group: groupId, topic, partition, offset, atMs },
        'trace',
      );
    }
    if (this.size > MAX_PENDING) this.forgetOldest();
  }

  /** Logs `commit-start` for the traced records `offsets` cover (they stay pending). */
  committing(groupId: string, offsets: readonly CommitPosition[]): void {
    this.cover(groupId, offsets, 'commit-start', false);
  }

  /** Logs `committed` for the traced records `offsets` cover, and forgets them. */
  committed(groupId: string, offsets: readonly CommitPosition[]): void {
    this.cover(groupId, offsets, 'committed', true);
  }

  private cover(groupId: string, offsets: readonly CommitPosition[], hop: TraceHop, forget: boolean): void {
    if (this.size === 0) return;
    const atMs = Date.now();
    for (const o of offsets) {
      const key = `${groupId} ${o.topic}/${o.partition}`;
      const list = this.pending.get(key);
      if (!list) continue;
      const next = Number(o.offset);
      let n = 0;
      while (n < list.length && list[n]!.offset < next) {
        const p = list[n]!;
        this.logger.info(
          {
            trace: p.ids,
            hop,
            group: groupId,
            topic: o.topic,
            partition: o.partition,
            offset: p.offset,
            atMs,
          },
          'trace',
        );
        n++;
      }
      if (forget && n > 0) {
        list.splice(0, n);
        this.size -= n;
        if (list.length === 0) this.pending.delete(key);
      }
    }
  }

  private forgetOldest(): void {
    for (const [key, list] of this.pending) {
      this.size -= list.length;
      this.pending.delete(key);
      if (this.size <= MAX_PENDING / 2) return;
    }
  }
}
