import type { GridWindow } from '@citybrain/codec';

/**
 * The latest window results per grid and aggregation (Kafka Streams' interactive query), rebuilt
 * from the compacted grid-state topic. A result for an older window never replaces a newer one.
 */
export class GridStateStore {
  private readonly byGrid = new Map<string, Map<string, GridWindow>>();

  /** Merges windows of a grid. */
  apply(gridId: string, windows: readonly GridWindow[]): void {
    let m = this.byGrid.get(gridId);
    if (!m) this.byGrid.set(gridId, (m = new Map<string, GridWindow>()));
    for (const w of windows) {
      const current = m.get(w.name);
      if (!current || current.startMs <= w.startMs) m.set(w.name, w);
    }
  }

  /** The latest windows of a grid, by aggregation name. */
  windows(gridId: string): GridWindow[] {
    return [...(this.byGrid.get(gridId)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  }
}
