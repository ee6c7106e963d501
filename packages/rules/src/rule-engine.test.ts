import type { Alert, LocatedEvent } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import type { CaseStats } from './case-stats';
import { RuleEngineSnapshotError } from './errors';
import { RuleEngine } from './rule-engine';
import { defaultRulesConfig } from './rules-config';
import {
  accident,
  areaOf,
  caseEvent,
  caseWindow,
  DAY_MS,
  MINUTE_MS,
  observation,
  permit,
  roadStats,
  T0,
  trafficWindow,
} from './test-fixtures';
import type { TrafficStats } from './traffic-stats';
import type { WindowResult } from './window-result';

type Step =
  | { events: LocatedEvent[] }
  | { traffic: WindowResult<TrafficStats>[] }
  | { cases: WindowResult<CaseStats>[] }
  | { watermarkMs: number };

function run(engine: RuleEngine, steps: readonly Step[]): Alert[][] {
  return steps.map((step) =>
    'events' in step
      ? engine.onEvents(step.events)
      : 'traffic' in step
        ? engine.onTrafficWindows(step.traffic)
        : 'cases' in step
          ? engine.onCaseWindows(step.cases)
          : engine.onWatermark(step.watermarkMs),
  );
}

const m = (minute: number) => T0 + minute * MINUTE_MS;

// Leaves state in every rule at the midpoint: firing congestion and spike, a firing accident, a closed
// accident, an open permit close to its deadline and a finished one.
const FIRST_HALF: Step[] = [
  { events: [permit('P-1', 'filed', m(0) - 8 * DAY_MS + 30 * MINUTE_MS), permit('P-2', 'filed', m(0))] },
  { events: [permit('P-2', 'permitIssued', m(1))] },
  {
    events: [
      accident({ eventTimeMs: m(1), injured: 1 }),
      accident({ eventTimeMs: m(1), incidentId: 'INC-9', status: 'solved' }),
    ],
  },
  { traffic: [trafficWindow('G017', m(1), { arterial: roadStats(17.2), expressway: roadStats(30) })] },
  { cases: [caseWindow('G001', m(0), 7)] },
  { watermarkMs: m(3) },
];
const SECOND_HALF: Step[] = [
  { traffic: [trafficWindow('G017', m(3), { arterial: roadStats(12) })] },
  {
    events: [
      accident({ eventTimeMs: m(4), injured: 1, dead: 1 }),
      accident({ eventTimeMs: m(4), incidentId: 'INC-9', injured: 3 }),
    ],
  },
  { events: [observation({ averageVehicleSpeedKmh: 3 }), caseEvent({}), permit('P-2', 'review', m(4))] },
  { cases: [caseWindow('G001', m(10), 13)] },
  { watermarkMs: m(31) },
  { events: [permit('P-1', 'review', m(35))] },
  { cases: [caseWindow('G001', m(40), 1)] },
  { events: [accident({ eventTimeMs: m(50), status: 'archived' }), permit('P-1', 'permitIssued', m(55))] },
  { watermarkMs: m(60) },
];

describe('RuleEngine', () => {
  it('behaves the same after snapshot → JSON → restore', () => {
    const original = new RuleEngine(defaultRulesConfig, areaOf);
    run(original, FIRST_HALF);
    const snapshot = original.snapshot();
    const restored = RuleEngine.restore(defaultRulesConfig, areaOf, JSON.parse(JSON.stringify(snapshot)));
    expect(restored.snapshot()).toEqual(snapshot);
    expect(restored.activeAlerts()).toEqual(original.activeAlerts());

    const expected = run(original, SECOND_HALF);
    expect(run(restored, SECOND_HALF)).toEqual(expected);
    // The scenario exercises every rule after the restore, so the comparison is not vacuous.
    expect(new Set(expected.flat().map((a) => `${a.rule}:${a.status}`))).toEqual(
      new Set([
        'traffic-congestion:firing',
        'traffic-congestion:resolved',
        'serious-accident:firing',
        'serious-accident:resolved',
        'case-backlog-spike:firing',
        'case-backlog-spike:resolved',
        'permit-overdue:firing',
        'permit-overdue:resolved',
      ]),
    );
    expect(restored.activeAlerts()).toEqual([]);
  });

  it('is deterministic: the same inputs give the same alerts and ids', () => {
    const a = run(new RuleEngine(defaultRulesConfig, areaOf), [...FIRST_HALF, ...SECOND_HALF]);
    const b = run(new RuleEngine(defaultRulesConfig, areaOf), [...FIRST_HALF, ...SECOND_HALF]);
    expect(b).toEqual(a);
    const ids = a.flat().map((alert) => alert.alertId);
    expect(ids).toContain(`traffic-congestion/G017/arterial@${m(1)}`);
    // A firing and its resolution share the id.
    const resolvedIds = a
      .flat()
      .filter((x) => x.status === 'resolved')
      .map((x) => x.alertId);
    for (const id of resolvedIds)
      expect(a.flat().some((x) => x.status === 'firing' && x.alertId === id)).toBe(true);
  });

  it('ignores a watermark that does not advance', () => {
    const e = new RuleEngine(defaultRulesConfig, areaOf);
    e.onTrafficWindows([trafficWindow('G017', m(1), { arterial: roadStats(10) })]);
    expect(e.onWatermark(m(20))).toHaveLength(1);
    e.onTrafficWindows([trafficWindow('G017', m(21), { arterial: roadStats(10) })]);
    expect(e.onWatermark(m(5))).toEqual([]);
    expect(e.onWatermark(m(20))).toEqual([]);
    expect(e.snapshot().watermarkMs).toBe(m(20));
  });

  it('sorts active alerts by fingerprint', () => {
    const e = new RuleEngine(defaultRulesConfig, areaOf);
    e.onEvents([accident({ eventTimeMs: m(0), injured: 1 })]);
    e.onCaseWindows([caseWindow('G002', m(0), 9)]);
    e.onTrafficWindows([trafficWindow('G003', m(0), { secondary: roadStats(5), arterial: roadStats(5) })]);
    expect(e.activeAlerts().map((a) => a.fingerprint)).toEqual([
      'case-backlog-spike/G002',
      'serious-accident/G017/INC-1',
      'traffic-congestion/G003/arterial',
      'traffic-congestion/G003/secondary',
    ]);
  });

  it('rejects a snapshot of another version or a malformed one', () => {
    const good = new RuleEngine(defaultRulesConfig, areaOf).snapshot();
    expect(() => RuleEngine.restore(defaultRulesConfig, areaOf, { ...good, version: 2 })).toThrow(
      RuleEngineSnapshotError,
    );
    expect(() => RuleEngine.restore(defaultRulesConfig, areaOf, null)).toThrow(/version undefined/);
    expect(() =>
      RuleEngine.restore(defaultRulesConfig, areaOf, {
        ...good,
        trafficCongestion: [{ alert: {}, lastFiringWindowEndMs: 1 }],
      }),
    ).toThrow(/malformed rule-engine snapshot/);
  });
});

describe('RuleEngine timers when the watermark stands still', () => {
  it('fires a permit deadline that is already past when the permit arrives after the watermark stopped', () => {
    const DAY = 24 * 60 * 60_000;
    const engine = new RuleEngine(defaultRulesConfig, () => 'A01');
    const t0 = Date.UTC(2026, 10, 25);
    expect(engine.onWatermark(t0)).toEqual([]);
    engine.onEvents([
      {
        family: 'permit',
        eventId: 'e1',
        eventTimeMs: t0 - 9 * DAY,
        source: 's',
        location: { kind: 'grid', gridId: 'G005' },
        gridId: 'G005',
        areaId: 'A01',
        permitId: 'P1',
        projectName: 'p',
        stage: 'filed',
      },
    ]);
    const fired = engine.onWatermark(t0);
    expect(fired.map((a) => `${a.rule} ${a.labels['stage']} ${a.status}`).sort()).toEqual([
      'permit-overdue filed firing',
      'permit-overdue overall firing',
    ]);
    expect(engine.onWatermark(t0)).toEqual([]);
  });
});
