import type { CityEvent } from '@citybrain/domain';
import TinyQueue from 'tinyqueue';
import type { Random } from './random';

interface Entry {
  /** When the event leaves the queue: its event time plus a bounded random delay. */
  readonly emitAtMs: number;
  /** Insertion order: ties leave in the order they came, so the stream is fully determined. */
  readonly seq: number;
  readonly event: CityEvent;
}

const byEmitTime = (a: Entry, b: Entry): number => a.emitAtMs - b.emitAtMs || a.seq - b.seq;

/**
 * The generator's merge point: event families push events in any order (a case pushes all its future
 * stages at once), and the queue releases them by event time. With a disorder bound `d > 0` each event
 * is released at its event time plus a random delay in `[0, d]`, so an event leaves at most `d` ms of
 * event time after a later one. Events at or after `endMs` are dropped: the scenario ends there.
 */
export class EventQueue {
  private readonly heap = new TinyQueue<Entry>([], byEmitTime);
  private seq = 0;

  constructor(
    private readonly endMs: number,
    private readonly maxDisorderMs: number,
    private readonly rng: Random,
  ) {}

  /** Queues an event; drops it if it happens at or after the end of the scenario. */
  push(event: CityEvent): void {
    if (event.eventTimeMs >= this.endMs) return;
    const delay = this.maxDisorderMs > 0 ? Math.floor(this.rng.float() * (this.maxDisorderMs + 1)) : 0;
    this.heap.push({ emitAtMs: event.eventTimeMs + delay, seq: this.seq++, event });
  }

  /** Removes and returns the next event due before `beforeMs`, if any. */
  popBefore(beforeMs: number): CityEvent | undefined {
    const head = this.heap.peek();
    if (head === undefined || head.emitAtMs >= beforeMs) return undefined;
    this.heap.pop();
    return head.event;
  }

  /** Events waiting. */
  get size(): number {
    return this.heap.length;
  }
}
