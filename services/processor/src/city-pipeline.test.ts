// Scenario tests of every shipped rule, through the real window engines built from the shipped
// rule file: scripted events in, exact alerts out, including the negative cases.
import type { CityEvent } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { RuleSet } from '@citybrain/rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRIDS_FILE, DEFAULT_RULES_FILE } from './config';
import { loadGridRegistry } from './grid-file';
import { loadRuleSet } from './rules-file';
import { DAY, HOUR, MIN, T0, runScenario } from './scenario-harness';
import { accident, obs, order, permit, steadyTraffic } from './scripted-city';

let rules: RuleSet;
let registry: GridRegistry;
beforeAll(async () => {
  [rules, registry] = await Promise.all([
    loadRuleSet(DEFAULT_RULES_FILE),
    loadGridRegistry(DEFAULT_GRIDS_FILE),
  ]);
});

/**
 * Runs a scenario twice: uninterrupted, and with the pipeline replaced by one restored from its
 * JSON snapshot after every event (as a crash and restore from the changelog would). Both must give
 * the same alerts, KPI facts and final state.
 */
const run = (events: CityEvent[]) => {
  const straight = runScenario(rules, registry, events);
  const restored = runScenario(rules, registry, events, { restoreEveryEvents: 1 });
  expect(restored.alerts).toEqual(straight.alerts);
  expect(restored.kpi).toEqual(straight.kpi);
  expect(JSON.stringify(restored.pipeline.snapshot())).toBe(JSON.stringify(straight.pipeline.snapshot()));
  return straight;
};

/** Moves every traffic window engine on (arterial, another area) and the rules' clock to `atMs`. */
const later = (atMs: number): CityEvent[] => [obs('G090', atMs, 60)];

describe('shipped rules, scripted scenarios', () => {
  it('traffic-congestion: a severe minute fires (high), the next free minute resolves it', () => {
    const r = run([
      ...steadyTraffic('G001', T0, T0 + MIN, 12),
      ...steadyTraffic('G001', T0 + MIN, T0 + 2 * MIN, 45),
      ...later(T0 + 10 * MIN),
    ]);
    expect(r.described).toEqual([
      'traffic-congestion G001 firing high 0',
      'traffic-congestion G001 resolved high 0-1',
    ]);
    expect(r.alerts[0]!.summary).toBe(
      'G001 主干路拥堵：平均车速 12 km/h ≤ 20 km/h（08:00–08:01） / G001 arterial congestion: mean speed 12 km/h ≤ 20 km/h (08:00–08:01)',
    );
    expect(r.alerts[0]!.labels).toEqual({ roadClass: 'arterial', scope: 'grid', areaId: 'A01' });
  });

  it('traffic-congestion: free traffic and windows with too few observations never alert', () => {
    const r = run([
      ...steadyTraffic('G001', T0, T0 + 5 * MIN, 45),
      obs('G002', T0, 5),
      obs('G002', T0 + 10_000, 5),
      ...later(T0 + 10 * MIN),
    ]);
    expect(r.described).toEqual([]);
  });

  it('traffic-congestion-sustained: 5-minute means fire after `for`, resolve after keep_firing_for', () => {
    const r = run([
      ...steadyTraffic('G025', T0, T0 + 10 * MIN, 19),
      ...steadyTraffic('G025', T0 + 10 * MIN, T0 + 20 * MIN, 50),
      // Area A01 overrides the threshold to 18 km/h: 19 is not sustained congestion there.
      ...steadyTraffic('G001', T0, T0 + 10 * MIN, 19),
      ...steadyTraffic('G001', T0 + 10 * MIN, T0 + 20 * MIN, 50),
      ...later(T0 + 30 * MIN),
    ]);
    // The first 5-minute window with 10 observations is [-1, 4); `for: 3m` → fires with the window
    // ending at 7; the last true window ends at 10, and keep_firing_for 2m ends it at 12.
    expect(r.described.filter((d) => d.startsWith('traffic-congestion-sustained'))).toEqual([
      'traffic-congestion-sustained G025 firing medium -1',
      'traffic-congestion-sustained G025 resolved medium -1-12',
    ]);
    expect(r.described.filter((d) => d.startsWith('traffic-congestion '))).toEqual([
      'traffic-congestion G001 firing medium 0',
      'traffic-congestion G025 firing medium 0',
      'traffic-congestion G001 resolved medium 0-10',
      'traffic-congestion G025 resolved medium 0-10',
    ]);
    expect(r.described).toHaveLength(6);
  });

  it('area-congestion: an area-wide slowdown fires one area alert, scope area', () => {
    const grids = ['G001', 'G002', 'G003'];
    const r = run([
      ...grids.flatMap((g) => steadyTraffic(g, T0, T0 + 10 * MIN, 16)),
      ...later(T0 + 30 * MIN),
    ]);
    expect(r.described).toEqual([
      'traffic-congestion G001 firing medium 0',
      'traffic-congestion G002 firing medium 0',
      'traffic-congestion G003 firing medium 0',
      'area-congestion A01 firing high -2',
      'traffic-congestion-sustained G001 firing medium -1',
      'traffic-congestion-sustained G002 firing medium -1',
      'traffic-congestion-sustained G003 firing medium -1',
      // No data after 10: the last windows with enough observations end at 12 (area, 20 needed)
      // and 11 (grids, 10 needed; + keep_firing_for 2m); 1-minute alerts go stale after 5 minutes.
      'area-congestion A01 resolved high -2-12',
      'traffic-congestion-sustained G001 resolved medium -1-13',
      'traffic-congestion-sustained G002 resolved medium -1-13',
      'traffic-congestion-sustained G003 resolved medium -1-13',
      'traffic-congestion G001 resolved medium 0-10',
      'traffic-congestion G002 resolved medium 0-10',
      'traffic-congestion G003 resolved medium 0-10',
    ]);
    const area = r.alerts.find((a) => a.rule === 'area-congestion')!;
    expect(area.labels).toEqual({ scope: 'area', areaId: 'A01' });
  });

  it('serious-accident: fires at once, resolves when solved; a minor one never fires', () => {
    const r = run([
      accident('G003', T0 + 30_000, 'INC-1', { injured: 2 }),
      accident('G004', T0 + 40_000, 'INC-2'),
      accident('G003', T0 + 2 * MIN, 'INC-1', { injured: 2, status: 'solved' }),
    ]);
    expect(r.described).toEqual([
      'serious-accident G003 firing high 0.50',
      'serious-accident G003 resolved high 0.50-2',
    ]);
    expect(r.alerts[0]!.labels).toMatchObject({ incidentId: 'INC-1', scope: 'grid', areaId: 'A01' });
  });

  it('accident-cluster: three accidents less than 30 minutes apart fire; 30 quiet minutes resolve', () => {
    const r = run([
      accident('G007', T0, 'A-1'),
      accident('G007', T0 + 10 * MIN, 'A-2'),
      accident('G008', T0 + 15 * MIN, 'A-9'),
      accident('G007', T0 + 20 * MIN, 'A-3'),
      ...later(T0 + 2 * HOUR),
    ]);
    // Fires on the session's early result at the third accident; G008's lone accident does not.
    expect(r.described).toEqual([
      'accident-cluster G007 firing high 0',
      'accident-cluster G007 resolved high 0-50',
    ]);
  });

  it("sparse measures close their windows on the stream's event time", () => {
    const events = [
      accident('G007', T0, 'A-1'),
      accident('G007', T0 + 10 * MIN, 'A-2'),
      ...later(T0 + 2 * HOUR),
    ];
    const r = run(events);
    // The accident sessions are final (the traffic's event time passed them): no grid holds an
    // open accident window, only the heartbeat key that carried the stream's event time.
    const cluster = r.pipeline.snapshot().windows.find((w) => w.id === 'accident-cluster');
    expect(cluster?.engine.keys.map(([key]) => key)).toEqual(['\u0000heartbeat']);
  });

  it("accident-cluster: one accident's updates are one accident, not a cluster", () => {
    const r = run([
      accident('G009', T0, 'INC-U'),
      accident('G009', T0 + 5 * MIN, 'INC-U', { vehiclesInvolved: 2 }),
      accident('G009', T0 + 10 * MIN, 'INC-U', { description: 'lane reopened' }),
      ...later(T0 + 2 * HOUR),
    ]);
    expect(r.described).toEqual([]);
  });

  it('case-backlog-spike: 7 reports in 10 minutes fire; no later burst resolves it as stale', () => {
    const events: CityEvent[] = [];
    for (let i = 0; i < 7; i++) {
      events.push(
        order('G004', T0 + i * MIN, `C-${i}`, 'received'),
        order('G004', T0 + i * MIN + 5_000, `C-${i}`, 'closed'),
      );
    }
    events.push(order('G050', T0 + HOUR, 'C-LAST', 'received'));
    const r = run(events);
    // Every order closed at once: no work-order alert.
    expect(r.described).toEqual([
      'case-backlog-spike G004 firing medium 0',
      'case-backlog-spike G004 resolved medium 0-10',
    ]);
  });

  it('case-spike-baseline: an hour with twice the trailing mean fires; a normal hour resolves it', () => {
    const events: CityEvent[] = [];
    const report = (atMs: number, k: string) =>
      events.push(order('G006', atMs, k, 'received'), order('G006', atMs + MIN, k, 'closed'));
    for (let h = 0; h < 6; h++) report(T0 + h * HOUR + 30 * MIN, `B-${h}`);
    for (let i = 0; i < 10; i++) report(T0 + 6 * HOUR + i * 6 * MIN, `S-${i}`);
    report(T0 + 7 * HOUR + 30 * MIN, 'N-1');
    report(T0 + 8 * HOUR + 30 * MIN, 'N-2');
    const r = run(events);
    // Hour 6 has 10 cases ≥ max(8, 2 × 1); hour 7 is back to 1. Never 6 in 10 minutes.
    expect(r.described).toEqual([
      'case-spike-baseline G006 firing medium 360',
      'case-spike-baseline G006 resolved medium 360-420',
    ]);
    expect(r.alerts[0]).toMatchObject({ value: 10, threshold: 8 });
  });

  it('work-order-overdue: fires at each missed deadline, escalates, resolves when done; in time never alerts', () => {
    const r = run([
      order('G010', T0, 'W-LATE', 'received'),
      order('G010', T0 + 5 * MIN, 'W-OK', 'received', { urgency: 'urgent' }),
      order('G010', T0 + 8 * MIN, 'W-OK', 'dispatched', { urgency: 'urgent' }),
      order('G010', T0 + 20 * MIN, 'W-OK', 'accepted', { urgency: 'urgent' }),
      order('G010', T0 + 50 * MIN, 'W-OK', 'closed', { urgency: 'urgent' }),
      ...later(T0 + 2 * HOUR),
      order('G010', T0 + 2 * HOUR + MIN, 'W-LATE', 'dispatched'),
      order('G010', T0 + 2 * HOUR + 2 * MIN, 'W-LATE', 'accepted'),
      order('G010', T0 + 3 * HOUR, 'W-LATE', 'closed'),
    ]);
    // W-LATE (normal): not dispatched by 30 → fires, high after another hour, resolved by the
    // dispatch; not accepted by 120 → fires, resolved by the acceptance. W-OK (urgent) is in time.
    expect(r.described).toEqual([
      'work-order-overdue G010 firing medium 30',
      'work-order-overdue G010 firing high 30',
      // The accept deadline (120) passed before the dispatch (121): it fires first, in event time.
      'work-order-overdue G010 firing medium 120',
      'work-order-overdue G010 resolved high 30-121',
      'work-order-overdue G010 resolved medium 120-122',
    ]);
    expect(r.alerts.map((a) => a.labels['deadline'])).toEqual([
      'dispatch',
      'dispatch',
      'accept',
      'dispatch',
      'accept',
    ]);
    expect(new Set([0, 1, 3].map((i) => r.alerts[i]!.alertId)).size).toBe(1); // escalation keeps the id
    // The resolution carries the resolving values: dispatched 121 minutes after receipt.
    expect(r.alerts[3]).toMatchObject({ value: 121, threshold: 30 });
    expect(r.alerts[0]!.summary).toBe(
      'G010 工单超时（dispatch）：W-LATE（waste.dumping，normal）受理已 30 分钟，时限 30 分钟 / ' +
        'G010 work order W-LATE (waste.dumping, normal) missed its dispatch deadline: 30 min since receipt, limit 30 min',
    );
    expect(r.kpi.closures.map((c) => `${c.caseId} ${c.areaId} ${c.onTime}`)).toEqual([
      'W-OK A01 true',
      'W-LATE A01 true',
    ]);
    expect([...r.pipeline.openWorkOrders()]).toEqual([]);
  });

  it('permit-overdue: 8 days in a stage and overall fire; the permit resolves both and reports its lead time', () => {
    const r = run([
      permit('G005', T0, 'P-1', 'filed'),
      permit('G005', T0 + DAY, 'P-2', 'filed'),
      permit('G005', T0 + 3 * DAY, 'P-2', 'review'),
      permit('G005', T0 + 5 * DAY, 'P-2', 'permitIssued'),
      ...later(T0 + 9 * DAY),
      permit('G005', T0 + 10 * DAY, 'P-1', 'permitIssued'),
    ]);
    expect(r.described).toEqual([
      'permit-overdue G005 firing medium 11520',
      'permit-overdue G005 firing medium 11520',
      'permit-overdue G005 resolved medium 11520-14400',
      'permit-overdue G005 resolved medium 11520-14400',
    ]);
    expect(r.alerts.map((a) => a.labels['stage'])).toEqual(['filed', 'overall', 'filed', 'overall']);
    expect(r.kpi.leadTimesMs).toEqual([4 * DAY, 10 * DAY]);
  });

  it('congestion KPI: the worst level of each grid per minute', () => {
    const r = run([
      ...steadyTraffic('G001', T0, T0 + MIN, 12),
      obs('G001', T0 + 10_000, 80, 'expressway'),
      ...later(T0 + 5 * MIN),
    ]);
    // Arterial 12 km/h is severe (4); the expressway's 80 km/h is free: the worst counts.
    expect(r.kpi.congestion).toEqual([{ gridId: 'G001', areaId: 'A01', level: 4 }]);
  });
});
