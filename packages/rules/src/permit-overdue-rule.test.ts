import type { Alert, LocatedEvent, PermitEvent } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { PermitOverdueRule, type PermitOverdueSettings } from './permit-overdue-rule';
import { DAY_MS, HOUR_MS, permit, T0 } from './test-fixtures';

/** The shipped rule's settings: 8 days per stage and overall, finished ids kept for a day. */
const SHIPPED: PermitOverdueSettings = {
  stageDeadlineMs: 8 * DAY_MS,
  overallDeadlineMs: 8 * DAY_MS,
  closedRetentionMs: DAY_MS,
};

/** The rule fed event by event, as `CityRuleEngine` feeds it. */
function engine(settings = SHIPPED) {
  const rule = new PermitOverdueRule(settings);
  return {
    onEvents: (events: readonly LocatedEvent<PermitEvent>[]): Alert[] =>
      events.flatMap((e) => rule.onPermit(e)),
    onWatermark: (watermarkMs: number) => rule.onWatermark(watermarkMs),
    activeAlerts: () => rule.active(),
    snapshot: () => rule.snapshot(),
  };
}
const day = (d: number) => T0 + d * DAY_MS;

const filedOverdue: Alert = {
  alertId: `permit-overdue/G005/P-1/filed@${day(8)}`,
  fingerprint: 'permit-overdue/G005/P-1/filed',
  rule: 'permit-overdue',
  kind: 'governmentService',
  subCategory: 'permitOverdue',
  gridId: 'G005',
  areaId: 'A2',
  severity: 'medium',
  status: 'firing',
  startsAtMs: day(8),
  // As of the deadline instant, however far past it the watermark was when it noticed.
  value: 8,
  threshold: 8,
  window: { startMs: T0, endMs: day(8) },
  summary:
    'G005 审批超时 permit overdue P-1 (Wharf Road plant) in 赋码备案 filed: past the 8-day deadline (in it since 2024-03-01 08:00)',
  labels: { permitId: 'P-1', stage: 'filed', projectName: 'Wharf Road plant' },
  evidence: {
    measure: 'days in stage filed',
    windowKind: 'deadline',
    window: { startMs: T0, endMs: day(8) },
    aggregates: { days: 8 },
    count: 1,
    comparison: '>=',
    threshold: 8,
    forMs: 0,
    records: [],
  },
};
const overallOverdue: Alert = {
  ...filedOverdue,
  alertId: `permit-overdue/G005/P-1/overall@${day(8)}`,
  fingerprint: 'permit-overdue/G005/P-1/overall',
  summary:
    'G005 审批承诺超时 permit commitment overdue P-1 (Wharf Road plant): past the 8-day commitment (filed 2024-03-01 08:00)',
  labels: { permitId: 'P-1', stage: 'overall', projectName: 'Wharf Road plant' },
  evidence: { ...filedOverdue.evidence!, measure: 'days from filing until the construction permit' },
};

describe('permit-overdue', () => {
  it('raises nothing for a permit that advances in time', () => {
    const e = engine();
    expect(e.onEvents([permit('P-1', 'filed', T0)])).toEqual([]);
    expect(e.onWatermark(day(3))).toEqual([]);
    expect(e.onEvents([permit('P-1', 'review', day(3))])).toEqual([]);
    expect(e.onWatermark(day(7))).toEqual([]);
    expect(e.onEvents([permit('P-1', 'permitIssued', day(7))])).toEqual([]);
    for (let d = 8; d <= 30; d++) expect(e.onWatermark(day(d))).toEqual([]);
    expect(e.snapshot().permits).toEqual([]);
  });

  it('fires once when the watermark passes the deadline, resolves on advance and on issue', () => {
    const e = engine();
    e.onEvents([permit('P-1', 'filed', T0)]);
    expect(e.onWatermark(day(8))).toEqual([]); // exactly 8 days is not overdue
    expect(e.onWatermark(day(8) + 6 * HOUR_MS)).toEqual([filedOverdue, overallOverdue]);
    expect(e.onWatermark(day(8) + 12 * HOUR_MS)).toEqual([]);
    expect(e.activeAlerts()).toEqual([filedOverdue, overallOverdue]);

    expect(e.onEvents([permit('P-1', 'review', day(9))])).toEqual([
      {
        ...filedOverdue,
        status: 'resolved',
        endsAtMs: day(9),
        value: 9, // the resolving values: 9 days in the stage when it advanced
        window: { startMs: T0, endMs: day(9) },
        summary: 'G005 审批已推进 permit P-1 advanced to 审批 review (2024-03-10 08:00)',
      },
    ]);
    expect(e.activeAlerts()).toEqual([overallOverdue]);
    expect(e.onWatermark(day(12))).toEqual([]);

    expect(e.onEvents([permit('P-1', 'permitIssued', day(12))])).toEqual([
      {
        ...overallOverdue,
        status: 'resolved',
        endsAtMs: day(12),
        value: 12,
        window: { startMs: T0, endMs: day(12) },
        summary: 'G005 审批已推进 permit P-1 advanced to 施工许可证已发 permit issued (2024-03-13 08:00)',
      },
    ]);
    expect(e.activeAlerts()).toEqual([]);
    expect(e.onWatermark(day(40))).toEqual([]);
  });

  it('times each stage and the overall commitment separately', () => {
    const e = engine({ ...SHIPPED, stageDeadlineMs: 5 * DAY_MS });
    e.onEvents([permit('P-1', 'filed', T0), permit('P-1', 'review', day(2))]);
    const review = e.onWatermark(day(7) + 1);
    expect(review.map((a) => [a.alertId, a.value, a.threshold])).toEqual([
      [`permit-overdue/G005/P-1/review@${day(7)}`, 5, 5],
    ]);
    const overall = e.onWatermark(day(8) + 1);
    expect(overall.map((a) => [a.alertId, a.value, a.threshold])).toEqual([
      [`permit-overdue/G005/P-1/overall@${day(8)}`, 8, 8],
    ]);
    const rejected = e.onEvents([permit('P-1', 'rejected', day(9))]);
    expect(rejected.map((a) => [a.fingerprint, a.status, a.endsAtMs])).toEqual([
      ['permit-overdue/G005/P-1/review', 'resolved', day(9)],
      ['permit-overdue/G005/P-1/overall', 'resolved', day(9)],
    ]);
  });

  it('ignores a late event of an earlier stage', () => {
    const e = engine();
    e.onEvents([
      permit('P-1', 'filed', T0),
      permit('P-1', 'review', day(2)),
      permit('P-1', 'filed', T0 + HOUR_MS),
    ]);
    // Still in review since day 2 (deadline day 10), and the overall clock still runs from T0.
    expect(e.onWatermark(day(9)).map((a) => a.fingerprint)).toEqual(['permit-overdue/G005/P-1/overall']);
    expect(e.onWatermark(day(10))).toEqual([]);
  });

  it('does not resurrect a finished permit from a late stage event', () => {
    const e = engine();
    e.onEvents([
      permit('P-1', 'filed', T0),
      permit('P-1', 'permitIssued', day(1)),
      permit('P-1', 'review', T0 + HOUR_MS),
    ]);
    expect(e.onWatermark(day(1) + DAY_MS)).toEqual([]);
    expect(e.snapshot().permits).toEqual([]);
  });

  it('has no overall clock for a permit first seen in review until a late filing arrives', () => {
    const e = engine();
    e.onEvents([permit('P-2', 'review', T0)]);
    expect(e.onWatermark(day(8) + 1).map((a) => a.fingerprint)).toEqual(['permit-overdue/G005/P-2/review']);
    e.onEvents([permit('P-2', 'filed', T0 - DAY_MS)]);
    expect(e.onWatermark(day(8) + 2).map((a) => a.alertId)).toEqual([
      `permit-overdue/G005/P-2/overall@${day(7)}`,
    ]);
  });
});

/** The fixed part of a permit event of G007 (area A02). */
const permitOf = (permitId: string) => ({
  family: 'permit' as const,
  source: 's',
  location: { kind: 'grid' as const, gridId: 'G007' },
  gridId: 'G007',
  areaId: 'A02',
  permitId,
  projectName: 'Factory',
});

describe('PermitOverdueRule, history replayed in a burst', () => {
  it('fires and resolves a stage deadline that passed before the watermark reached it', () => {
    const DAY = DAY_MS;
    const rule = new PermitOverdueRule(SHIPPED);
    const base = permitOf('P9');
    expect(rule.onPermit({ ...base, eventId: 'e1', eventTimeMs: 0, stage: 'filed' })).toEqual([]);
    // Reviewed 10 days after filing, but no watermark ever passed day 8 in between.
    const review = rule.onPermit({ ...base, eventId: 'e2', eventTimeMs: 10 * DAY, stage: 'review' });
    expect(
      review.map((a) => `${a.labels['stage']} ${a.status} ${a.startsAtMs} ${a.endsAtMs ?? '-'}`),
    ).toEqual([`filed firing ${8 * DAY} -`, `filed resolved ${8 * DAY} ${10 * DAY}`]);
    const issued = rule.onPermit({ ...base, eventId: 'e3', eventTimeMs: 11 * DAY, stage: 'permitIssued' });
    expect(
      issued.map((a) => `${a.labels['stage']} ${a.status} ${a.startsAtMs} ${a.endsAtMs ?? '-'}`),
    ).toEqual([`overall firing ${8 * DAY} -`, `overall resolved ${8 * DAY} ${11 * DAY}`]);
    // Nothing more once the watermark catches up.
    expect(rule.onWatermark(20 * DAY)).toEqual([]);
  });

  it('stays silent for a permit that advanced in time', () => {
    const DAY = DAY_MS;
    const rule = new PermitOverdueRule(SHIPPED);
    const base = permitOf('P10');
    rule.onPermit({ ...base, eventId: 'e1', eventTimeMs: 0, stage: 'filed' });
    expect(rule.onPermit({ ...base, eventId: 'e2', eventTimeMs: 3 * DAY, stage: 'review' })).toEqual([]);
    expect(rule.onPermit({ ...base, eventId: 'e3', eventTimeMs: 7 * DAY, stage: 'permitIssued' })).toEqual(
      [],
    );
  });
});
