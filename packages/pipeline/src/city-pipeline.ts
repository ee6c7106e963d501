import type { Alert, EventFamily, LocatedEvent, TrafficObservation } from '@citybrain/domain';
import {
  CityRuleEngine,
  compileMeasure,
  congestionLevel,
  congestionLevelRank,
  trafficStatsAggregator,
  type CompiledMeasure,
  type PermitLeadTime,
  type RuleSet,
  type ThresholdRule,
  type TrafficStats,
  type WorkOrderClosure,
  type OpenCaseEntry,
} from '@citybrain/rules';
import {
  HoppingWindows,
  SessionWindows,
  TumblingWindows,
  WatermarkTracker,
  eventTimeWindows,
  type Aggregator,
  type EngineInput,
  type EngineOutput,
  type KeyedEvent,
  type ReadToEnd,
  type WatermarkOptions,
  type WindowSpec,
  WindowEngine,
} from '@citybrain/windowing';
import type { PartitionsByFamily, PipelineSnapshot } from './pipeline-snapshot';
import {
  CLOCK,
  KPI,
  META,
  RULE,
  RULES,
  RULES_WATERMARK,
  STORE_VERSION,
  StoreEntryError,
  fromStoreEntries,
  headEntry,
  keyEntries,
  keyEntry,
  toStoreEntries,
  windowEntry,
  type KeyEntry,
  type MetaEntry,
  type RulesWatermarkEntry,
} from './store-entries';
import { withRecordRefs, type Measured, type RefKey } from './record-refs';
import { syncStage, type SyncStage } from './sync-stage';

export type { PartitionsByFamily, PipelineSnapshot } from './pipeline-snapshot';

/**
 * State-store entries changed since the previous {@link CityPipeline.storeChanges}: name → JSON text,
 * and names removed (possibly never written: the store skips those).
 */
export interface PipelineStoreChanges {
  readonly upserts: Map<string, string>;
  readonly deletes: Set<string>;
}

/** An event entering the pipeline, with where it came from (for safe commits and late output). */
export interface PipelineEvent<Ref> {
  readonly event: LocatedEvent;
  /** `topic/partition` of the source record. */
  readonly partition: string;
  readonly offset: number;
  /** The caller's handle on the source record (the raw record, to forward late events untouched). */
  readonly ref: Ref;
}

/**
 * How far a source partition's event time has come, without an event: what a task fed by a
 * repartition topic hears from the partitions whose events went to other tasks (Flink's watermark
 * broadcast), so that a source that sent it nothing does not hold its windows back.
 */
export interface SourceProgress {
  /** `topic/partition` of the source. */
  readonly partition: string;
  readonly family: EventFamily;
  /** The largest event time the source delivered so far (in the batch reported), epoch ms. */
  readonly eventTimeMs: number;
  /** Whether the batch reported read the source to its end (nothing pending there then). */
  readonly readToEnd?: boolean;
}

/** The window engine of the congestion-level KPI (not a rule). */
export const KPI_WINDOW = 'kpi-congestion';

/** An event that arrived after every window it belongs to had closed. */
export interface PipelineLateEvent<Ref> {
  /** The window engine that reported it: a threshold rule's id, or {@link KPI_WINDOW}. */
  readonly window: string;
  readonly ref: Ref;
  readonly event: LocatedEvent;
  readonly windowEndMs: number;
  readonly watermarkMs: number;
}

/** The state of one window engine, for metrics. */
export interface WindowState {
  /** Final window results the engine handed to its rule in this step (rule evaluations). */
  readonly evaluations: number;
  readonly watermarkMs: number;
  readonly openWindows: number;
  readonly maxEventTimeMs: number;
}

/** Facts for the KPI metrics. */
export interface PipelineKpi {
  /** Per grid, the worst congestion level (0 free … 4 severe) of its latest final KPI window. */
  readonly congestion: readonly {
    readonly gridId: string;
    readonly areaId: string;
    readonly level: number;
  }[];
  readonly closures: readonly WorkOrderClosure[];
  readonly permitLeadTimes: readonly PermitLeadTime[];
}

/** What one batch (or tick) produced. */
export interface PipelineOutput<Ref> {
  readonly alerts: readonly Alert[];
  readonly late: readonly PipelineLateEvent<Ref>[];
  /** Per window engine (threshold rule id, or {@link KPI_WINDOW}), for metrics. */
  readonly windows: ReadonlyMap<string, WindowState>;
  readonly kpi: PipelineKpi;
  /** Per grid and measure, the newest window that became final in this step. */
  readonly gridState: readonly GridWindowState[];
  /** The watermark that drives the rules' event-time timers (deadlines, staleness). */
  readonly clockWatermarkMs: number;
}

/**
 * The latest final window of one measure of a grid, for the gateway's `GetGridState` (Kafka
 * Streams' interactive query): published to a compacted topic keyed by grid.
 */
export interface GridWindowState {
  readonly gridId: string;
  /** The measure: a threshold rule's id, or {@link KPI_WINDOW}. */
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly aggregates: Readonly<Record<string, number>>;
}

/** Window and watermark settings of the pipeline. */
export interface PipelineSettings {
  /** Grace of windows whose rule sets none, ms. */
  readonly graceMs: number;
  readonly watermark: WatermarkOptions;
}

const finiteOrNull = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);

/**
 * What the window engines carry: a pipeline event, or a heartbeat — the newest event of a source
 * partition that the rule's filter rejected, under a key of its own and without an offset. It moves
 * the engine's watermark (a sparse measure such as accident clusters closes its windows on the
 * stream's event time, not on the processing-time fallback) without holding commits back, and its
 * windows are never evaluated.
 */
type Value<Ref> = PipelineEvent<Ref> & { readonly heartbeat?: true };

/** Key of heartbeat windows: no grid or area id contains a NUL. */
const HEARTBEAT_KEY = '\u0000heartbeat';

/** The value of a {@link SourceProgress} heartbeat: no event, no record. */
const PROGRESS_BEAT = Object.freeze({ heartbeat: true as const });

interface RuleWindows<Ref> {
  readonly rule: ThresholdRule;
  readonly measure: CompiledMeasure;
  readonly family: EventFamily;
  readonly engine: WindowEngine<Value<Ref>, unknown, Measured>;
  readonly stage: SyncStage<EngineInput<Value<Ref>>, EngineOutput<Value<Ref>, Measured>>;
  /**
   * Whether the engine gets each matching event of a batch as an input of its own (session windows,
   * which report every change early): an early result then holds exactly the events up to the one
   * that changed it, as when events come one at a time, so an alert's evidence does not depend on
   * how the input was batched. Their events are rare (accidents), so the extra inputs are cheap.
   */
  readonly perEvent: boolean;
  maxEventTimeMs: number;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The processor's pure core composed from the rule file: one event-time window engine per threshold
 * rule (its measure: stream, filter, window kind and size, aggregation, grid or area key), each
 * wrapped in the RxJS operator, the rule engine, a KPI window of traffic per grid, and an event-time
 * clock over every input partition for the rules' timers. No I/O: the caller passes processing time
 * in and gets alerts, late events and KPI facts out.
 */
export class CityPipeline<Ref> {
  private readonly rules: CityRuleEngine;
  private windows: RuleWindows<Ref>[] = [];
  private readonly kpiEngine: WindowEngine<Value<Ref>, unknown, TrafficStats>;
  private readonly kpiStage: SyncStage<EngineInput<Value<Ref>>, EngineOutput<Value<Ref>, TrafficStats>>;
  private kpiMaxEventTimeMs = Number.NEGATIVE_INFINITY;
  /**
   * Per grid, the level and start of its latest final KPI window: state, so that a task restored on
   * another thread or instance reports every grid's level at once, not only after its next window
   * (a quiet grid might have none for hours).
   */
  private congestionLevels = new Map<string, { level: number; startMs: number }>();
  private readonly clock: WatermarkTracker;
  private partitions: PartitionsByFamily | undefined;
  private lastNowMs = 0;
  // Change tracking for the state store: the small entries as last handed out (rewritten only when
  // their text changed), and entries of engines dropped by a reload or a restore, to remove.
  private readonly lastWritten = new Map<string, string>();
  private pendingDeletes = new Set<string>();
  // Keys to rewrite whatever the engines report: they held state in an engine that was dropped.
  private pendingKeys = new Set<string>();

  constructor(
    private readonly settings: PipelineSettings,
    ruleSet: RuleSet,
    private readonly areaOf: (gridId: string) => string | undefined,
  ) {
    this.rules = new CityRuleEngine(ruleSet, areaOf);
    this.windows = this.rules.thresholdRules().map((rule) => this.windowsOf(rule));
    this.kpiEngine = new WindowEngine<Value<Ref>, unknown, TrafficStats>({
      windows: TumblingWindows.of(ruleSet.kpi.congestionWindowMs, { graceMs: settings.graceMs }),
      // Only traffic observations reach the KPI engine, never a heartbeat.
      aggregator: eventAggregator<Ref, LocatedEvent<TrafficObservation>, unknown, TrafficStats>(
        trafficStatsAggregator,
      ),
      watermark: settings.watermark,
      trackChanges: true,
    });
    this.kpiStage = syncStage(eventTimeWindows(this.kpiEngine));
    this.clock = new WatermarkTracker(settings.watermark);
  }

  /** Whether the pipeline was ever assigned its input partitions (a task's always is before it processes). */
  get assigned(): boolean {
    return this.partitions !== undefined;
  }

  /** The latest processing time the pipeline was given, epoch ms (0 before any step). */
  get processingTimeMs(): number {
    return this.lastNowMs;
  }

  /** The rule set in force. */
  get ruleSet(): RuleSet {
    return this.rules.ruleSet;
  }

  private windowsOf(rule: ThresholdRule): RuleWindows<Ref> {
    const measure = compileMeasure(rule.measure, rule.scope);
    const w = rule.measure.window;
    const graceMs = w.graceMs > 0 ? w.graceMs : this.settings.graceMs;
    let windows: WindowSpec;
    switch (w.kind) {
      case 'tumbling':
        windows = TumblingWindows.of(w.sizeMs, { graceMs });
        break;
      case 'hopping':
        windows = HoppingWindows.of(w.sizeMs, w.advanceMs, { graceMs });
        break;
      case 'session':
        windows = SessionWindows.of(w.gapMs, { graceMs });
        break;
    }
    const engine = new WindowEngine<Value<Ref>, unknown, Measured>({
      windows,
      // The window's input records (bounded) ride beside the measure, for the alert's evidence.
      aggregator: withRecordRefs(
        eventAggregator<Ref, LocatedEvent, unknown, number>(measure.aggregator),
        EVIDENCE_KEY,
      ),
      watermark: this.settings.watermark,
      trackChanges: true,
      // A cluster is news while it grows: sessions report every change, and end when final.
      ...(w.kind === 'session' ? { emitEarlyEveryMs: 0 } : {}),
    });
    const stage = syncStage(eventTimeWindows(engine));
    const family: EventFamily =
      rule.measure.stream === 'traffic' || rule.measure.stream === 'incident'
        ? 'traffic'
        : rule.measure.stream;
    if (this.partitions !== undefined)
      stage.push({ kind: 'assign', partitions: this.partitions[family], nowMs: this.lastNowMs });
    return {
      rule,
      measure,
      family,
      engine,
      stage,
      perEvent: w.kind === 'session',
      maxEventTimeMs: Number.NEGATIVE_INFINITY,
    };
  }

  /**
   * Swaps in a new rule set: window engines of rules whose measure did not change keep their open
   * windows; new or changed rules start with empty windows. Returns the resolved messages of alerts
   * whose rule is gone or whose measure changed.
   */
  reload(ruleSet: RuleSet): Alert[] {
    const old = new Map(this.windows.map((w) => [w.rule.id, w]));
    const alerts = this.rules.reload(ruleSet);
    this.windows = this.rules.thresholdRules().map((rule) => {
      const kept = old.get(rule.id);
      if (kept !== undefined && sameJson(kept.rule.measure, rule.measure)) return { ...kept, rule };
      return this.windowsOf(rule);
    });
    for (const w of old.values())
      if (!this.windows.some((n) => n.stage === w.stage)) {
        w.stage.complete();
        this.forgetEngine(windowEntry(w.rule.id), w.engine);
      }
    return alerts;
  }

  /**
   * Processes one batch of decoded, located events received at processing time `nowMs`, then the
   * sources' `progress` (which moves watermarks as an event of that source and time would, without
   * entering any window). `readToEnd` says which source partitions are read to their end after this
   * batch (with the watermark option `idleRequiresEnd`, only those may go idle).
   */
  processBatch(
    events: readonly PipelineEvent<Ref>[],
    nowMs: number,
    progress: readonly SourceProgress[] = [],
    readToEnd?: ReadToEnd,
  ): PipelineOutput<Ref> {
    this.lastNowMs = nowMs;
    // Per engine, its inputs' events: one list, or (`perEvent`) one per matching event between the
    // heartbeats of the events before it.
    const inputs = this.windows.map((): KeyedEvent<Value<Ref>>[][] => [[]]);
    // Per engine and partition, the newest event the engine's filter rejected: its heartbeat.
    const heartbeats = this.windows.map(() => new Map<string, PipelineEvent<Ref>>());
    const flushBeats = (i: number) => {
      const beats = heartbeats[i]!;
      const last = inputs[i]!.at(-1)!;
      for (const [partition, pe] of beats)
        last.push({
          key: HEARTBEAT_KEY,
          timestampMs: pe.event.eventTimeMs,
          partition,
          value: { ...pe, heartbeat: true },
        });
      beats.clear();
    };
    const kpiIn: KeyedEvent<Value<Ref>>[] = [];
    const located: LocatedEvent[] = [];
    const windows = this.windows;
    for (const pe of events) {
      const e = pe.event;
      located.push(e);
      this.clock.observe(pe.partition, e.eventTimeMs, nowMs);
      // One keyed event per key an event is windowed under (its grid, its area), shared by engines.
      let byGrid: KeyedEvent<Value<Ref>> | undefined;
      let byArea: KeyedEvent<Value<Ref>> | undefined;
      for (let i = 0; i < windows.length; i++) {
        const w = windows[i]!;
        if (!w.measure.matches(e)) {
          if (e.family !== w.family) continue;
          const beats = heartbeats[i]!;
          const prev = beats.get(pe.partition);
          if (prev === undefined || e.eventTimeMs > prev.event.eventTimeMs) beats.set(pe.partition, pe);
          continue;
        }
        const key = w.measure.keyOf(e);
        let keyed: KeyedEvent<Value<Ref>>;
        if (key === e.gridId) keyed = byGrid ??= keyedEvent(key, pe);
        else if (key === e.areaId) keyed = byArea ??= keyedEvent(key, pe);
        else keyed = keyedEvent(key, pe);
        if (w.perEvent) {
          flushBeats(i);
          inputs[i]!.push([keyed], []);
        } else inputs[i]![0]!.push(keyed);
        if (e.eventTimeMs > w.maxEventTimeMs) w.maxEventTimeMs = e.eventTimeMs;
      }
      if (e.family === 'traffic' && e.type === 'observation') {
        kpiIn.push((byGrid ??= keyedEvent(e.gridId, pe)));
        if (e.eventTimeMs > this.kpiMaxEventTimeMs) this.kpiMaxEventTimeMs = e.eventTimeMs;
      }
    }
    heartbeats.forEach((_, i) => flushBeats(i));
    for (const p of progress) {
      this.clock.observe(p.partition, p.eventTimeMs, nowMs);
      // Only the flag is ever read from a heartbeat's value (aggregators and late reports skip it).
      const beat = {
        key: HEARTBEAT_KEY,
        timestampMs: p.eventTimeMs,
        partition: p.partition,
        value: PROGRESS_BEAT,
      };
      this.windows.forEach((w, i) => {
        if (w.family === p.family) inputs[i]!.at(-1)!.push(beat as KeyedEvent<Value<Ref>>);
      });
      if (p.family === 'traffic') kpiIn.push(beat as KeyedEvent<Value<Ref>>);
    }
    const step = this.rules.onEvents(located);
    this.readTo(readToEnd);
    const read = readToEnd === undefined ? {} : { readToEnd };
    return this.step(
      step.alerts,
      (i) => inputs[i]!.map((events) => ({ kind: 'events', events, nowMs, ...read })),
      { kind: 'events', events: kpiIn, nowMs, ...read },
      nowMs,
      step,
    );
  }

  /**
   * Tells the windows which source partitions are assigned (after a consumer-group rebalance):
   * an assigned partition holds the watermark back until it delivers or goes idle, so the first
   * batch fetched from one partition cannot make another partition's older events late.
   */
  assign(partitions: PartitionsByFamily, nowMs: number): PipelineOutput<Ref> {
    this.lastNowMs = nowMs;
    this.partitions = partitions;
    this.clock.assign([...partitions.traffic, ...partitions.permit, ...partitions.case], nowMs);
    const out = this.step(
      [],
      (i) => [{ kind: 'assign', partitions: partitions[this.windows[i]!.family], nowMs }],
      { kind: 'assign', partitions: partitions.traffic, nowMs },
      nowMs,
    );
    // Every known grid's level (a restored task's included), then what this step closed.
    const known = [...this.congestionLevels].map(([gridId, { level }]) => ({
      gridId,
      areaId: this.areaOf(gridId) ?? 'unknown',
      level,
    }));
    return { ...out, kpi: { ...out.kpi, congestion: [...known, ...out.kpi.congestion] } };
  }

  /** The congestion levels as stored: `[gridId, level, startMs]`, by grid id. */
  private levelsSnapshot(): [string, number, number][] {
    return [...this.congestionLevels]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([gridId, { level, startMs }]) => [gridId, level, startMs]);
  }

  /**
   * Advances processing time: idle partitions stop holding watermarks back; timers fire.
   * `readToEnd` as for {@link processBatch}.
   */
  tick(nowMs: number, readToEnd?: ReadToEnd): PipelineOutput<Ref> {
    this.lastNowMs = nowMs;
    this.readTo(readToEnd);
    const tick = { kind: 'tick' as const, nowMs, ...(readToEnd === undefined ? {} : { readToEnd }) };
    return this.step([], () => [tick], tick, nowMs);
  }

  /** Every source partition assigned, as read to its end: what a task passes when all its input is. */
  allReadToEnd(): ReadToEnd {
    const p = this.partitions;
    return new Map(p === undefined ? [] : [...p.traffic, ...p.permit, ...p.case].map((n) => [n, true]));
  }

  private readTo(readToEnd: ReadToEnd | undefined): void {
    if (readToEnd !== undefined) for (const [p, atEnd] of readToEnd) this.clock.readTo(p, atEnd);
  }

  private step(
    alerts: Alert[],
    inputsOf: (i: number) => EngineInput<Value<Ref>>[],
    kpiInput: EngineInput<Value<Ref>>,
    nowMs: number,
    events?: { closures: WorkOrderClosure[]; permitLeadTimes: PermitLeadTime[] },
  ): PipelineOutput<Ref> {
    const late: PipelineLateEvent<Ref>[] = [];
    const seenLate = new Set<Ref>();
    const windows = new Map<string, WindowState>();
    const gridState = new Map<string, GridWindowState>();
    const addLate = (
      window: string,
      l: { event: KeyedEvent<Value<Ref>>; windowEndMs: number; watermarkMs: number },
    ) => {
      // One late record per source record, even when several engines found it late.
      if (seenLate.has(l.event.value.ref)) return;
      seenLate.add(l.event.value.ref);
      late.push({
        window,
        ref: l.event.value.ref,
        event: l.event.value.event,
        windowEndMs: l.windowEndMs,
        watermarkMs: l.watermarkMs,
      });
    };
    this.windows.forEach((w, i) => {
      const outs = inputsOf(i).map((input) => w.stage.push(input));
      const out = outs.length === 1 ? outs[0]! : mergeOutputs(outs);
      const results = out.results
        .filter((r) => r.key !== HEARTBEAT_KEY)
        .map((r) => ({ ...r, value: r.value.value, records: r.value.records }));
      alerts.push(...this.rules.onWindows(w.rule.id, results));
      for (const r of results)
        if (r.final && this.areaOf(r.key) !== undefined)
          keepLatest(gridState, {
            gridId: r.key,
            name: w.rule.id,
            startMs: r.window.startMs,
            endMs: r.window.endMs,
            aggregates: { value: r.value, count: r.count },
          });
      for (const l of out.late) if (l.event.value.heartbeat !== true) addLate(w.rule.id, l);
      windows.set(w.rule.id, {
        evaluations: results.reduce((n, r) => n + (r.final ? 1 : 0), 0),
        watermarkMs: out.watermarkMs,
        openWindows: out.openWindows,
        maxEventTimeMs: w.maxEventTimeMs,
      });
    });
    const k = this.kpiStage.push(kpiInput);
    for (const l of k.late) if (l.event.value.heartbeat !== true) addLate(KPI_WINDOW, l);
    windows.set(KPI_WINDOW, {
      evaluations: 0,
      watermarkMs: k.watermarkMs,
      openWindows: k.openWindows,
      maxEventTimeMs: this.kpiMaxEventTimeMs,
    });
    const congestion: { gridId: string; areaId: string; level: number }[] = [];
    const bands = this.rules.ruleSet.kpi.speedBandsKmh;
    for (const r of k.results) {
      if (!r.final || r.key === HEARTBEAT_KEY) continue;
      let level = -1;
      for (const [roadClass, stats] of Object.entries(r.value.byRoadClass)) {
        if (stats === undefined || !Number.isFinite(stats.meanSpeedKmh) || stats.meanSpeedKmh < 0) continue;
        const l = congestionLevelRank(
          congestionLevel(roadClass as keyof typeof bands, stats.meanSpeedKmh, bands),
        );
        level = Math.max(level, l);
      }
      if (level >= 0) {
        congestion.push({ gridId: r.key, areaId: this.areaOf(r.key) ?? 'unknown', level });
        const latest = this.congestionLevels.get(r.key);
        if (latest === undefined || latest.startMs <= r.window.startMs)
          this.congestionLevels.set(r.key, { level, startMs: r.window.startMs });
      }
      const aggregates: Record<string, number> = { count: r.count };
      if (level >= 0) aggregates['congestionLevel'] = level;
      for (const [roadClass, stats] of Object.entries(r.value.byRoadClass)) {
        if (stats === undefined) continue;
        if (Number.isFinite(stats.meanSpeedKmh)) aggregates[`${roadClass}.meanSpeedKmh`] = stats.meanSpeedKmh;
        aggregates[`${roadClass}.observations`] = stats.observationCount;
      }
      keepLatest(gridState, {
        gridId: r.key,
        name: KPI_WINDOW,
        startMs: r.window.startMs,
        endMs: r.window.endMs,
        aggregates,
      });
    }
    const clockWatermarkMs = this.clock.advance(nowMs);
    if (Number.isFinite(clockWatermarkMs)) alerts.push(...this.rules.onWatermark(clockWatermarkMs));
    return {
      alerts,
      late,
      windows,
      gridState: [...gridState.values()],
      kpi: {
        congestion,
        closures: events?.closures ?? [],
        permitLeadTimes: events?.permitLeadTimes ?? [],
      },
      clockWatermarkMs,
    };
  }

  /** The whole state, for the processor's changelogged state store. */
  snapshot(): PipelineSnapshot {
    return {
      version: 2,
      windows: this.windows.map((w) => ({
        id: w.rule.id,
        measure: w.rule.measure,
        engine: w.engine.snapshot(),
        maxEventTimeMs: finiteOrNull(w.maxEventTimeMs),
      })),
      kpi: {
        engine: this.kpiEngine.snapshot(),
        maxEventTimeMs: finiteOrNull(this.kpiMaxEventTimeMs),
        levels: this.levelsSnapshot(),
      },
      clock: this.clock.snapshot(),
      rules: this.rules.snapshot(),
      partitions: this.partitions ?? null,
      lastNowMs: this.lastNowMs,
    };
  }

  /**
   * Replaces the state with a snapshot's, for the rules in force: a window engine whose rule is gone
   * or whose measure changed starts empty (as a {@link reload} would). Processing times are kept as
   * they are: the processor's processing time comes from the input records, so a restore continues
   * on the same clock. Returns the ids of the snapshot's window engines it dropped.
   * @throws SnapshotError (from the windowing package) on a malformed snapshot.
   */
  restore(snap: PipelineSnapshot): string[] {
    const saved = new Map(snap.windows.map((w) => [w.id, w]));
    const keep = { rebaseProcessingTime: false };
    for (const w of this.windows) {
      const s = saved.get(w.rule.id);
      if (s === undefined || !sameJson(s.measure, w.rule.measure)) continue;
      saved.delete(w.rule.id);
      w.engine.restore(s.engine, keep);
      w.maxEventTimeMs = s.maxEventTimeMs ?? Number.NEGATIVE_INFINITY;
    }
    this.kpiEngine.restore(snap.kpi.engine, keep);
    this.kpiMaxEventTimeMs = snap.kpi.maxEventTimeMs ?? Number.NEGATIVE_INFINITY;
    this.congestionLevels = new Map(
      (snap.kpi.levels ?? []).map(([gridId, level, startMs]) => [gridId, { level, startMs }]),
    );
    this.clock.restore(snap.clock, false);
    this.rules.restore(snap.rules);
    this.partitions = snap.partitions ?? undefined;
    this.lastNowMs = snap.lastNowMs;
    this.lastWritten.clear();
    this.pendingDeletes.clear();
    this.pendingKeys.clear();
    return [...saved.keys()];
  }

  /** The whole state as state-store entries (name → JSON text): what the store holds once every change is committed. */
  storeEntries(): Map<string, string> {
    return toStoreEntries(this.snapshot());
  }

  /**
   * Restores the state from state-store entries ({@link storeEntries}); returns false for an empty
   * store (the pipeline stays fresh). Reads the current layout and layout 2 (one `rules` entry, the
   * previous release's). Entries of window engines dropped on the way (rule gone or measure changed),
   * rule entries not restored and layout 2's `rules` entry are removed by the next
   * {@link storeChanges}, which writes every rule entry.
   * @throws StoreEntryError or SnapshotError when the entries cannot be read.
   */
  restoreStore(entries: ReadonlyMap<string, string>): boolean {
    const snap = fromStoreEntries(entries);
    if (snap === undefined) return false;
    const dropped = new Set(this.restore(snap).map(windowEntry));
    // The rules hand out all their entries after a restore: every other rule entry of the store
    // (a rule gone, a subject not restored) and layout 2's single `rules` entry go.
    for (const name of entries.keys())
      if (name.startsWith(RULE) || name === RULES) this.pendingDeletes.add(name);
    for (const name of dropped) {
      this.pendingDeletes.add(name);
      this.pendingDeletes.add(headEntry(name));
    }
    const engines = new Map<string, WindowEngine<Value<Ref>, unknown, unknown>>([[KPI, this.kpiEngine]]);
    for (const w of this.windows)
      if (!dropped.has(windowEntry(w.rule.id))) engines.set(windowEntry(w.rule.id), w.engine);
    for (const [key, entry] of keyEntries(entries))
      for (const name in entry) {
        const engine = engines.get(name);
        if (engine !== undefined) engine.restoreKey(key, entry[name]!);
        // The key's part in a dropped engine: rewrite the key without it.
        else if (dropped.has(name)) this.pendingKeys.add(key);
        else throw new StoreEntryError(`state store entry ${keyEntry(key)}: no engine ${name} in the store`);
      }
    return true;
  }

  /**
   * The state-store entries changed since the previous call (or since the pipeline was built or
   * restored): the small entries whose text changed (clock, the rules' watermark, engine heads), the
   * entries of the rules and permits / work orders whose state changed (the rules say which: the
   * others are not even serialised) and the entries of the keys whose windows changed in any engine
   * — O(changes), not O(state). The caller commits them, or restores from the store after a failed
   * commit (nothing here needs rolling back).
   */
  storeChanges(): PipelineStoreChanges {
    const upserts = new Map<string, string>();
    const deletes = this.pendingDeletes;
    const keys = this.pendingKeys;
    this.pendingDeletes = new Set();
    this.pendingKeys = new Set();
    const small = (name: string, value: unknown) => {
      const text = JSON.stringify(value);
      if (this.lastWritten.get(name) === text) return;
      this.lastWritten.set(name, text);
      upserts.set(name, text);
    };
    small(META, {
      version: STORE_VERSION,
      partitions: this.partitions ?? null,
      lastNowMs: this.lastNowMs,
    } satisfies MetaEntry);
    small(CLOCK, this.clock.snapshot());
    small(RULES_WATERMARK, { watermarkMs: this.rules.watermark } satisfies RulesWatermarkEntry);
    // Only the rules and subjects that changed: an unchanged rule is not even serialised.
    for (const name of this.rules.takeChangedStateEntries()) {
      const entry = this.rules.stateEntry(name);
      if (entry === undefined) deletes.add(RULE + name);
      else upserts.set(RULE + name, JSON.stringify(entry));
    }
    small(KPI, { maxEventTimeMs: finiteOrNull(this.kpiMaxEventTimeMs), levels: this.levelsSnapshot() });
    small(headEntry(KPI), this.kpiEngine.headSnapshot());
    for (const key of this.kpiEngine.takeChangedKeys()) keys.add(key);
    for (const w of this.windows) {
      const name = windowEntry(w.rule.id);
      small(name, { id: w.rule.id, measure: w.rule.measure, maxEventTimeMs: finiteOrNull(w.maxEventTimeMs) });
      small(headEntry(name), w.engine.headSnapshot());
      for (const key of w.engine.takeChangedKeys()) keys.add(key);
    }
    // A changed key's entry holds its state in every engine, changed there or not.
    for (const key of keys) {
      let entry: KeyEntry | undefined;
      const add = (name: string, state: KeyEntry[string] | undefined) => {
        if (state !== undefined) (entry ??= {})[name] = state;
      };
      add(KPI, this.kpiEngine.keySnapshot(key));
      for (const w of this.windows) add(windowEntry(w.rule.id), w.engine.keySnapshot(key));
      if (entry === undefined) deletes.add(keyEntry(key));
      else upserts.set(keyEntry(key), JSON.stringify(entry));
    }
    for (const name of upserts.keys()) deletes.delete(name);
    return { upserts, deletes };
  }

  /** Schedules the removal of a dropped window engine's entries and the rewrite of its keys. */
  private forgetEngine(name: string, e: WindowEngine<Value<Ref>, unknown, unknown>): void {
    this.pendingDeletes.add(name);
    this.pendingDeletes.add(headEntry(name));
    this.lastWritten.delete(name);
    this.lastWritten.delete(headEntry(name));
    // Keys holding state, and keys changed since the last call (written before, gone since).
    for (const key of e.stateKeys()) this.pendingKeys.add(key);
    for (const key of e.takeChangedKeys()) this.pendingKeys.add(key);
  }

  /** The rules' open work orders and permits, for the case view (see `OpenCaseTracker`). */
  openCases(): Iterable<OpenCaseEntry> {
    return this.rules.openCases();
  }

  /** Open work orders per grid, for the backlog gauge. */
  openWorkOrders(): Map<string, { areaId: string; count: number }> {
    return this.rules.openWorkOrders();
  }

  /** Alerts currently firing. */
  activeAlerts(): Alert[] {
    return this.rules.activeAlerts();
  }
}

/** The outputs of an engine's inputs in a row, as one: their results and late events in order, the last state. */
function mergeOutputs<E, R>(outs: readonly EngineOutput<E, R>[]): EngineOutput<E, R> {
  const last = outs.at(-1)!;
  return {
    ...last,
    results: outs.flatMap((o) => o.results),
    late: outs.flatMap((o) => o.late),
    invalid: outs.flatMap((o) => o.invalid),
  };
}

/** Keeps, per grid and measure, the window that starts last. */
function keepLatest(into: Map<string, GridWindowState>, w: GridWindowState): void {
  const key = `${w.gridId}\u0000${w.name}`;
  const current = into.get(key);
  if (!current || current.startMs <= w.startMs) into.set(key, w);
}

/** Where a pipeline value sits in a window's evidence: its event's time and id (heartbeats none). */
const EVIDENCE_KEY: RefKey<Value<unknown>> = {
  timeOf: (v) => (v.heartbeat === true ? undefined : v.event.eventTimeMs),
  idOf: (v) => v.event.eventId,
};

/** The engine input of a pipeline event under `key`. */
function keyedEvent<Ref>(key: string, pe: PipelineEvent<Ref>): KeyedEvent<Value<Ref>> {
  return { key, timestampMs: pe.event.eventTimeMs, partition: pe.partition, value: pe };
}

/**
 * Adapts an aggregator of domain events to the pipeline's event wrapper, leaving heartbeats out
 * (their windows are never read); keeps its snapshot form. One call per event and engine: no
 * chain of wrappers.
 */
function eventAggregator<Ref, E extends LocatedEvent, A, R>(
  agg: Aggregator<E, A, R>,
): Aggregator<Value<Ref>, unknown, R> {
  const mapped: Aggregator<Value<Ref>, unknown, R> = {
    init: () => agg.init(),
    add: (acc, v) => (v.heartbeat === true ? acc : agg.add(acc as A, v.event as E)),
    merge: (a, b) => agg.merge(a as A, b as A),
    result: (acc) => agg.result(acc as A),
  };
  if (agg.serialize) mapped.serialize = (acc) => agg.serialize!(acc as A);
  if (agg.deserialize) mapped.deserialize = (json) => agg.deserialize!(json);
  return mapped;
}
