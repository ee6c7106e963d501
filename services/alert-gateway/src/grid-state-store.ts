/** The latest result of one window aggregation of a grid. */
export interface GridWindow {
  /** Which aggregation, e.g. `traffic-1m`. */
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Numeric aggregates, e.g. `{ avgSpeedKmh: 12, count: 40 }`. */
  readonly aggregates: Readonly<Record<string, number>>;
}

/**
 * Parses a record of the grid-state topic: key = grid id, value = JSON
 * `{ "gridId": "G001", "windows": [{ "name", "startMs", "endMs", "aggregates": { "<name>": <number> } }] }`.
 * Invalid windows are dropped; `undefined` when nothing usable remains.
 */
export function parseGridStateRecord(
  value: Buffer | null,
): { gridId: string; windows: GridWindow[] } | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value.toString('utf8')) as { gridId?: unknown; windows?: unknown };
    if (typeof v.gridId !== 'string' || !Array.isArray(v.windows)) return undefined;
    const windows: GridWindow[] = [];
    for (const w of v.windows as Record<string, unknown>[]) {
      if (typeof w.name !== 'string' || typeof w.startMs !== 'number' || typeof w.endMs !== 'number')
        continue;
      const aggregates: Record<string, number> = {};
      for (const [k, x] of Object.entries((w.aggregates ?? {}) as Record<string, unknown>))
        if (typeof x === 'number' && Number.isFinite(x)) aggregates[k] = x;
      windows.push({ name: w.name, startMs: w.startMs, endMs: w.endMs, aggregates });
    }
    return { gridId: v.gridId, windows };
  } catch {
    return undefined;
  }
}

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
