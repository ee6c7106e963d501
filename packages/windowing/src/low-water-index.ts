import { MinHeap } from './min-heap';

/** The offsets held in one partition: a min-heap with lazy deletion. */
class HeldOffsets {
  readonly heap = new MinHeap();
  /** Offsets released but still in the heap, with their multiplicity. */
  readonly released = new Map<number, number>();
  live = 0;

  lowest(): number | undefined {
    for (let top = this.heap.peek(); top !== undefined; top = this.heap.peek()) {
      const n = this.released.get(top);
      if (n === undefined) return top;
      this.heap.pop();
      if (n === 1) this.released.delete(top);
      else this.released.set(top, n - 1);
    }
    return undefined;
  }

  /** Rebuilds the heap without released entries once they outnumber the live ones. */
  compactIfSparse(): void {
    if (this.heap.size < 64 || this.heap.size < 2 * this.live) return;
    const kept: number[] = [];
    for (let v = this.heap.pop(); v !== undefined; v = this.heap.pop()) {
      const n = this.released.get(v);
      if (n === undefined) kept.push(v);
      else if (n === 1) this.released.delete(v);
      else this.released.set(v, n - 1);
    }
    for (const v of kept) this.heap.push(v);
  }
}

/**
 * Per partition, the multiset of offsets held by open windows (each window's lowest offset per
 * partition) and by retained sliding-window events, so that the lowest one is known without scanning
 * every window: `hold` and `release` are O(log n), `lowest` amortised O(log n) per released entry.
 * Internal to the engine, which calls `hold` when a window's held offset appears or decreases and
 * `release` when it is replaced, merged away or closed.
 */
export class LowWaterIndex {
  private readonly partitions = new Map<string, HeldOffsets>();

  hold(partition: string, offset: number): void {
    let h = this.partitions.get(partition);
    if (h === undefined) {
      h = new HeldOffsets();
      this.partitions.set(partition, h);
    }
    h.heap.push(offset);
    h.live++;
  }

  release(partition: string, offset: number): void {
    const h = this.partitions.get(partition);
    if (h === undefined) return;
    h.live--;
    if (h.live === 0) {
      this.partitions.delete(partition);
      return;
    }
    h.released.set(offset, (h.released.get(offset) ?? 0) + 1);
    h.compactIfSparse();
  }

  /** The lowest held offset of every partition that holds any. */
  lowest(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [partition, h] of this.partitions) {
      const lowest = h.lowest();
      if (lowest !== undefined) out.set(partition, lowest);
    }
    return out;
  }

  clear(): void {
    this.partitions.clear();
  }
}
