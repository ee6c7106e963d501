import { describe, expect, it } from 'vitest';
import { CityRuleEngine } from './city-rule-engine';
import { parseRuleSet } from './rule-set';
import { caseRule, workOrderRule } from './test-rule-sets';
import { DAY_MS, MINUTE_MS, T0, accident, areaOf, caseEvent, permit } from './test-fixtures';

const accidentRule = {
  name: 'serious-accident',
  type: 'serious-accident',
  kind: 'traffic',
  sub_category: 'carAccident',
  severity: 'high',
  labels: { team: 'traffic-police' },
};
const permitRule = {
  name: 'permit-late',
  type: 'permit-deadline',
  kind: 'governmentService',
  sub_category: 'permitOverdue',
  severity: 'low',
  stage_deadline: '2d',
  overall_deadline: '3d',
};
const set = (...rules: unknown[]) => parseRuleSet({ version: 1, rules });

describe('CityRuleEngine', () => {
  it('runs accidents, permits and work orders from the rule file, with its names and labels', () => {
    const engine = new CityRuleEngine(set(accidentRule, permitRule, workOrderRule()), areaOf);
    const step = engine.onEvents([
      accident({ eventTimeMs: T0, injured: 1 }),
      permit('P1', 'filed', T0),
      caseEvent({ eventTimeMs: T0 }),
    ]);
    expect(step.alerts.map((a) => `${a.fingerprint} ${JSON.stringify(a.labels)}`)).toEqual([
      'serious-accident/G017/INC-1 {"team":"traffic-police","incidentId":"INC-1","scope":"grid","areaId":"A3"}',
    ]);
    const timers = engine.onWatermark(T0 + 2 * DAY_MS + 1);
    expect(timers.map((a) => `${a.rule} ${a.fingerprint} ${a.severity}`)).toEqual([
      'permit-late permit-late/G005/P1/filed low',
      'work-order-overdue work-order-overdue/G001/C1/accept medium',
      'work-order-overdue work-order-overdue/G001/C1/accept high',
      'work-order-overdue work-order-overdue/G001/C1/dispatch medium',
      'work-order-overdue work-order-overdue/G001/C1/dispatch high',
    ]);
    const issued = engine.onEvents([permit('P1', 'permitIssued', T0 + 2 * DAY_MS + 5)]);
    expect(issued.permitLeadTimes).toEqual([
      { permitId: 'P1', gridId: 'G005', areaId: 'A2', leadTimeMs: 2 * DAY_MS + 5 },
    ]);
    expect(issued.alerts.map((a) => `${a.rule} ${a.status}`)).toEqual(['permit-late resolved']);
    const fatal = engine.onEvents([accident({ eventTimeMs: T0 + 1, incidentId: 'INC-2', dead: 1 })]);
    expect(fatal.alerts.map((a) => a.severity)).toEqual(['critical']);
    expect([...engine.openWorkOrders()]).toEqual([['G001', { areaId: 'A1', count: 1 }]]);
  });

  it('reload keeps unchanged rules, resolves removed ones at the watermark', () => {
    const engine = new CityRuleEngine(set(caseRule(), accidentRule), areaOf);
    engine.onEvents([accident({ eventTimeMs: T0, injured: 1 })]);
    const window = { startMs: T0, endMs: T0 + 10 * MINUTE_MS };
    engine.onWindows('case-spike', [{ key: 'G1', window, value: 6, count: 6, final: true }]);
    engine.onWatermark(T0 + 11 * MINUTE_MS);
    expect(engine.activeAlerts().map((a) => a.fingerprint)).toEqual([
      'case-spike/G1',
      'serious-accident/G017/INC-1',
    ]);
    expect(engine.reload(set(caseRule(), accidentRule))).toEqual([]);
    expect(engine.activeAlerts()).toHaveLength(2);
    const gone = engine.reload(set(caseRule({ condition: { op: '>=', threshold: 50 }, escalate: [] })));
    expect(gone.map((a) => `${a.fingerprint} ${a.status} ${a.endsAtMs! - T0}`)).toEqual([
      `serious-accident/G017/INC-1 resolved ${11 * MINUTE_MS}`,
    ]);
    // The changed threshold applies to the next window; the firing alert is kept until then.
    expect(engine.activeAlerts().map((a) => a.fingerprint)).toEqual(['case-spike/G1']);
    const next = { startMs: T0 + 10 * MINUTE_MS, endMs: T0 + 20 * MINUTE_MS };
    const [r] = engine.onWindows('case-spike', [
      { key: 'G1', window: next, value: 6, count: 6, final: true },
    ]);
    expect(r?.status).toBe('resolved');
  });

  it('fills the summary templates of lifecycle rules', () => {
    const engine = new CityRuleEngine(
      set(
        {
          ...accidentRule,
          summary: { zh: '{gridId} 事故 {incidentId}', en: '{gridId} accident {incidentId} at {startsAt}' },
        },
        workOrderRule({
          summary: { zh: '{caseId} 超时 {value} 分钟', en: '{caseId} {deadline} overdue ({threshold} min)' },
        }),
      ),
      areaOf,
    );
    const [a] = engine.onEvents([accident({ eventTimeMs: T0, injured: 1 })]).alerts;
    expect(a!.summary).toBe('G017 事故 INC-1 / G017 accident INC-1 at 2024-03-01 08:00');
    engine.onEvents([caseEvent({ eventTimeMs: T0 })]);
    const [w] = engine.onWatermark(T0 + 31 * MINUTE_MS);
    // As of the breach: 30 minutes after receipt, whenever the watermark noticed it.
    expect(w!.summary).toBe('C1 超时 30 分钟 / C1 dispatch overdue (30 min)');
  });
});
