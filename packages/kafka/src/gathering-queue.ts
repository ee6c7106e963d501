/** A caller's items waiting for the request in flight to land. */
interface Waiting<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Sends what callers hand over one request at a time, gathering the items of every call made while a
 * request is in flight, in call order, into the next one. A broker answers a connection's requests
 * one at a time (and an idempotent producer keeps one in flight), so N callers each sending on their
 * own would wait N round trips in a row; gathered, they wait at most two. Each caller resolves when
 * the request holding its items lands, or rejects with that request's error.
 */
export class GatheringQueue<T> {
  private waiting: Waiting<T>[] = [];
  private busy = false;

  /** @param send sends the gathered calls' items (one array per call, in call order) as one request. */
  constructor(private readonly send: (calls: readonly (readonly T[])[]) => Promise<void>) {}

  /** Queues `items` for the next request; an empty list resolves at once. */
  submit(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  /** Sends what is waiting, all of it at once, until nothing waits. */
  private async drain(): Promise<void> {
    this.busy = true;
    while (this.waiting.length > 0) {
      const calls = this.waiting;
      this.waiting = [];
      try {
        await this.send(calls.map((c) => c.items));
        for (const c of calls) c.resolve();
      } catch (err: unknown) {
        for (const c of calls) c.reject(err);
      }
    }
    this.busy = false;
  }
}
