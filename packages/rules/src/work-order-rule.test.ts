import type { Alert, CaseEvent } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import type { WorkOrderRuleConfig } from './rule-set';
import { ruleSetOf, workOrderRule } from './test-rule-sets';
import { MINUTE_MS, T0, caseEvent } from './test-fixtures';
import { WorkOrderRule, type WorkOrderState } from './work-order-rule';

const config = ruleSetOf(workOrderRule()).rules[0] as WorkOrderRuleConfig;
const at = (min: number) => T0 + min * MINUTE_MS;
const ev = (
  stage: CaseEvent['stage'],
  min: number,
  fields: Partial<CaseEvent> & { gridId?: string } = {},
) => {
  const { gridId, ...rest } = fields;
  const e = caseEvent({ stage, eventTimeMs: at(min), eventId: `${stage}-${min}`, ...rest });
  return gridId === undefined ? e : { ...e, gridId };
};

const brief = (alerts: readonly Alert[]) =>
  alerts.map(
    (a) =>
      `${a.status} ${a.labels['caseId']} ${a.labels['deadline']} ${a.severity} ${(a.startsAtMs - T0) / MINUTE_MS}${a.endsAtMs === undefined ? '' : `-${(a.endsAtMs - T0) / MINUTE_MS}`}`,
  );

/** Feeds events, then the watermark to each minute in `watermarks`; returns every alert message. */
function run(rule: WorkOrderRule, steps: ({ event: ReturnType<typeof ev> } | { wm: number })[]): string[] {
  const out: Alert[] = [];
  for (const s of steps) {
    if ('event' in s) out.push(...rule.onCase(s.event).alerts);
    else out.push(...rule.onWatermark(at(s.wm)));
  }
  return brief(out);
}

describe('WorkOrderRule', () => {
  it('an order that goes through its lifecycle in time never alerts', () => {
    const rule = new WorkOrderRule(config);
    const steps = [
      { event: ev('received', 0) },
      { event: ev('dispatched', 20) },
      { wm: 25 },
      { event: ev('accepted', 100) },
      { event: ev('handled', 300) },
      { event: ev('verified', 400) },
      { wm: 1000 },
      { event: ev('closed', 1200) },
      { wm: 5000 },
    ];
    expect(run(rule, steps)).toEqual([]);
    expect(rule.openByGrid().size).toBe(0);
  });

  it('fires at the dispatch deadline, escalates after an hour, resolves when dispatched', () => {
    const rule = new WorkOrderRule(config);
    expect(
      run(rule, [{ event: ev('received', 0) }, { wm: 30 }, { wm: 31 }, { wm: 60 }, { wm: 91 }, { wm: 95 }]),
    ).toEqual(['firing C1 dispatch medium 30', 'firing C1 dispatch high 30']);
    expect(run(rule, [{ event: ev('dispatched', 96) }])).toEqual(['resolved C1 dispatch high 30-96']);
  });

  it('urgent orders and service-code overrides have their own deadlines; closing resolves everything', () => {
    const rule = new WorkOrderRule(config);
    const urgent = { urgency: 'urgent' as const, serviceCode: 'manhole.missing', caseId: 'M1' };
    expect(
      run(rule, [
        { event: ev('received', 0, urgent) },
        { event: ev('dispatched', 5, urgent) },
        { wm: 31 },
        { wm: 121 },
      ]),
    ).toEqual(['firing M1 accept medium 30', 'firing M1 accept high 30', 'firing M1 close medium 120']);
    const { alerts, closure } = rule.onCase(ev('closed', 130, urgent));
    expect(brief(alerts)).toEqual(['resolved M1 accept high 30-130', 'resolved M1 close medium 120-130']);
    expect(closure).toEqual({ caseId: 'M1', gridId: 'G001', areaId: 'A1', onTime: false });
  });

  it('counts on-time closures and open orders per grid', () => {
    const rule = new WorkOrderRule(config);
    rule.onCase(ev('received', 0));
    rule.onCase(ev('received', 0, { caseId: 'C2', gridId: 'G002' }));
    expect([...rule.openByGrid()]).toEqual([
      ['G001', { areaId: 'A1', count: 1 }],
      ['G002', { areaId: 'A1', count: 1 }],
    ]);
    expect(rule.onCase(ev('closed', 10)).closure?.onTime).toBe(true);
    expect(rule.onCase(ev('received', 11)).alerts).toEqual([]); // a late event cannot re-open it
    expect([...rule.openByGrid().keys()]).toEqual(['G002']);
  });

  it('a bounced order must be dispatched again; its deadline restarts no earlier than the bounce', () => {
    const rule = new WorkOrderRule(config);
    expect(
      run(rule, [
        { event: ev('received', 0) },
        { event: ev('dispatched', 10) },
        { event: ev('bounced', 40) },
        { wm: 40 },
        { wm: 41 },
      ]),
    ).toEqual(['firing C1 dispatch medium 40']);
  });

  it('is deterministic: the same events and watermarks give the same alerts (replays)', () => {
    const steps = [{ event: ev('received', 0) }, { wm: 31 }, { wm: 200 }, { event: ev('closed', 300) }];
    expect(run(new WorkOrderRule(config), steps)).toEqual(run(new WorkOrderRule(config), steps));
    const a = new WorkOrderRule(config);
    run(a, steps.slice(0, 2));
    const b = new WorkOrderRule(config, JSON.parse(JSON.stringify(a.snapshot())) as WorkOrderState);
    expect(run(b, steps.slice(2))).toEqual([
      // Overdue for more than an hour when first seen: the breach and its escalation, each as of
      // its own instant, as a watermark that crawled there would have emitted them.
      'firing C1 accept medium 120',
      'firing C1 accept high 120',
      'firing C1 dispatch high 30',
      'resolved C1 dispatch high 30-300',
      'resolved C1 accept high 120-300',
    ]);
  });
});
