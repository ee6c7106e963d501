import type { Alert, LocatedEvent, TrafficIncident } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { SeriousAccidentRule, type SeriousAccidentSettings } from './serious-accident-rule';
import { accident, DAY_MS, MINUTE_MS, T0 } from './test-fixtures';

const FP = 'serious-accident/G017/INC-1';
/** The shipped rule's settings: 3 vehicles, closed ids kept for a day. */
const SHIPPED: SeriousAccidentSettings = { minVehicles: 3, closedRetentionMs: DAY_MS };

/** The rule fed incident by incident, as `CityRuleEngine` feeds it. */
function engine(settings = SHIPPED) {
  const rule = new SeriousAccidentRule(settings);
  return {
    onEvents: (incidents: readonly LocatedEvent<TrafficIncident>[]): Alert[] =>
      incidents.flatMap((i) => rule.onIncident(i) ?? []),
    onWatermark: (watermarkMs: number) => rule.onWatermark(watermarkMs),
    activeAlerts: () => rule.active(),
  };
}

const firing: Alert = {
  alertId: `${FP}@${T0}`,
  fingerprint: FP,
  rule: 'serious-accident',
  kind: 'traffic',
  subCategory: 'carAccident',
  gridId: 'G017',
  areaId: 'A3',
  severity: 'high',
  status: 'firing',
  startsAtMs: T0,
  value: 1,
  threshold: 1,
  window: { startMs: T0, endMs: T0 + 1 },
  summary: 'G017 严重交通事故 serious accident INC-1: 1 injured, 0 dead, 2 vehicles (08:00)',
  labels: { incidentId: 'INC-1' },
  evidence: {
    measure: 'injured + dead of an ongoing accident (or at least 3 vehicles)',
    windowKind: 'event',
    window: { startMs: T0, endMs: T0 + 1 },
    aggregates: { injured: 1, dead: 0, vehicles: 2 },
    count: 1,
    comparison: '>=',
    threshold: 1,
    forMs: 0,
    records: [{ eventId: `inc-${T0}`, eventTimeMs: T0 }],
  },
};

describe('serious-accident', () => {
  it('fires immediately, does not duplicate, re-emits on a severity change, resolves once', () => {
    const e = engine();
    expect(e.onEvents([accident({ eventTimeMs: T0, injured: 1 })])).toEqual([firing]);
    expect(e.onEvents([accident({ eventTimeMs: T0 + MINUTE_MS, injured: 1 })])).toEqual([]);
    expect(e.onEvents([accident({ eventTimeMs: T0 + 2 * MINUTE_MS, injured: 2 })])).toEqual([]);

    const critical: Alert = {
      ...firing,
      severity: 'critical',
      value: 3,
      window: { startMs: T0 + 3 * MINUTE_MS, endMs: T0 + 3 * MINUTE_MS + 1 },
      summary: 'G017 严重交通事故 serious accident INC-1: 2 injured, 1 dead, 2 vehicles (08:03)',
      evidence: {
        ...firing.evidence!,
        window: { startMs: T0 + 3 * MINUTE_MS, endMs: T0 + 3 * MINUTE_MS + 1 },
        aggregates: { injured: 2, dead: 1, vehicles: 2 },
        records: [{ eventId: `inc-${T0 + 3 * MINUTE_MS}`, eventTimeMs: T0 + 3 * MINUTE_MS }],
      },
    };
    expect(e.onEvents([accident({ eventTimeMs: T0 + 3 * MINUTE_MS, injured: 2, dead: 1 })])).toEqual([
      critical,
    ]);
    expect(e.activeAlerts()).toEqual([critical]);

    const solvedAt = T0 + 40 * MINUTE_MS;
    expect(e.onEvents([accident({ eventTimeMs: solvedAt, status: 'solved', injured: 2, dead: 1 })])).toEqual([
      {
        ...critical,
        status: 'resolved',
        endsAtMs: solvedAt,
        summary: 'G017 事故已处理 accident solved INC-1 (08:40)',
      },
    ]);
    expect(e.onEvents([accident({ eventTimeMs: solvedAt + 1, status: 'archived' })])).toEqual([]);
    // A late onGoing update cannot re-open a closed incident.
    expect(e.onEvents([accident({ eventTimeMs: T0 + 5 * MINUTE_MS, injured: 2 })])).toEqual([]);
    expect(e.activeAlerts()).toEqual([]);
  });

  it('ignores a minor accident and non-accident incidents', () => {
    const e = engine();
    expect(
      e.onEvents([
        accident({ eventTimeMs: T0, injured: 0, dead: 0, vehiclesInvolved: 2 }),
        accident({
          eventTimeMs: T0,
          incidentId: 'BRK-1',
          incidentType: 'breakdown',
          injured: 1,
          vehiclesInvolved: 5,
        }),
        accident({ eventTimeMs: T0, incidentId: 'RW-1', incidentType: 'roadWorks', dead: 1 }),
      ]),
    ).toEqual([]);
  });

  it('fires on vehiclesInvolved ≥ minVehicles without casualties, and when a minor accident escalates', () => {
    const e = engine();
    const [pileUp] = e.onEvents([accident({ eventTimeMs: T0, incidentId: 'INC-2', vehiclesInvolved: 3 })]);
    expect(pileUp).toMatchObject({
      severity: 'high',
      value: 0,
      alertId: `serious-accident/G017/INC-2@${T0}`,
    });

    expect(e.onEvents([accident({ eventTimeMs: T0 })])).toEqual([]);
    const [escalated] = e.onEvents([accident({ eventTimeMs: T0 + MINUTE_MS, injured: 1 })]);
    expect(escalated?.alertId).toBe(`${FP}@${T0 + MINUTE_MS}`);
  });

  it('keeps firing when an update lowers the counts below the criteria', () => {
    const e = engine();
    e.onEvents([accident({ eventTimeMs: T0, injured: 1 })]);
    expect(e.onEvents([accident({ eventTimeMs: T0 + MINUTE_MS, injured: 0 })])).toEqual([]);
    expect(e.activeAlerts()).toEqual([firing]);
  });

  it('never ends before it started when the closing event is late', () => {
    const e = engine();
    e.onEvents([accident({ eventTimeMs: T0, injured: 1 })]);
    const [resolved] = e.onEvents([accident({ eventTimeMs: T0 - MINUTE_MS, status: 'solved' })]);
    expect(resolved).toMatchObject({ status: 'resolved', endsAtMs: T0 });
  });

  it('forgets a closed incident once the watermark is past closedRetentionMs', () => {
    const e = engine();
    e.onEvents([accident({ eventTimeMs: T0, status: 'solved' })]);
    e.onWatermark(T0 + DAY_MS);
    expect(e.onEvents([accident({ eventTimeMs: T0 + DAY_MS, injured: 1 })])).toEqual([]);
    e.onWatermark(T0 + DAY_MS + 1);
    expect(e.onEvents([accident({ eventTimeMs: T0 + DAY_MS + 2, injured: 1 })])).toHaveLength(1);
  });

  it('honours minVehicles', () => {
    const strict = engine({ ...SHIPPED, minVehicles: 5 });
    expect(strict.onEvents([accident({ eventTimeMs: T0, vehiclesInvolved: 4 })])).toEqual([]);
    expect(strict.onEvents([accident({ eventTimeMs: T0, vehiclesInvolved: 5 })])).toHaveLength(1);
  });
});
