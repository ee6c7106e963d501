import type { WireGridWindowState } from '@citybrain/proto';

/** One chart's data: window ends (Unix seconds) and the aggregate's value at each. */
export interface ChartSeries {
  /** `<window name> · <aggregate>`, e.g. `kpi-congestion · arterial.meanSpeedKmh`. */
  readonly key: string;
  /** What the chart shows: speed, volume, cases or another aggregate. */
  readonly measure: 'speed' | 'volume' | 'cases' | 'other';
  readonly xs: number[];
  readonly ys: number[];
}

/** The congestion KPI window's name, as the processor publishes it (see `KPI_WINDOW`). */
const KPI_WINDOW = 'kpi-congestion';

function measureOf(window: string, aggregate: string): ChartSeries['measure'] {
  if (window === KPI_WINDOW && aggregate.endsWith('.meanSpeedKmh')) return 'speed';
  if (window === KPI_WINDOW && aggregate === 'count') return 'volume';
  if (window.startsWith('case-') && aggregate === 'value') return 'cases';
  return 'other';
}
const RANK = { speed: 0, volume: 1, cases: 2, other: 3 } as const;

/**
 * The drill-down's time series from a grid's history (`GetGridHistory`, oldest first): one per
 * window name and aggregate, speed first, then volume, then case counts, then the rest; at most
 * `limit` of them.
 */
export function seriesOf(windows: readonly WireGridWindowState[], limit = 6): ChartSeries[] {
  const byKey = new Map<string, { measure: ChartSeries['measure']; points: Map<number, number> }>();
  for (const w of windows) {
    const end = Number(w.window?.end?.seconds ?? 0);
    for (const a of w.aggregates) {
      const key = `${w.name} · ${a.name}`;
      let s = byKey.get(key);
      if (!s) byKey.set(key, (s = { measure: measureOf(w.name, a.name), points: new Map() }));
      s.points.set(end, a.value);
    }
  }
  return [...byKey]
    .sort(([ka, a], [kb, b]) => RANK[a.measure] - RANK[b.measure] || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, limit)
    .map(([key, s]) => {
      const xs = [...s.points.keys()].sort((a, b) => a - b);
      return { key, measure: s.measure, xs, ys: xs.map((x) => s.points.get(x)!) };
    });
}
