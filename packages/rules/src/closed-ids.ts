/** A closed subject (incident or permit) and the event time of the event that closed it, epoch ms. */
export interface ClosedId {
  readonly id: string;
  readonly closedAtMs: number;
}

/**
 * Ids of closed subjects, remembered for a while so that a late update cannot re-open them (a late
 * `onGoing` after `solved`, a late `review` after `permitIssued`). Forgotten once the watermark passes
 * `closedAtMs + retentionMs`, which bounds the memory.
 */
export class ClosedIds {
  private readonly closedAtMs = new Map<string, number>();
  // Ids added or forgotten since the last takeChanged(): what the state store must rewrite.
  private changed = new Set<string>();

  constructor(entries: readonly ClosedId[] = []) {
    for (const e of entries) this.closedAtMs.set(e.id, e.closedAtMs);
  }

  /**
   * Whether `id` is closed as of event time `atMs`: an id whose retention ended before `atMs` counts
   * as forgotten even when no watermark has expired it yet, so the answer does not depend on whether
   * the watermark moved before this event was seen (batching).
   */
  has(id: string, atMs: number, retentionMs: number): boolean {
    const at = this.closedAtMs.get(id);
    return at !== undefined && !(atMs > at + retentionMs);
  }

  add(id: string, closedAtMs: number): void {
    this.closedAtMs.set(id, closedAtMs);
    this.changed.add(id);
  }

  /** When `id` was closed, if it is remembered. */
  closedAtOf(id: string): number | undefined {
    return this.closedAtMs.get(id);
  }

  /** The ids remembered. */
  ids(): IterableIterator<string> {
    return this.closedAtMs.keys();
  }

  /** Ids added or forgotten since the previous call (or since construction). */
  takeChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  /** Forgets the ids closed more than `retentionMs` before `watermarkMs`. */
  expire(watermarkMs: number, retentionMs: number): void {
    for (const [id, at] of this.closedAtMs)
      if (watermarkMs > at + retentionMs) {
        this.closedAtMs.delete(id);
        this.changed.add(id);
      }
  }

  /** Entries sorted by id, for snapshots. */
  entries(): ClosedId[] {
    return [...this.closedAtMs]
      .map(([id, closedAtMs]) => ({ id, closedAtMs }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
