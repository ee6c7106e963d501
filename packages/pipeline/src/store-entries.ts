import type { PipelineSnapshot } from './city-pipeline';

// Store entry names. Separate entries, so that a batch touching only traffic windows rewrites only
// those in the changelog.
const META = 'meta';
const CLOCK = 'clock';
const RULES = 'rules';
const KPI = 'kpi';
const WINDOW = 'window/';

interface MetaEntry {
  readonly version: 1;
  readonly partitions: PipelineSnapshot['partitions'];
  readonly lastNowMs: number;
}

/**
 * The pipeline's state as named store entries (JSON text) for a changelogged state store: the
 * rules, the clock and one entry per window engine's clock and per key (grid or area) of its open
 * windows, so that a batch rewrites only what it touched.
 */
export function toStoreEntries(s: PipelineSnapshot): Map<string, string> {
  const entries = new Map<string, string>();
  entries.set(
    META,
    JSON.stringify({ version: 1, partitions: s.partitions, lastNowMs: s.lastNowMs } satisfies MetaEntry),
  );
  entries.set(CLOCK, JSON.stringify(s.clock));
  entries.set(RULES, JSON.stringify(s.rules));
  const { engine: kpiEngine, ...kpiRest } = s.kpi;
  entries.set(KPI, JSON.stringify(kpiRest));
  splitEngine(entries, KPI, kpiEngine);
  for (const { engine, ...rest } of s.windows) {
    entries.set(WINDOW + rest.id, JSON.stringify(rest));
    splitEngine(entries, WINDOW + rest.id, engine);
  }
  return entries;
}

// A window engine's state is stored as one entry for its clock and one per key (grid or area) for
// its open windows: a batch rewrites only the keys it touched, not the whole engine.
const KEY_SEPARATOR = '|';
type EngineSnapshot = PipelineSnapshot['kpi']['engine'];
interface KeyEntry {
  readonly open: EngineSnapshot['open'];
  readonly records: EngineSnapshot['records'];
}

function splitEngine(entries: Map<string, string>, name: string, engine: EngineSnapshot): void {
  const byKey = new Map<
    string,
    { open: EngineSnapshot['open'][number][]; records: EngineSnapshot['records'][number][] }
  >();
  const of = (key: string) => {
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { open: [], records: [] }));
    return e;
  };
  for (const w of engine.open) of(w.key).open.push(w);
  for (const r of engine.records) of(r.key).records.push(r);
  entries.set(`${name}${KEY_SEPARATOR}`, JSON.stringify({ ...engine, open: [], records: [] }));
  for (const [key, e] of byKey)
    entries.set(`${name}${KEY_SEPARATOR}${encodeURIComponent(key)}`, JSON.stringify(e satisfies KeyEntry));
}

function joinEngine(entries: ReadonlyMap<string, string>, name: string): EngineSnapshot {
  const head = entries.get(`${name}${KEY_SEPARATOR}`);
  if (head === undefined) throw new Error(`state store entry ${name}${KEY_SEPARATOR} is missing`);
  const engine = JSON.parse(head) as EngineSnapshot;
  const prefix = `${name}${KEY_SEPARATOR}`;
  const keyed: [string, KeyEntry][] = [];
  for (const [n, text] of entries)
    if (n.startsWith(prefix) && n.length > prefix.length)
      keyed.push([decodeURIComponent(n.slice(prefix.length)), JSON.parse(text) as KeyEntry]);
  // The engine's snapshot lists windows sorted by key, then start.
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...engine,
    open: keyed.flatMap(([, e]) => e.open),
    records: keyed.flatMap(([, e]) => e.records),
  };
}

/** The pipeline snapshot stored as entries ({@link toStoreEntries}), or undefined for an empty store. */
export function fromStoreEntries(entries: ReadonlyMap<string, string>): PipelineSnapshot | undefined {
  const meta = entries.get(META);
  if (meta === undefined) return undefined;
  const m = JSON.parse(meta) as MetaEntry;
  const parse = <T>(name: string): T => {
    const text = entries.get(name);
    if (text === undefined) throw new Error(`state store entry ${name} is missing`);
    return JSON.parse(text) as T;
  };
  type WindowRest = Omit<PipelineSnapshot['windows'][number], 'engine'>;
  const windows: PipelineSnapshot['windows'][number][] = [];
  for (const [name, text] of entries)
    if (name.startsWith(WINDOW) && !name.includes(KEY_SEPARATOR))
      windows.push({ ...(JSON.parse(text) as WindowRest), engine: joinEngine(entries, name) });
  return {
    version: 1,
    windows,
    kpi: { ...parse<Omit<PipelineSnapshot['kpi'], 'engine'>>(KPI), engine: joinEngine(entries, KPI) },
    clock: parse<PipelineSnapshot['clock']>(CLOCK),
    rules: parse<PipelineSnapshot['rules']>(RULES),
    partitions: m.partitions,
    lastNowMs: m.lastNowMs,
  };
}
