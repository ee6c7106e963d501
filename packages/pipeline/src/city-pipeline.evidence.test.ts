// Threshold alerts name the input records of the window that decided them (at most 20), and the
// refs are part of the pipeline's state: a restore in the middle of a window keeps them.
import { readFileSync } from 'node:fs';
import type { Alert, TrafficObservation } from '@citybrain/domain';
import { parseRuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { CityPipeline, type PipelineEvent } from './city-pipeline';
import { toStoreEntries } from './store-entries';

const rules = parseRuleSet(
  YAML.parse(readFileSync(new URL('../../../deploy/config/rules.yaml', import.meta.url), 'utf8')),
);
const T0 = Date.UTC(2026, 10, 25, 0, 0);
const areaOf = (gridId: string) => (gridId.startsWith('G') ? 'A01' : undefined);
const settings = {
  graceMs: 0,
  watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: Number.POSITIVE_INFINITY },
};
const PARTITIONS = { traffic: ['traffic/0'], permit: [], case: [] };

let offset = 0;
const obs = (id: string, atMs: number, speed: number): PipelineEvent<number> => {
  const event: TrafficObservation = {
    family: 'traffic',
    type: 'observation',
    eventId: id,
    eventTimeMs: atMs,
    source: 'sensor/G001-S1',
    location: { kind: 'grid', gridId: 'G001' },
    refRoadSegment: 'G001-S1',
    roadClass: 'arterial',
    laneId: 0,
    intensity: 10,
    occupancy: 0.5,
    averageVehicleSpeedKmh: speed,
  };
  return {
    event: { ...event, gridId: 'G001', areaId: 'A01' },
    partition: 'traffic/0',
    offset: offset++,
    ref: 0,
  };
};

const congestion = (alerts: readonly Alert[], status: Alert['status']) =>
  alerts.find(
    (a) => a.rule === 'traffic-congestion' && a.labels['roadClass'] === 'arterial' && a.status === status,
  );

describe('record refs on threshold alerts', () => {
  it('a congestion alert lists the earliest 20 records of its window; its resolution, the quiet window’s', () => {
    const p = new CityPipeline<number>(settings, rules, areaOf);
    p.assign(PARTITIONS, T0);
    // 25 slow observations in the first minute, sent newest first: the refs do not depend on order.
    const slow = Array.from({ length: 25 }, (_, i) =>
      obs(`slow-${String(i).padStart(2, '0')}`, T0 + i * 2_000, 12),
    );
    const alerts: Alert[] = [...p.processBatch([...slow].reverse(), T0 + 60_000).alerts];
    const quiet = [0, 1, 2].map((i) => obs(`free-${i}`, T0 + 60_000 + i * 10_000, 50));
    alerts.push(...p.processBatch(quiet, T0 + 100_000).alerts);
    alerts.push(...p.processBatch([obs('later', T0 + 125_000, 50)], T0 + 125_000).alerts);

    const firing = congestion(alerts, 'firing');
    expect(firing?.evidence?.count).toBe(25);
    expect(firing?.evidence?.records).toEqual(
      slow.slice(0, 20).map((e) => ({ eventId: e.event.eventId, eventTimeMs: e.event.eventTimeMs })),
    );
    const resolved = congestion(alerts, 'resolved');
    expect(resolved?.evidence?.records.map((r) => r.eventId)).toEqual(['free-0', 'free-1', 'free-2']);
  });

  it('keeps the refs of an open window across a snapshot and restore', () => {
    const first = new CityPipeline<number>(settings, rules, areaOf);
    first.assign(PARTITIONS, T0);
    first.processBatch([obs('a', T0 + 1_000, 12), obs('b', T0 + 2_000, 12)], T0 + 2_000);
    const entries = toStoreEntries(
      JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<typeof first.snapshot>,
    );
    const second = new CityPipeline<number>(settings, rules, areaOf);
    second.restoreStore(entries); // as the processor restores: heads, then each key as read
    const alerts = [
      ...second.processBatch([obs('c', T0 + 3_000, 12)], T0 + 3_000).alerts,
      ...second.processBatch([obs('d', T0 + 61_000, 50)], T0 + 61_000).alerts,
    ];
    expect(congestion(alerts, 'firing')?.evidence?.records.map((r) => r.eventId)).toEqual(['a', 'b', 'c']);
  });
});
