import { describe, expect, it } from 'vitest';
import { CityRuleEngine } from './city-rule-engine';
import { OpenCaseTracker } from './open-case-tracker';
import { parseRuleSet } from './rule-set';
import { workOrderRule } from './test-rule-sets';
import { DAY_MS, HOUR_MS, MINUTE_MS, T0, areaOf, caseEvent, permit } from './test-fixtures';

const permitRule = {
  name: 'permit-overdue',
  type: 'permit-deadline',
  kind: 'governmentService',
  sub_category: 'permitOverdue',
  severity: 'low',
  stage_deadline: '3d',
  overall_deadline: '8d',
};
const engine = () =>
  new CityRuleEngine(parseRuleSet({ version: 1, rules: [permitRule, workOrderRule()] }), areaOf);
const brief = (c: { upserts: readonly { kind: string; caseId: string; stage: string }[] }) =>
  c.upserts.map((u) => `${u.kind}/${u.caseId} ${u.stage}`);

describe('OpenCaseTracker', () => {
  it('reports opened and changed cases once, and closed ones as closed', () => {
    const rules = engine();
    const tracker = new OpenCaseTracker();
    rules.onEvents([caseEvent({ eventTimeMs: T0 }), permit('P1', 'filed', T0)]);
    const first = tracker.changes(rules.openCases());
    expect(brief(first)).toEqual(['work-order/C1 received', 'permit/P1 filed']);
    expect(first.closed).toEqual([]);
    // Nothing changed: nothing to publish.
    expect(tracker.changes(rules.openCases())).toEqual({ upserts: [], closed: [] });

    rules.onEvents([caseEvent({ eventTimeMs: T0 + 5 * MINUTE_MS, stage: 'dispatched' })]);
    expect(brief(tracker.changes(rules.openCases()))).toEqual(['work-order/C1 dispatched']);

    rules.onEvents([
      caseEvent({ eventTimeMs: T0 + HOUR_MS, stage: 'closed' }),
      permit('P1', 'permitIssued', T0 + 2 * DAY_MS),
    ]);
    expect(tracker.changes(rules.openCases())).toEqual({
      upserts: [],
      closed: [
        { kind: 'work-order', caseId: 'C1' },
        { kind: 'permit', caseId: 'P1' },
      ],
    });
  });

  it('gives each case the deadlines the rules measure it against, and marks the overdue ones', () => {
    const rules = engine();
    rules.onEvents([caseEvent({ eventTimeMs: T0, caseId: 'C7' }), permit('P2', 'filed', T0)]);
    // The watermark passes the order's 30-minute dispatch deadline.
    rules.onWatermark(T0 + 31 * MINUTE_MS);
    const [order, p] = new OpenCaseTracker().changes(rules.openCases()).upserts;
    expect(order).toEqual({
      kind: 'work-order',
      caseId: 'C7',
      gridId: 'G001',
      areaId: 'A1',
      stage: 'received',
      openedAtMs: T0,
      title: 'waste.dumping',
      urgency: 'normal',
      deadlines: [
        { name: 'dispatch', dueMs: T0 + 30 * MINUTE_MS, met: false, overdue: true },
        { name: 'accept', dueMs: T0 + 2 * HOUR_MS, met: false, overdue: false },
        { name: 'close', dueMs: T0 + 3 * DAY_MS, met: false, overdue: false },
      ],
    });
    expect(p?.deadlines).toEqual([
      { name: 'stage', dueMs: T0 + 3 * DAY_MS, met: false, overdue: false },
      { name: 'permit', dueMs: T0 + 8 * DAY_MS, met: false, overdue: false },
    ]);
  });

  it('reports every open case again after a reset (a restore)', () => {
    const rules = engine();
    const tracker = new OpenCaseTracker();
    rules.onEvents([caseEvent({ eventTimeMs: T0 })]);
    tracker.changes(rules.openCases());
    tracker.reset();
    expect(brief(tracker.changes(rules.openCases()))).toEqual(['work-order/C1 received']);
  });
});
