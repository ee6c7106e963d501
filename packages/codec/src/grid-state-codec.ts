/** The latest result of one window aggregation of a grid (a record of the grid-state topic). */
export interface GridWindow {
  /** Which aggregation: a threshold rule's id, or the congestion KPI window. */
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Numeric aggregates, e.g. `{ value: 12, count: 40 }`. */
  readonly aggregates: Readonly<Record<string, number>>;
}

/** A record of the grid-state topic, ready for a producer. */
export interface GridStateRecord {
  readonly topic: string;
  /** `<gridId>/<name>`: compaction keeps the newest window of every measure of every grid. */
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The record that publishes a grid's latest final window of one measure (written by the processor,
 * read by the gateway's `GetGridState`): key `<gridId>/<name>`, value JSON
 * `{ "gridId", "windows": [{ "name", "startMs", "endMs", "aggregates": { "<name>": <number> } }] }`.
 */
export function gridStateRecord(topic: string, gridId: string, window: GridWindow): GridStateRecord {
  return {
    topic,
    key: `${gridId}/${window.name}`,
    value: Buffer.from(JSON.stringify({ gridId, windows: [window] })),
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * Decodes a grid-state record's value. Invalid windows are dropped; `undefined` when nothing usable
 * remains (the caller logs and counts it). Never throws on input.
 */
export function decodeGridStateRecord(
  value: Uint8Array | null,
): { gridId: string; windows: GridWindow[] } | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(Buffer.from(value).toString('utf8')) as { gridId?: unknown; windows?: unknown };
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
