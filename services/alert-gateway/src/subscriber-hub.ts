import type { Alert } from '@citybrain/domain';
import { matchesAcknowledgement, matches, type AlertFilter } from './alert-filter';
import type { AckRecord } from './ack-store';
import { GatewayError } from './errors';
import { encodeCursor, type StreamCursor } from './stream-cursor';

/** What the merged stream carries besides heartbeats. */
export type StreamPayload =
  { readonly kind: 'alert'; readonly alert: Alert } | { readonly kind: 'ack'; readonly ack: AckRecord };

/** A message for a subscriber: an alert or acknowledgement with its stream position, or a heartbeat. */
export type StreamItem =
  | {
      readonly kind: 'alert';
      readonly alert: Alert;
      readonly position: string;
      readonly snapshot?: boolean;
      /** Silenced or inhibited: only subscribers that see muted alerts (the committee) get it. */
      readonly silenced?: boolean;
    }
  | { readonly kind: 'ack'; readonly ack: AckRecord; readonly position: string }
  | { readonly kind: 'heartbeat'; readonly atMs: number; readonly position: string };

/** The transport side of one subscriber (a gRPC server stream in production, a fake in unit tests). */
export interface SubscriberSink {
  /** Writes one item; returns false when the transport's buffer is full (wait for `onDrain`). */
  write(item: StreamItem): boolean;
  onDrain(listener: () => void): void;
  /** Ends the stream with an error because the subscriber cannot keep up. */
  overflow(message: string): void;
}

/** How a subscription starts. */
export interface SubscribeOptions {
  /** Resume right after this position (replaying from the log); absent = start now. */
  readonly from?: StreamCursor;
  /** Alerts to send first (the active ones), marked as a snapshot; ignored with `from`. */
  readonly snapshot?: readonly Alert[];
  /** Ids of the snapshot's alerts that are silenced or inhibited (flagged `silenced`). */
  readonly snapshotSilenced?: ReadonlySet<string>;
  /**
   * Also deliver muted (silenced or inhibited) alerts, flagged `silenced`: the committee sees every
   * alert, so that nobody's silence can hide an alert from it. Default false.
   */
  readonly includeMuted?: boolean;
}

/** Options of a {@link SubscriberHub}. */
export interface SubscriberHubOptions {
  /** Items a live subscriber may fall behind before it is cut off. */
  readonly queueLimit: number;
  /** Entries kept for resuming (the replay buffer); older positions get FAILED_PRECONDITION. */
  readonly replayLimit: number;
  /**
   * Whether an alert is muted (silenced or inhibited) when it arrives; muted alerts are not streamed.
   * Called once per alert, not per subscriber.
   */
  readonly isMuted?: (alert: Alert) => boolean;
}

interface LogEntry {
  readonly source: string;
  readonly offset: number;
  readonly payload: StreamPayload | undefined;
  /** Decided once, when appended, so that every subscriber (and every replay) sees the same. */
  readonly muted: boolean;
}

interface Subscriber {
  readonly filter: AlertFilter;
  readonly sink: SubscriberSink;
  readonly queue: StreamItem[];
  /** Next offset per source this subscriber has not passed yet. */
  readonly cursor: Map<string, number>;
  /** While replaying from the log: the sequence number of the next entry to read. */
  replaySeq: number | undefined;
  waitingForDrain: boolean;
  readonly includeMuted: boolean;
}

/**
 * Merges the records of the stream's sources (alerts and acknowledgement partitions) into one log,
 * keeps its last `replayLimit` entries, and fans them out to subscribers.
 *
 * - Every item carries the subscriber's position: per source, the next offset. A subscriber that
 *   resumes with a position replays the log from there (no gap, no duplicate), then goes live; a
 *   position older than the log is refused with `failed-precondition`.
 * - Each live subscriber has a bounded queue drained at the pace its transport accepts
 *   (`write() === false` → wait for drain); one that falls `queueLimit` items behind — or, while
 *   replaying, behind the log — is closed with an overflow, so a slow client never grows the
 *   server's memory or slows the others.
 */
export class SubscriberHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly log: LogEntry[] = [];
  /** Sequence number of `log[0]`. */
  private firstSeq = 0;
  /** The global cursor: next offset per source, over everything appended. */
  private readonly head = new Map<string, number>();
  /** Per source, the oldest offset a resuming subscriber may ask for. */
  private readonly floor = new Map<string, number>();
  /** Per source, the end of its log as last reported by the broker (see {@link noteLogEnd}). */
  private readonly logEnd = new Map<string, number>();

  constructor(private readonly options: SubscriberHubOptions) {}

  /** Number of open subscriptions. */
  get size(): number {
    return this.subscribers.size;
  }

  /** The position right after everything appended so far. */
  position(): string {
    return encodeCursor(this.head);
  }

  /**
   * Records where a source's log ends (the partition's high watermark, from the broker), so that a
   * resume position beyond it can be refused rather than silently skip that source's records.
   */
  noteLogEnd(source: string, endOffset: number): void {
    if (endOffset > (this.logEnd.get(source) ?? -1)) this.logEnd.set(source, endOffset);
  }

  /**
   * Adds a subscriber; returns the function that removes it.
   *
   * @throws GatewayError `invalid-argument` when `options.from` names a source the stream does not
   *   have or a position beyond the end of a source's log; `failed-precondition` when it is older
   *   than the replay buffer.
   */
  subscribe(filter: AlertFilter, sink: SubscriberSink, options: SubscribeOptions = {}): () => void {
    const { from } = options;
    if (from) {
      for (const [source, offset] of from) {
        const known = this.head.has(source) || this.logEnd.has(source);
        if (!known)
          throw new GatewayError(
            'invalid-argument',
            `names a stream source (${source.slice(0, 16)}) this service does not have; resubscribe without it`,
            'resume_from',
          );
        const end = Math.max(this.head.get(source) ?? 0, this.logEnd.get(source) ?? 0);
        if (offset > end)
          throw new GatewayError(
            'invalid-argument',
            `is ahead of the log (${source} at ${offset}, the log ends at ${end}); resubscribe without it`,
            'resume_from',
          );
      }
      for (const [source, floor] of this.floor)
        if ((from.get(source) ?? 0) < floor)
          throw new GatewayError(
            'failed-precondition',
            'resume position is older than the replay buffer; resynchronise: list the alerts, then subscribe without resume_from',
            'resume_from',
          );
    }
    const sub: Subscriber = {
      filter,
      sink,
      queue: [],
      cursor: new Map(from ?? this.head),
      replaySeq: from ? this.firstSeq : undefined,
      waitingForDrain: false,
      includeMuted: options.includeMuted === true,
    };
    this.subscribers.add(sub);
    sink.onDrain(() => {
      sub.waitingForDrain = false;
      this.flush(sub);
    });
    if (!from && options.snapshot) {
      const position = encodeCursor(sub.cursor);
      for (const alert of options.snapshot) {
        const silenced = options.snapshotSilenced?.has(alert.alertId) === true;
        sub.queue.push({ kind: 'alert', alert, position, snapshot: true, ...(silenced ? { silenced } : {}) });
      }
    }
    this.flush(sub);
    return () => {
      this.subscribers.delete(sub);
    };
  }

  /**
   * Appends one record of a source to the log (`payload` undefined for a record that carries nothing
   * to stream, e.g. a duplicate: it still advances positions) and delivers it to every live
   * subscriber whose filter matches; returns how many it was queued for.
   */
  append(source: string, offset: number, payload: StreamPayload | undefined): number {
    if ((this.head.get(source) ?? 0) > offset) return 0; // a record this log already holds
    if (!this.floor.has(source)) this.floor.set(source, offset);
    this.head.set(source, offset + 1);
    const muted = payload?.kind === 'alert' && (this.options.isMuted?.(payload.alert) ?? false);
    const entry: LogEntry = { source, offset, payload, muted };
    this.log.push(entry);
    // Evict in chunks (a quarter of the limit) so that appending stays O(1) amortised.
    if (this.log.length > this.options.replayLimit + Math.ceil(this.options.replayLimit / 4)) {
      const evicted = this.log.splice(0, this.log.length - this.options.replayLimit);
      this.firstSeq += evicted.length;
      for (const e of evicted) this.floor.set(e.source, e.offset + 1);
    }
    let n = 0;
    for (const sub of this.subscribers) {
      if (sub.replaySeq !== undefined) continue; // it reads the log at its own pace
      const item = this.visit(sub, entry);
      if (!item) continue;
      this.enqueue(sub, item);
      n++;
    }
    return n;
  }

  /** Sends a heartbeat carrying its position to every idle subscriber. */
  heartbeat(atMs: number): void {
    for (const sub of this.subscribers) {
      // A subscriber with a backlog or a replay is not idle: it needs no heartbeat.
      if (sub.queue.length === 0 && sub.replaySeq === undefined)
        this.enqueue(sub, { kind: 'heartbeat', atMs, position: encodeCursor(sub.cursor) });
    }
  }

  /** Moves a subscriber's cursor past `entry`; returns the item to send, if any. */
  private visit(sub: Subscriber, entry: LogEntry): StreamItem | undefined {
    if ((sub.cursor.get(entry.source) ?? 0) > entry.offset) return undefined; // already passed
    sub.cursor.set(entry.source, entry.offset + 1);
    const p = entry.payload;
    if (!p) return undefined;
    if (p.kind === 'alert') {
      if ((entry.muted && !sub.includeMuted) || !matches(sub.filter, p.alert)) return undefined;
      const position = encodeCursor(sub.cursor);
      return entry.muted
        ? { kind: 'alert', alert: p.alert, position, silenced: true }
        : { kind: 'alert', alert: p.alert, position };
    }
    if (!matchesAcknowledgement(sub.filter, p.ack)) return undefined;
    return { kind: 'ack', ack: p.ack, position: encodeCursor(sub.cursor) };
  }

  private cutOff(sub: Subscriber, message: string): void {
    this.subscribers.delete(sub);
    sub.queue.length = 0;
    sub.sink.overflow(message);
  }

  private enqueue(sub: Subscriber, item: StreamItem): void {
    if (sub.queue.length >= this.options.queueLimit) {
      this.cutOff(
        sub,
        `subscriber fell more than ${this.options.queueLimit} messages behind; reconnect with the last position received`,
      );
      return;
    }
    sub.queue.push(item);
    if (!sub.waitingForDrain) this.flush(sub);
  }

  private flush(sub: Subscriber): void {
    while (sub.queue.length > 0 && this.subscribers.has(sub)) {
      const item = sub.queue.shift()!;
      if (!sub.sink.write(item)) {
        sub.waitingForDrain = true;
        return;
      }
    }
    while (sub.replaySeq !== undefined && this.subscribers.has(sub)) {
      const seq = sub.replaySeq;
      if (seq >= this.firstSeq + this.log.length) {
        sub.replaySeq = undefined; // caught up: live from now on
        return;
      }
      const entry = this.log[seq - this.firstSeq];
      if (!entry) {
        this.cutOff(
          sub,
          'subscriber fell behind the replay buffer while resuming; reconnect with the last position received',
        );
        return;
      }
      sub.replaySeq = seq + 1;
      const item = this.visit(sub, entry);
      if (item && !sub.sink.write(item)) {
        sub.waitingForDrain = true;
        return;
      }
    }
  }
}
