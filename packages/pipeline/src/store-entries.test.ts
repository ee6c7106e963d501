import { readFileSync } from 'node:fs';
import type { LocatedEvent } from '@citybrain/domain';
import { parseRuleSet, type RuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { CityPipeline, type PipelineEvent } from './city-pipeline';
import { StoreEntryError } from './store-entries';

const rules: RuleSet = parseRuleSet(
  YAML.parse(readFileSync(new URL('../../../deploy/config/rules.yaml', import.meta.url), 'utf8')),
);
/** The shipped rules without the area congestion rule. */
const withoutArea: RuleSet = { ...rules, rules: rules.rules.filter((r) => r.id !== 'area-congestion') };

const T0 = Date.UTC(2026, 10, 25, 0, 0);
const settings = { graceMs: 0, watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 1e12 } };
const build = (ruleSet: RuleSet) => new CityPipeline<number>(settings, ruleSet, () => 'A01');

let offset = 0;
function observation(gridId: string, atMs: number, speed: number): PipelineEvent<number> {
  const event = {
    family: 'traffic',
    type: 'observation',
    eventId: `e${offset}`,
    eventTimeMs: atMs,
    source: 's',
    location: { kind: 'grid', gridId },
    gridId,
    areaId: 'A01',
    refRoadSegment: 'r',
    roadClass: 'arterial',
    laneId: 0,
    intensity: 10,
    occupancy: 0.2,
    averageVehicleSpeedKmh: speed,
  } as unknown as LocatedEvent;
  return { event, partition: 't/0', offset: offset++, ref: offset };
}

/** A state store fed with the pipeline's changes, as the changelog is. */
function applyChanges(store: Map<string, string>, pipeline: CityPipeline<number>): number {
  const { upserts, deletes } = pipeline.storeChanges();
  for (const name of deletes) store.delete(name);
  for (const [name, text] of upserts) store.set(name, text);
  return upserts.size + deletes.size;
}

describe('CityPipeline state store', () => {
  it('hands out only what changed, and the changes keep a store equal to the whole state', () => {
    const pipeline = build(rules);
    pipeline.assign({ traffic: ['t/0'], permit: [], case: [] }, 0);
    const store = new Map<string, string>();
    applyChanges(store, pipeline);
    const grids = Array.from({ length: 50 }, (_, i) => `G${String(i).padStart(3, '0')}`);
    pipeline.processBatch(
      grids.map((g) => observation(g, T0, 30)),
      1,
    );
    applyChanges(store, pipeline);
    expect(store).toEqual(pipeline.storeEntries());
    // One grid's event rewrites that grid's keys and a few small entries, not the other 49 grids.
    pipeline.processBatch([observation('G001', T0 + 1_000, 20)], 2);
    const { upserts } = pipeline.storeChanges();
    // Keys written: G001's, its area's and the heartbeats of engines whose filter rejected it.
    const keys = [...upserts.keys()].filter((n) => n.startsWith('key|'));
    expect(keys.sort()).toEqual(['key|%00heartbeat', 'key|A01', 'key|G001']);
    expect(upserts.size).toBeLessThan(25);
    for (const [name, text] of upserts) store.set(name, text);
    // Windows close: their keys are removed.
    pipeline.processBatch([observation('G001', T0 + 3_600_000, 20)], 3);
    applyChanges(store, pipeline);
    expect(store).toEqual(pipeline.storeEntries());
    expect([...store.keys()].filter((n) => n.startsWith('key|G'))).toEqual(['key|G001']);
    expect(pipeline.storeChanges()).toEqual({ upserts: new Map(), deletes: new Set() });
  });

  it("keeps each grid's latest congestion level, and a restored pipeline reports them all on assignment", () => {
    const pipeline = build(rules);
    const partitions = { traffic: ['t/0'], permit: [], case: [] };
    pipeline.assign(partitions, 0);
    // G001 crawls in its minute, G002 flows; the minute after closes both KPI windows.
    const closed = pipeline.processBatch(
      [observation('G001', T0, 5), observation('G002', T0, 60), observation('G003', T0 + 120_000, 60)],
      1,
    ).kpi.congestion;
    expect(closed.map((c) => [c.gridId, c.level])).toEqual([
      ['G001', 4],
      ['G002', 0],
    ]);
    // Another thread or instance takes the task over: it knows the levels before any window closes.
    const store = pipeline.storeEntries();
    const next = build(rules);
    expect(next.restoreStore(store)).toBe(true);
    expect(next.assign(partitions, 1).kpi.congestion).toEqual(closed);
    expect(next.storeEntries()).toEqual(store);
  });

  it("rewrites a key's entry when one engine's windows of it close and another's stay open", () => {
    // Without the 1-min congestion rules, G001's KPI minute closes while its 5-min hopping windows stay.
    const hopping: RuleSet = {
      ...rules,
      rules: rules.rules.filter((r) => !r.id.startsWith('traffic-congestion{')),
    };
    const pipeline = build(hopping);
    pipeline.assign({ traffic: ['t/0'], permit: [], case: [] }, 0);
    const store = new Map<string, string>();
    pipeline.processBatch([observation('G001', T0, 10)], 1);
    applyChanges(store, pipeline);
    expect(Object.keys(JSON.parse(store.get('key|G001')!) as object).sort()).toEqual([
      'kpi',
      'window/traffic-congestion-sustained{roadClass=arterial}',
    ]);
    pipeline.processBatch([observation('G002', T0 + 90_000, 10)], 2);
    applyChanges(store, pipeline);
    expect(Object.keys(JSON.parse(store.get('key|G001')!) as object)).toEqual([
      'window/traffic-congestion-sustained{roadClass=arterial}',
    ]);
    expect(store).toEqual(pipeline.storeEntries());
  });

  it('removes the entries of a window engine dropped by a reload or by a restore under other rules', () => {
    const pipeline = build(rules);
    pipeline.assign({ traffic: ['t/0'], permit: [], case: [] }, 0);
    pipeline.processBatch([observation('G001', T0, 10), observation('G002', T0, 12)], 1);
    const store = new Map<string, string>();
    applyChanges(store, pipeline);
    expect(store.has('window/area-congestion')).toBe(true);
    expect(store.has('window/area-congestion|')).toBe(true);
    expect(Object.keys(JSON.parse(store.get('key|A01')!) as object)).toEqual(['window/area-congestion']);

    // Restored under rules without the area rule: its entries go with the next changes.
    const restored = build(withoutArea);
    expect(restored.restoreStore(store)).toBe(true);
    const fromRestore = new Map(store);
    applyChanges(fromRestore, restored);
    expect(fromRestore).toEqual(restored.storeEntries());
    expect([...fromRestore.keys()].some((n) => n.startsWith('window/area-congestion'))).toBe(false);
    expect(fromRestore.has('key|A01')).toBe(false);

    // Reloaded without it: likewise; reloaded with it again, it starts empty and is written anew.
    pipeline.reload(withoutArea);
    applyChanges(store, pipeline);
    expect(store).toEqual(pipeline.storeEntries());
    pipeline.reload(rules);
    pipeline.processBatch([observation('G001', T0 + 1_000, 10)], 2);
    applyChanges(store, pipeline);
    expect(store).toEqual(pipeline.storeEntries());
    expect(store.has('key|A01')).toBe(true);
  });

  it('refuses a store it cannot read, naming the entry', () => {
    const pipeline = build(rules);
    pipeline.processBatch([observation('G001', T0, 10)], 1);
    const entries = pipeline.storeEntries();
    expect(build(rules).restoreStore(new Map())).toBe(false);
    const older = new Map(entries).set(
      'meta',
      JSON.stringify({ version: 1, partitions: null, lastNowMs: 0 }),
    );
    expect(() => build(rules).restoreStore(older)).toThrow(
      /meta: layout version 1, this processor reads 2 and 3/,
    );
    const lacking = new Map(entries);
    lacking.delete('kpi|');
    expect(() => build(rules).restoreStore(lacking)).toThrow(StoreEntryError);
    expect(() => build(rules).restoreStore(lacking)).toThrow(/kpi\| is missing/);
    expect(() => build(rules).restoreStore(new Map(entries).set('clock', '{'))).toThrow(/clock is not JSON/);
  });
});

/**
 * A store written by the previous release (layout 2: the whole rule engine in one `rules` entry),
 * kept by its changes over the batches beside it: open permits and work orders, a closed permit, a
 * firing and a resolved accident, a firing congestion alert and every window engine's keys.
 */
const layout2 = JSON.parse(
  readFileSync(new URL('./fixtures/store-layout-2.json', import.meta.url), 'utf8'),
) as {
  partitions: { traffic: string[]; permit: string[]; case: string[] };
  batches: { nowMs: number; events: PipelineEvent<number>[] }[];
  store: Record<string, string>;
};

/** The fixture's batches through a pipeline of this release. */
function replayLayout2(): CityPipeline<number> {
  const pipeline = build(rules);
  pipeline.assign(layout2.partitions, layout2.batches.at(-1)!.nowMs);
  for (const b of layout2.batches) pipeline.processBatch(b.events, b.nowMs);
  return pipeline;
}

const caseEvent = (caseId: string, stage: string, atMs: number): PipelineEvent<number> => ({
  event: {
    eventId: `c${offset}`,
    eventTimeMs: atMs,
    source: 's',
    location: { kind: 'grid', gridId: 'G001' },
    gridId: 'G001',
    areaId: 'A01',
    family: 'case',
    caseId,
    stage,
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'resident',
    description: 'waste',
  } as unknown as LocatedEvent,
  partition: 'c/0',
  offset: offset++,
  ref: offset,
});

describe('CityPipeline state store: rule entries (layout 3)', () => {
  it('restores a layout-2 store of the previous release, then replaces its rules entry by the new entries', () => {
    const old = new Map(Object.entries(layout2.store));
    expect(JSON.parse(old.get('meta')!)).toMatchObject({ version: 2 });
    expect(old.has('rules')).toBe(true);
    const restored = build(rules);
    expect(restored.restoreStore(old)).toBe(true);
    // The same state as this release's pipeline fed the same batches, except the grids' congestion
    // levels, which that release did not keep: they come back as the grids' KPI windows close.
    const reference = replayLayout2();
    const withoutLevels = (entries: Map<string, string>) => {
      const { levels, ...kpi } = JSON.parse(entries.get('kpi')!) as { levels: unknown[] };
      return { levels, entries: new Map(entries).set('kpi', JSON.stringify(kpi)) };
    };
    const [mine, theirs] = [withoutLevels(restored.storeEntries()), withoutLevels(reference.storeEntries())];
    expect(mine.entries).toEqual(theirs.entries);
    expect(mine.levels).toEqual([]);
    expect(theirs.levels).not.toEqual([]);
    expect(restored.activeAlerts()).toEqual(reference.activeAlerts());
    expect(restored.activeAlerts().map((a) => a.rule)).toEqual(
      expect.arrayContaining(['permit-overdue', 'serious-accident', 'traffic-congestion-sustained']),
    );
    // The next changes delete `rules` and write the rule entries: the store is then of layout 3.
    const { upserts, deletes } = restored.storeChanges();
    expect(deletes).toContain('rules');
    expect([...upserts.keys()]).toEqual(
      expect.arrayContaining([
        'meta',
        'rules-watermark',
        'rule/permit-overdue',
        'rule/work-order-overdue/C-1',
      ]),
    );
    for (const name of deletes) old.delete(name);
    for (const [name, text] of upserts) old.set(name, text);
    expect(old).toEqual(restored.storeEntries());
    expect(JSON.parse(old.get('meta')!)).toMatchObject({ version: 3 });
    // Both go on alike.
    const next = [caseEvent('C-9', 'received', T0 + 20 * 60_000)];
    const nowMs = layout2.batches.at(-1)!.nowMs + 1_000;
    expect(restored.processBatch(next, nowMs)).toEqual(reference.processBatch(next, nowMs));
  });

  it('round-trips through layout 3: a store kept by the changes restores the same state', () => {
    const pipeline = replayLayout2();
    const store = new Map<string, string>();
    applyChanges(store, pipeline);
    expect(store).toEqual(pipeline.storeEntries());
    expect(store.has('rules')).toBe(false);
    const restored = build(rules);
    expect(restored.restoreStore(store)).toBe(true);
    expect(restored.storeEntries()).toEqual(store);
    expect(restored.activeAlerts()).toEqual(pipeline.activeAlerts());
    // After a restore the rules hand out their entries once; the store stays equal to the state.
    applyChanges(store, restored);
    expect(store).toEqual(restored.storeEntries());
  });

  it('writes only the rules and subjects that changed, and the small entries that moved', () => {
    const pipeline = replayLayout2();
    const store = new Map<string, string>();
    applyChanges(store, pipeline);
    const nowMs = layout2.batches.at(-1)!.nowMs;
    // Traffic that closes no window and changes no rule: keys and small entries, no rule entry at all.
    pipeline.processBatch([observation('G009', T0 + 11 * 60_000 + 25_000, 60)], nowMs + 1_000);
    const quiet = pipeline.storeChanges();
    expect([...quiet.upserts.keys()].filter((n) => n.startsWith('rule/'))).toEqual([]);
    // A new work order: its entry; not the other rules, orders or permits.
    pipeline.processBatch([caseEvent('C-7', 'received', T0 + 11 * 60_000 + 26_000)], nowMs + 2_000);
    const one = pipeline.storeChanges();
    // (The rules' watermark, held back by the quiet permit partition, did not move: not rewritten.)
    expect([...one.upserts.keys()].filter((n) => n.startsWith('rule')).sort()).toEqual([
      'rule/work-order-overdue/C-7',
    ]);
    expect(one.deletes).toEqual(new Set());
    for (const c of [quiet, one]) {
      for (const name of c.deletes) store.delete(name);
      for (const [name, text] of c.upserts) store.set(name, text);
    }
    expect(store).toEqual(pipeline.storeEntries());
  });

  it('refuses rule entries it cannot read, naming them', () => {
    const entries = replayLayout2().storeEntries();
    const orphan = new Map(entries);
    orphan.delete('rule/work-order-overdue');
    expect(() => build(rules).restoreStore(orphan)).toThrow(StoreEntryError);
    expect(() => build(rules).restoreStore(orphan)).toThrow(
      /subjects of rule work-order-overdue, which has no entry/,
    );
    const lacking = new Map(entries);
    lacking.delete('rules-watermark');
    expect(() => build(rules).restoreStore(lacking)).toThrow(/rules-watermark is missing/);
  });
});
