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
    expect(() => build(rules).restoreStore(older)).toThrow(/meta: layout version 1, this processor reads 2/);
    const lacking = new Map(entries);
    lacking.delete('kpi|');
    expect(() => build(rules).restoreStore(lacking)).toThrow(StoreEntryError);
    expect(() => build(rules).restoreStore(lacking)).toThrow(/kpi\| is missing/);
    expect(() => build(rules).restoreStore(new Map(entries).set('clock', '{'))).toThrow(/clock is not JSON/);
  });
});
