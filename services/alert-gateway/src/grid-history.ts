import type { GridWindow } from '@citybrain/codec';

/** How much history a grid keeps by default: an hour of event time before its newest window. */
export const GRID_HISTORY_SPAN_MS = 60 * 60 * 1000;
/** A bound on the windows kept per grid whatever their span (a grid with a burst of tiny windows). */
export const GRID_HISTORY_MAX_WINDOWS = 5000;

/**
 * A bounded ring of each grid's recent final windows, all aggregations together, fed from the
 * grid-state stream: the windows that ended within {@link GRID_HISTORY_SPAN_MS} of the grid's
 * newest one. A second result for the same window (a replay) replaces the first. Memory: at most
 * {@link GRID_HISTORY_MAX_WINDOWS} per grid; with 1-minute windows and ten aggregations, 600.
 */
export class GridHistory {
  /** Per grid, windows sorted by end, then name. */
  private readonly byGrid = new Map<string, GridWindow[]>();

  constructor(
    private readonly spanMs = GRID_HISTORY_SPAN_MS,
    private readonly maxWindows = GRID_HISTORY_MAX_WINDOWS,
  ) {}

  /** Adds windows of a grid and drops those that fell out of its span. */
  apply(gridId: string, windows: readonly GridWindow[]): void {
    let ring = this.byGrid.get(gridId);
    if (!ring) this.byGrid.set(gridId, (ring = []));
    for (const w of windows) {
      // Results arrive nearly in order: search from the end.
      let i = ring.length;
      while (i > 0 && order(ring[i - 1]!, w) > 0) i--;
      const prev = ring[i - 1];
      if (prev !== undefined && prev.name === w.name && prev.startMs === w.startMs && prev.endMs === w.endMs)
        ring[i - 1] = w;
      else ring.splice(i, 0, w);
    }
    const newestEnd = ring[ring.length - 1]?.endMs ?? 0;
    let drop = 0;
    while (drop < ring.length && ring[drop]!.endMs < newestEnd - this.spanMs) drop++;
    drop = Math.max(drop, ring.length - this.maxWindows);
    if (drop > 0) ring.splice(0, drop);
  }

  /**
   * The windows of a grid that ended at most `spanMs` before its newest one, oldest first,
   * optionally only the aggregations in `names`.
   */
  windows(gridId: string, spanMs = this.spanMs, names: readonly string[] = []): GridWindow[] {
    const ring = this.byGrid.get(gridId) ?? [];
    const newestEnd = ring[ring.length - 1]?.endMs ?? 0;
    const only = names.length > 0 ? new Set(names) : undefined;
    return ring.filter((w) => w.endMs >= newestEnd - spanMs && (only === undefined || only.has(w.name)));
  }
}

function order(a: GridWindow, b: GridWindow): number {
  return a.endMs - b.endMs || a.startMs - b.startMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
