import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { Alert, EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import {
  CityPipeline,
  type PartitionsByFamily,
  type PipelineOutput,
  type PipelineSettings,
  type PipelineSnapshot,
} from '@citybrain/pipeline';
import type { RuleSet } from '@citybrain/rules';
import type { TaskLogic, TaskPartitions, TaskStep } from '@citybrain/stream-runtime';
import type { Accounting } from './accounting';
import { decodeBatch, type RejectedRecord } from './decode-batch';
import { outputRecords, type OutputTopics } from './output-records';

/** The processor's input topics by event family. */
export type InputTopics = Readonly<Record<EventFamily, string>>;

/** What the city task needs. */
export interface CityTaskDeps {
  readonly settings: PipelineSettings;
  readonly registry: GridRegistry;
  readonly inputs: InputTopics;
  readonly outputs: OutputTopics;
  readonly accounting: Accounting;
}

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
 * The processor's task: decode → {@link CityPipeline} → output records, with the whole pipeline
 * state as store entries for the runtime's changelog. Pure apart from metrics, which it reports only
 * for steps whose commit landed.
 */
export class CityTask implements TaskLogic {
  private pipeline: CityPipeline<IncomingRecord>;
  private pendingAssignment: TaskPartitions | undefined;
  private readonly familyOf: ReadonlyMap<string, EventFamily>;

  constructor(
    private readonly deps: CityTaskDeps,
    private ruleSet: RuleSet,
  ) {
    this.pipeline = this.build();
    this.familyOf = new Map(
      Object.entries(deps.inputs).map(([family, topic]) => [topic, family as EventFamily]),
    );
  }

  restore(entries: ReadonlyMap<string, string>, partitions: TaskPartitions): TaskStep {
    this.pipeline = this.build();
    const snap = assemble(entries);
    if (!snap) {
      // A fresh task has no processing time yet: its partitions are assigned at the first one seen,
      // or they would all look idle since the epoch and the first batch could make the others late.
      this.pendingAssignment = partitions;
      return { records: [] };
    }
    this.pendingAssignment = undefined;
    this.pipeline.restore(snap);
    const startedAt = Date.now();
    const out = this.pipeline.assign(this.byFamily(partitions), this.pipeline.processingTimeMs);
    return this.step(out, [], startedAt);
  }

  process(batch: IncomingBatch, nowMs: number): TaskStep {
    const first = this.assignPending(nowMs);
    const startedAt = Date.now();
    const family = this.familyOf.get(batch.topic);
    if (!family) throw new Error(`unexpected topic ${batch.topic}`);
    const decoded = decodeBatch(batch, family, TOPIC_BY_FAMILY[family], this.deps.registry);
    const out = this.pipeline.processBatch(decoded.events, nowMs);
    const step = this.step(out, decoded.rejected, startedAt);
    return {
      records: [...first.records, ...step.records],
      committed: () => {
        first.committed?.();
        this.deps.accounting.batch(batch.topic, batch.partition, batch.records.length, decoded.rejected);
        step.committed?.();
      },
    };
  }

  punctuate(nowMs: number): TaskStep {
    const first = this.assignPending(nowMs);
    const step = this.step(this.pipeline.tick(nowMs), [], Date.now());
    return {
      records: [...first.records, ...step.records],
      committed: () => {
        first.committed?.();
        step.committed?.();
      },
    };
  }

  private assignPending(nowMs: number): TaskStep {
    const partitions = this.pendingAssignment;
    if (partitions === undefined) return { records: [] };
    this.pendingAssignment = undefined;
    return this.step(this.pipeline.assign(this.byFamily(partitions), nowMs), [], Date.now());
  }

  /**
   * Swaps in a new rule set (kept windows keep their state) and resolves the alerts of rules that
   * are gone; the processor runs it between batches with {@link StreamThread.runExclusive}.
   */
  reload(next: RuleSet): TaskStep {
    this.ruleSet = next;
    const startedAt = Date.now();
    const resolved = this.pipeline.reload(next);
    const out = this.pipeline.tick(this.pipeline.processingTimeMs);
    return this.step({ ...out, alerts: [...resolved, ...out.alerts] }, [], startedAt);
  }

  snapshot(): ReadonlyMap<string, string> {
    const s = this.pipeline.snapshot();
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

  /** Alerts firing now (for tests and the shutdown log). */
  activeAlerts(): Alert[] {
    return this.pipeline.activeAlerts();
  }

  private build(): CityPipeline<IncomingRecord> {
    return new CityPipeline<IncomingRecord>(
      this.deps.settings,
      this.ruleSet,
      (gridId) => this.deps.registry.grid(gridId)?.areaId,
    );
  }

  private byFamily(partitions: TaskPartitions): PartitionsByFamily {
    const names = (topic: string) => (partitions.get(topic) ?? []).map((p) => `${topic}/${p}`);
    return {
      traffic: names(this.deps.inputs.traffic),
      permit: names(this.deps.inputs.permit),
      case: names(this.deps.inputs.case),
    };
  }

  private step(
    out: PipelineOutput<IncomingRecord>,
    rejected: readonly RejectedRecord[],
    startedAtMs: number,
  ): TaskStep {
    const open = this.pipeline.openWorkOrders();
    return {
      records: outputRecords(this.deps.outputs, out, rejected),
      committed: () => this.deps.accounting.step(out, open, startedAtMs),
    };
  }
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

/** The pipeline snapshot stored as entries, or undefined for an empty store. */
function assemble(entries: ReadonlyMap<string, string>): PipelineSnapshot | undefined {
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
