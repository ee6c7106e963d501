import type { Alert } from '@citybrain/domain';
import { matches, type AlertFilter } from './alert-filter';

/** A message for a subscriber: an alert with its stream position, or a heartbeat. */
export type StreamItem =
  | { readonly kind: 'alert'; readonly alert: Alert; readonly position: string }
  | { readonly kind: 'heartbeat'; readonly atMs: number; readonly position: string };

/** The transport side of one subscriber (a gRPC server stream in production, a fake in unit tests). */
export interface SubscriberSink {
  /** Writes one item; returns false when the transport's buffer is full (wait for `onDrain`). */
  write(item: StreamItem): boolean;
  onDrain(listener: () => void): void;
  /** Ends the stream with an error because the subscriber cannot keep up. */
  overflow(message: string): void;
}

interface Subscriber {
  readonly filter: AlertFilter;
  readonly sink: SubscriberSink;
  readonly queue: StreamItem[];
  waitingForDrain: boolean;
}

/**
 * Fans alerts out to subscribers. Each subscriber has a bounded queue drained at the pace its
 * transport accepts (`write() === false` → wait for drain); one that falls `queueLimit` items behind
 * is closed with an overflow, so a slow client never grows the server's memory or slows the others.
 */
export class SubscriberHub {
  private readonly subscribers = new Set<Subscriber>();
  private lastPosition = '';

  constructor(private readonly queueLimit: number) {}

  /** Number of open subscriptions. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(filter: AlertFilter, sink: SubscriberSink): () => void {
    const sub: Subscriber = { filter, sink, queue: [], waitingForDrain: false };
    this.subscribers.add(sub);
    sink.onDrain(() => {
      sub.waitingForDrain = false;
      this.flush(sub);
    });
    return () => {
      this.subscribers.delete(sub);
    };
  }

  /** Delivers an alert to every subscriber whose filter matches; returns how many it was queued for. */
  publish(alert: Alert, position: string): number {
    this.lastPosition = position;
    let n = 0;
    for (const sub of this.subscribers) {
      if (!matches(sub.filter, alert)) continue;
      this.enqueue(sub, { kind: 'alert', alert, position });
      n++;
    }
    return n;
  }

  /** Sends a heartbeat to every subscriber (idle streams stay alive and dead ones are noticed). */
  heartbeat(atMs: number): void {
    for (const sub of this.subscribers) {
      // A subscriber with a backlog is not idle: it needs no heartbeat.
      if (sub.queue.length === 0) this.enqueue(sub, { kind: 'heartbeat', atMs, position: this.lastPosition });
    }
  }

  private enqueue(sub: Subscriber, item: StreamItem): void {
    if (sub.queue.length >= this.queueLimit) {
      this.subscribers.delete(sub);
      sub.queue.length = 0;
      sub.sink.overflow(
        `subscriber fell more than ${this.queueLimit} messages behind; reconnect and resynchronise`,
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
  }
}
