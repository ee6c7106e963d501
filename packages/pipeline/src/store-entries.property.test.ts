// The state store is kept by the pipeline's changes alone (each batch's upserts and deletes applied,
// as the changelog is): whatever the input and its batching, the store equals the whole state after
// every batch, and a pipeline restored from it carries on as the original does. What this guards is
// the change tracking — the window engines' changed keys and the rules' changed rules and subjects —
// since an entry a change forgot would only show after a restore.
import { readFileSync } from 'node:fs';
import type { LocatedEvent } from '@citybrain/domain';
import { parseRuleSet, type RuleSet } from '@citybrain/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { CityPipeline, type PipelineEvent } from './city-pipeline';

const rules: RuleSet = parseRuleSet(
  YAML.parse(readFileSync(new URL('../../../deploy/config/rules.yaml', import.meta.url), 'utf8')),
);
const T0 = Date.UTC(2026, 10, 25, 0, 0);
const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const GRIDS = ['G001', 'G002', 'G007'];
const areaOf = (gridId: string): string => (gridId === 'G007' ? 'A02' : 'A01');
const PARTITIONS = { traffic: ['t/0'], permit: ['p/0'], case: ['c/0'] };
const settings = { graceMs: 0, watermark: { maxOutOfOrdernessMs: 2 * SEC, idleTimeoutMs: 1e12 } };

/** One generated event, before its time: every family, and the stages that open, move and close subjects. */
const draft = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      f: fc.constant('obs' as const),
      grid: fc.constantFrom(...GRIDS),
      speed: fc.constantFrom(5, 12, 19, 45),
      repeat: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      f: fc.constant('inc' as const),
      grid: fc.constantFrom(...GRIDS),
      id: fc.constantFrom('I-1', 'I-2', 'I-3', 'I-4', 'I-5'),
      status: fc.constantFrom('onGoing', 'onGoing', 'solved'),
      // A burst of distinct accidents (I-1, I-1-1, …) makes clusters.
      repeat: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      f: fc.constant('case' as const),
      grid: fc.constantFrom(...GRIDS),
      id: fc.constantFrom('C-1', 'C-2', 'C-3', 'C-4'),
      stage: fc.constantFrom('received', 'received', 'dispatched', 'bounced', 'accepted', 'closed'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      f: fc.constant('permit' as const),
      grid: fc.constantFrom(...GRIDS),
      id: fc.constantFrom('P-1', 'P-2', 'P-3'),
      stage: fc.constantFrom('filed', 'review', 'permitIssued', 'rejected'),
    }),
  },
);
/** Steps of event time: seconds (windows fill), minutes (they close), hours and days (deadlines, retention). */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 * SEC }) },
  { weight: 3, arbitrary: fc.integer({ min: 30 * SEC, max: 20 * MIN }) },
  { weight: 1, arbitrary: fc.constantFrom(2 * HOUR, DAY + HOUR, 9 * DAY) },
);
const input = fc.array(fc.record({ draft, stepMs: step, cut: fc.boolean() }), {
  minLength: 1,
  maxLength: 50,
});

type Items = typeof input extends fc.Arbitrary<infer T> ? T : never;

let n = 0;
/** The events in batches: each item's events, a new batch where `cut` says. */
function batches(items: Items): PipelineEvent<number>[][] {
  let t = T0;
  const out: PipelineEvent<number>[][] = [[]];
  for (const { draft: d, stepMs, cut } of items) {
    t += stepMs;
    if (cut) out.push([]);
    const common = {
      eventTimeMs: t,
      source: 's',
      location: { kind: 'grid', gridId: d.grid },
      gridId: d.grid,
      areaId: areaOf(d.grid),
    };
    const push = (partition: string, event: Record<string, unknown>) =>
      out.at(-1)!.push({
        event: { ...common, eventId: `e${++n}`, ...event } as unknown as LocatedEvent,
        partition,
        offset: n,
        ref: n,
      });
    switch (d.f) {
      case 'obs':
        for (let i = 0; i < d.repeat; i++)
          push('t/0', {
            family: 'traffic',
            type: 'observation',
            refRoadSegment: `${d.grid}-r`,
            roadClass: 'arterial',
            laneId: 0,
            intensity: 20,
            occupancy: 0.3,
            averageVehicleSpeedKmh: d.speed,
          });
        break;
      case 'inc':
        for (let i = 0; i < d.repeat; i++)
          push('t/0', {
            family: 'traffic',
            type: 'incident',
            incidentId: i === 0 ? d.id : `${d.id}-${i}`,
            incidentType: 'accident',
            status: d.status,
            injured: 1,
            dead: 0,
            vehiclesInvolved: 2,
            description: 'collision',
          });
        break;
      case 'case':
        push('c/0', {
          family: 'case',
          caseId: d.id,
          stage: d.stage,
          serviceCode: 'waste.dumping',
          urgency: 'urgent',
          channel: 'resident',
          description: 'waste',
        });
        break;
      case 'permit':
        push('p/0', { family: 'permit', permitId: d.id, projectName: 'project', stage: d.stage });
        break;
    }
  }
  return out.filter((b) => b.length > 0);
}

const build = () => new CityPipeline<number>(settings, rules, areaOf);

/** A pipeline with the state store its changes keep. */
function withStore(pipeline: CityPipeline<number>, store = new Map<string, string>()) {
  const apply = () => {
    const { upserts, deletes } = pipeline.storeChanges();
    for (const name of deletes) store.delete(name);
    for (const [name, text] of upserts) store.set(name, text);
  };
  return { pipeline, store, apply };
}

describe('CityPipeline state store kept by its changes', () => {
  it('equals the whole state after every batch, and restores a pipeline that carries on alike', () => {
    const runs = Number(process.env['STORE_RUNS'] ?? 150);
    let checked = 0;
    let alerts = 0;
    fc.assert(
      fc.property(input, fc.nat(), (items, at) => {
        const a = withStore(build());
        let nowMs = 1_000_000;
        a.pipeline.assign(PARTITIONS, nowMs);
        a.apply();
        const all = batches(items);
        const restoreAfter = at % all.length;
        let b: ReturnType<typeof withStore> | undefined;
        for (const [i, batch] of all.entries()) {
          nowMs += 1_000;
          const out = a.pipeline.processBatch(batch, nowMs);
          a.apply();
          expect(a.store).toEqual(a.pipeline.storeEntries());
          checked++;
          alerts += out.alerts.length;
          if (b !== undefined) {
            // The restored pipeline goes on alike, its own store kept by its own changes.
            expect(b.pipeline.processBatch(batch, nowMs).alerts).toEqual(out.alerts);
            b.apply();
            expect(b.store).toEqual(a.store);
          }
          if (i === restoreAfter) {
            // A take-over here: a new pipeline restored from the store.
            b = withStore(build(), new Map(a.store));
            expect(b.pipeline.restoreStore(b.store)).toBe(true);
            b.apply();
            expect(b.store).toEqual(a.store);
          }
        }
      }),
      { numRuns: runs },
    );
    // The generator really exercised the store: several batches per run, and alerts (a lower tail
    // seen in CI was 465 batches over 150 runs, so the guard sits well under the usual ≈ 4 per run).
    expect(checked).toBeGreaterThan(2 * runs);
    expect(alerts).toBeGreaterThan(runs / 5);
  }, 120_000);
});
