// Test support (not exported): drives a CityPipeline with scripted events, one partition, in
// event-time order, and writes alerts and KPI facts as short strings with times in minutes from T0.
import type { Alert, CityEvent, LocatedEvent } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { RuleSet } from '@citybrain/rules';
import { CityPipeline, type PipelineKpi } from '@citybrain/pipeline';

/** 2026-11-25 08:00 in Longgang (UTC+8). */
export const T0 = Date.UTC(2026, 10, 25, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

const rel = (ms: number) => {
  const m = (ms - T0) / MIN;
  return Number.isInteger(m) ? String(m) : m.toFixed(2);
};

/** `rule grid status severity start[-end]`, times in minutes from T0. */
export function describeAlert(a: Alert): string {
  return `${a.rule} ${a.gridId} ${a.status} ${a.severity} ${rel(a.startsAtMs)}${a.endsAtMs === undefined ? '' : `-${rel(a.endsAtMs)}`}`;
}

/** What a scenario produced. */
export interface ScenarioRun {
  readonly alerts: Alert[];
  readonly described: string[];
  readonly kpi: {
    congestion: PipelineKpi['congestion'][number][];
    closures: PipelineKpi['closures'][number][];
    leadTimesMs: number[];
  };
  readonly pipeline: CityPipeline<number>;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, text] of a) if (b.get(name) !== text) return false;
  return true;
}

/** Locates grid events through the registry; point events are not used by scenarios. */
function locate(registry: GridRegistry, e: CityEvent): LocatedEvent {
  if (e.location.kind !== 'grid') throw new Error('scenarios use grid locations');
  const gridId = e.location.gridId;
  return { ...e, gridId, areaId: registry.grid(gridId)?.areaId ?? 'unknown' };
}

/**
 * Runs `events` (sorted by event time here) through a pipeline built from `ruleSet`: one batch per
 * event, processing time 10 ms apart, no out-of-orderness allowed; partitions never go idle, so only
 * event time closes windows. Deterministic.
 */
export function runScenario(
  ruleSet: RuleSet,
  registry: GridRegistry,
  events: readonly CityEvent[],
  options: {
    /**
     * Keeps a state store as the processor does (each batch's changed entries applied) and every N
     * events replaces the pipeline by a new one restored from it, after checking that it holds
     * exactly the pipeline's whole state.
     */
    readonly restoreEveryEvents?: number;
  } = {},
): ScenarioRun {
  const build = () =>
    new CityPipeline<number>(
      { graceMs: 0, watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 1e12 } },
      ruleSet,
      (gridId) => registry.grid(gridId)?.areaId,
    );
  let pipeline = build();
  const alerts: Alert[] = [];
  const kpi: ScenarioRun['kpi'] = { congestion: [], closures: [], leadTimesMs: [] };
  let now = 1_000_000;
  let offset = 0;
  const store = new Map<string, string>();
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  for (const e of sorted) {
    const out = pipeline.processBatch(
      [{ event: locate(registry, e), partition: 'p/0', offset, ref: offset }],
      (now += 10),
    );
    offset++;
    if (options.restoreEveryEvents !== undefined) {
      const { upserts, deletes } = pipeline.storeChanges();
      for (const name of deletes) store.delete(name);
      for (const [name, text] of upserts) store.set(name, text);
      if (offset % options.restoreEveryEvents === 0) {
        // The changes kept the store equal to the whole state; restore through it, as a take-over does.
        const whole = pipeline.storeEntries();
        if (!sameEntries(store, whole)) throw new Error('the state store drifted from the pipeline state');
        pipeline = build();
        pipeline.restoreStore(store);
      }
    }
    alerts.push(...out.alerts);
    kpi.congestion.push(...out.kpi.congestion);
    kpi.closures.push(...out.kpi.closures);
    kpi.leadTimesMs.push(...out.kpi.permitLeadTimes.map((p) => p.leadTimeMs));
  }
  return { alerts, described: alerts.map(describeAlert), kpi, pipeline };
}
