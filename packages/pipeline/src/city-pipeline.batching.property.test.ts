// Output is a function of the input, not of how it was cut into batches: the pipeline built from the
// shipped rule file, fed the same events (same processing time per event) one at a time and in random
// batchings, raises the same alerts. Precondition, which the windowing defines and does not change
// here: events are at most `maxOutOfOrdernessMs` behind their partition's newest (otherwise whether an
// event is late depends on whether the event that overtook it came in the same batch).
import { readFileSync } from 'node:fs';
import type {
  Alert,
  CaseEvent,
  IncidentStatus,
  LocatedEvent,
  PermitEvent,
  PermitStage,
  RoadClass,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import { parseRuleSet, type RuleSet } from '@citybrain/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { CityPipeline, type PipelineEvent } from './city-pipeline';

const rules: RuleSet = parseRuleSet(
  YAML.parse(readFileSync(new URL('../../../deploy/config/rules.yaml', import.meta.url), 'utf8')),
);

/** 2026-11-25 08:00 in Longgang (UTC+8). */
const T0 = Date.UTC(2026, 10, 25, 0, 0);
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OUT_OF_ORDER_MS = 2 * SEC;

const GRIDS = ['G001', 'G002', 'G007', 'G025', 'G040'] as const;
/** G001 and G002 are in A01 (the area override of the sustained congestion rule). */
const areaOf = (gridId: string): string | undefined =>
  gridId === 'G001' || gridId === 'G002' ? 'A01' : gridId === 'G007' ? 'A02' : 'A03';
const TRAFFIC_PARTITIONS = ['traffic/0', 'traffic/1'];
const trafficPartitionOf = (gridId: string) => TRAFFIC_PARTITIONS[Number(gridId.slice(1)) % 2]!;
const PARTITIONS = { traffic: TRAFFIC_PARTITIONS, permit: ['permit/0'], case: ['case/0'] };

/** What one generated event says, before it gets its time, partition and offset. */
type Draft =
  | { f: 'obs'; grid: string; roadClass: RoadClass; speed: number }
  | { f: 'inc'; grid: string; incident: string; status: IncidentStatus; injured: number; vehicles: number }
  | { f: 'case'; grid: string; caseId: string; stage: CaseEvent['stage']; urgent: boolean }
  | { f: 'permit'; grid: string; permitId: string; stage: PermitStage };

const grid = fc.constantFrom(...GRIDS);
const draft: fc.Arbitrary<Draft> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      f: fc.constant('obs' as const),
      grid,
      roadClass: fc.constantFrom<RoadClass>('expressway', 'arterial', 'secondary'),
      speed: fc.constantFrom(5, 12, 17, 19, 25, 45, 60),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      f: fc.constant('inc' as const),
      grid: fc.constantFrom('G007', 'G025'),
      incident: fc.constantFrom('I-1', 'I-2', 'I-3', 'I-4', 'I-5', 'I-6'),
      status: fc.constantFrom<IncidentStatus>('onGoing', 'onGoing', 'solved'),
      injured: fc.constantFrom(0, 0, 1),
      vehicles: fc.constantFrom(1, 2, 3),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      f: fc.constant('case' as const),
      grid: fc.constantFrom('G002', 'G040'),
      caseId: fc.constantFrom('C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'C-7', 'C-8'),
      stage: fc.constantFrom<CaseEvent['stage']>('received', 'received', 'dispatched', 'accepted', 'closed'),
      urgent: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      f: fc.constant('permit' as const),
      grid,
      permitId: fc.constantFrom('P-1', 'P-2', 'P-3'),
      stage: fc.constantFrom<PermitStage>('filed', 'review', 'permitIssued'),
    }),
  },
);
/** Event-time steps: bursts, minutes (windows), hours and days (sessions, deadlines, permits). */
const step = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 20 * SEC }) },
  { weight: 3, arbitrary: fc.integer({ min: 20 * SEC, max: 5 * MIN }) },
  { weight: 1, arbitrary: fc.integer({ min: 5 * MIN, max: 40 * MIN }) },
  { weight: 1, arbitrary: fc.constantFrom(2 * HOUR, 1 * DAY, 3 * DAY) },
);
/**
 * An item is one event, or a burst of it every few seconds (a jam on one road, a flurry of reports) so
 * that windows reach their `min_count` and thresholds often enough for every rule to fire.
 */
const item = fc.record({
  draft,
  stepMs: step,
  lagMs: fc.integer({ min: 0, max: OUT_OF_ORDER_MS }),
  repeat: fc.oneof(
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 40 }) },
  ),
  everyMs: fc.integer({ min: 1 * SEC, max: 40 * SEC }),
});
type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

/** Expands bursts: repeated reports are new cases (`C-3` → `C-3-2`, …), repeated accidents new ones. */
function expand(items: readonly Item[]): { draft: Draft; stepMs: number; lagMs: number }[] {
  return items.flatMap((it) =>
    Array.from({ length: it.repeat }, (_, k) => {
      const d = it.draft;
      const renamed: Draft =
        k === 0
          ? d
          : d.f === 'case'
            ? { ...d, caseId: `${d.caseId}-${k}` }
            : d.f === 'inc'
              ? { ...d, incident: `${d.incident}-${k}` }
              : d;
      return { draft: renamed, stepMs: k === 0 ? it.stepMs : it.everyMs, lagMs: it.lagMs };
    }),
  );
}

let n = 0;
/** Builds the events: a base clock that never goes back, each event at most 2 s behind it. */
function build(items: readonly { draft: Draft; stepMs: number; lagMs: number }[]): PipelineEvent<number>[] {
  let base = T0;
  const offsets = new Map<string, number>();
  const events = items.map(({ draft: d, stepMs, lagMs }) => {
    base += stepMs;
    const common = {
      eventId: `e-${++n}`,
      eventTimeMs: base - lagMs,
      source: 'test',
      location: { kind: 'grid' as const, gridId: d.grid },
      gridId: d.grid,
      areaId: areaOf(d.grid)!,
    };
    let event: LocatedEvent;
    let partition: string;
    switch (d.f) {
      case 'obs':
        event = {
          ...common,
          family: 'traffic',
          type: 'observation',
          refRoadSegment: `${d.grid}-${d.roadClass}`,
          roadClass: d.roadClass,
          laneId: 0,
          intensity: 20,
          occupancy: 0.3,
          averageVehicleSpeedKmh: d.speed,
        } satisfies LocatedEvent<TrafficObservation>;
        partition = trafficPartitionOf(d.grid);
        break;
      case 'inc':
        event = {
          ...common,
          family: 'traffic',
          type: 'incident',
          incidentId: `${d.grid}-${d.incident}`,
          incidentType: 'accident',
          status: d.status,
          injured: d.injured,
          dead: 0,
          vehiclesInvolved: d.vehicles,
          description: 'collision',
        } satisfies LocatedEvent<TrafficIncident>;
        partition = trafficPartitionOf(d.grid);
        break;
      case 'case':
        event = {
          ...common,
          family: 'case',
          caseId: d.caseId,
          stage: d.stage,
          serviceCode: 'waste.dumping',
          urgency: d.urgent ? 'urgent' : 'normal',
          channel: 'resident',
          description: 'waste',
        } satisfies LocatedEvent<CaseEvent>;
        partition = 'case/0';
        break;
      case 'permit':
        event = {
          ...common,
          family: 'permit',
          permitId: d.permitId,
          projectName: 'project',
          stage: d.stage,
        } satisfies LocatedEvent<PermitEvent>;
        partition = 'permit/0';
        break;
    }
    const offset = offsets.get(partition) ?? 0;
    offsets.set(partition, offset + 1);
    return { event, partition, offset, ref: offset };
  });
  // Ten days later, one event per partition: every window, session and deadline is decided.
  base += 10 * DAY;
  for (const partition of [...TRAFFIC_PARTITIONS, 'permit/0', 'case/0']) {
    const family = partition.startsWith('traffic') ? 'obs' : partition.startsWith('case') ? 'case' : 'permit';
    const flush = build1(family, base, partition, offsets.get(partition) ?? 0);
    events.push(flush);
  }
  return events;
}

function build1(
  family: 'obs' | 'case' | 'permit',
  atMs: number,
  partition: string,
  offset: number,
): PipelineEvent<number> {
  const common = {
    eventId: `flush-${partition}`,
    eventTimeMs: atMs,
    source: 'test',
    location: { kind: 'grid' as const, gridId: 'G040' },
    gridId: 'G040',
    areaId: 'A03',
  };
  const event: LocatedEvent =
    family === 'obs'
      ? {
          ...common,
          family: 'traffic',
          type: 'observation',
          refRoadSegment: 'G040-x',
          roadClass: 'expressway',
          laneId: 0,
          intensity: 1,
          occupancy: 0,
          averageVehicleSpeedKmh: 80,
        }
      : family === 'case'
        ? {
            ...common,
            family: 'case',
            caseId: 'C-flush',
            stage: 'closed',
            serviceCode: 'waste.dumping',
            urgency: 'normal',
            channel: 'resident',
            description: '',
          }
        : { ...common, family: 'permit', permitId: 'P-flush', projectName: '', stage: 'rejected' };
  return { event, partition, offset, ref: offset };
}

/** Processing time of event `i`: 10 ms apart. A batch is processed at the time of its last event. */
const processingTimeOf = (i: number) => 1_000_000 + 10 * i;

/** Runs the events cut at `cuts` (indices where a new batch starts); the alerts after each batch. */
function run(events: readonly PipelineEvent<number>[], cuts: ReadonlySet<number>) {
  const pipeline = new CityPipeline<number>(
    // Partitions never go idle and no processing-time fallback: only the events move event time.
    {
      graceMs: 0,
      watermark: { maxOutOfOrdernessMs: OUT_OF_ORDER_MS, idleTimeoutMs: Number.POSITIVE_INFINITY },
    },
    rules,
    areaOf,
  );
  pipeline.assign(PARTITIONS, processingTimeOf(0));
  const alerts: Alert[] = [];
  /** Index of the last event of each batch → the latest message of every alert at that point. */
  const states = new Map<number, Map<string, Alert>>();
  const latest = new Map<string, Alert>();
  let batch: PipelineEvent<number>[] = [];
  events.forEach((e, i) => {
    batch.push(e);
    if (i + 1 < events.length && !cuts.has(i + 1)) return;
    const out = pipeline.processBatch(batch, processingTimeOf(i));
    batch = [];
    for (const a of out.alerts) {
      alerts.push(a);
      latest.set(a.alertId, a);
    }
    states.set(i, new Map(latest));
  });
  return { alerts, states, active: pipeline.activeAlerts() };
}

/**
 * Per alert id, its messages in order, a run of firing messages collapsed to its last one: a growing
 * session re-emits its firing message at each batch that changed it, so one at a time says "3, 4, 5
 * accidents" where one batch says "5". Every other message must be the same.
 */
function canonical(alerts: readonly Alert[]): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>();
  for (const a of alerts) {
    const list = out.get(a.alertId) ?? [];
    const last = list[list.length - 1];
    if (last?.status === 'firing' && a.status === 'firing' && a.rule === 'accident-cluster')
      list[list.length - 1] = a;
    else list.push(a);
    out.set(a.alertId, list);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `id status severity value [start,end)` per message, times in minutes from T0. */
function brief(byId: ReadonlyMap<string, readonly Alert[]>): string[] {
  const m = (ms: number) => Math.round((ms - T0) / 1000) / 60;
  return [...byId.values()]
    .flat()
    .map(
      (a) =>
        `${a.alertId.replace(/@\d+$/, `@${m(a.startsAtMs)}`)} ${a.status} ${a.severity} ${a.value} [${m(a.window.startMs)},${m(a.window.endMs)})${a.endsAtMs === undefined ? '' : ` ends ${m(a.endsAtMs)}`}`,
    );
}

describe('CityPipeline: the alerts do not depend on the batching', () => {
  it('an accident cluster that opens and closes inside one batch fires, as one at a time', () => {
    // Three accidents 6 minutes apart: a cluster that opens and, ten days later, closes.
    const items = ['I-1', 'I-2', 'I-3'].map((incident, i) => {
      const d: Draft = { f: 'inc', grid: 'G007', incident, status: 'onGoing', injured: 0, vehicles: 2 };
      return { draft: d, stepMs: i === 0 ? 0 : 6 * MIN, lagMs: 0 };
    });
    const events = build(items);
    const oneBatch = run(events, new Set());
    const oneByOne = run(events, new Set(events.map((_, i) => i)));
    expect(oneBatch.alerts.map((a) => `${a.rule} ${a.status} ${a.value}`)).toEqual([
      'accident-cluster firing 3',
      'accident-cluster resolved 3',
    ]);
    expect(canonical(oneBatch.alerts)).toEqual(canonical(oneByOne.alerts));
  });

  it('random batchings of random city input give the same alerts as one event at a time', () => {
    let fired = 0;
    const rulesSeen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (items, rawCuts) => {
          const events = build(expand(items));
          const cuts = new Set(rawCuts.map((c) => c % events.length));
          const reference = run(events, new Set(events.map((_, i) => i)));
          const batched = run(events, cuts);
          // Compact lines first, for a readable counterexample; then every field.
          expect(brief(canonical(batched.alerts))).toEqual(brief(canonical(reference.alerts)));
          expect(canonical(batched.alerts)).toEqual(canonical(reference.alerts));
          // At every batch boundary of the batched run, every alert stands where it stands one at a time.
          for (const [i, state] of batched.states) expect(state).toEqual(reference.states.get(i));
          expect(batched.active).toEqual(reference.active);
          fired += reference.alerts.length;
          for (const a of reference.alerts) rulesSeen.add(a.rule);
        },
      ),
      // BATCHING_RUNS=2000 for a longer search; 100 keeps the unit suite quick on 2 shared cores.
      {
        numRuns: Number(process.env['BATCHING_RUNS'] ?? 100),
        ...(process.env['BATCHING_SEED'] ? { seed: Number(process.env['BATCHING_SEED']) } : {}),
      },
    );
    // The generator reaches the rules: alerts of (nearly) every kind were compared.
    expect(fired).toBeGreaterThan(100);
    expect([...rulesSeen].sort()).toEqual(
      expect.arrayContaining([
        'accident-cluster',
        'case-backlog-spike',
        'permit-overdue',
        'serious-accident',
        'traffic-congestion',
        'traffic-congestion-sustained',
        'work-order-overdue',
      ]),
    );
  }, 120_000);
});
