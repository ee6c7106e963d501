import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { DemoReport, REQUIRED_RULES, spreadOf } from './demo-report';
import { parseSimulatorLine } from './simulator-output';

const alert = (rule: string, status: Alert['status'], labels: Record<string, string> = {}): Alert => ({
  alertId: `${rule}-${status}`,
  fingerprint: rule,
  rule,
  kind: 'traffic',
  subCategory: 'x',
  gridId: 'G001',
  areaId: 'A01',
  severity: 'high',
  status,
  startsAtMs: 0,
  value: 1,
  threshold: 1,
  window: { startMs: 0, endMs: 1 },
  summary: '',
  labels,
});

const sent = (incidentId: string, sentAtMs: number) =>
  parseSimulatorLine(
    JSON.stringify({
      type: 'sent',
      family: 'traffic',
      incidentId,
      gridId: 'G001',
      injured: 1,
      dead: 0,
      sentAtMs,
    }),
  )!;

describe('spreadOf', () => {
  it('gives min, median and max', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ count: 3, minMs: 10, medianMs: 20, maxMs: 30 });
    expect(spreadOf([40, 10, 20, 30])).toEqual({ count: 4, minMs: 10, medianMs: 25, maxMs: 40 });
    expect(spreadOf([])).toBeUndefined();
  });
});

describe('parseSimulatorLine', () => {
  it('keeps the lines it knows and drops the rest', () => {
    expect(
      parseSimulatorLine(
        '{"type":"summary","events":5,"malformed":1,"seconds":2,"eventsPerSecond":2.5,"days":1}',
      ),
    ).toEqual({
      type: 'summary',
      events: 5,
      malformed: 1,
      seconds: 2,
      eventsPerSecond: 2.5,
    });
    expect(parseSimulatorLine('{"type":"progress","events":5}')).toBeUndefined();
    expect(parseSimulatorLine('{"type":"sent"}')).toBeUndefined();
    expect(parseSimulatorLine('not json')).toBeUndefined();
  });
});

describe('DemoReport', () => {
  it('measures each serious accident from its first send to its first firing alert', () => {
    const report = new DemoReport();
    report.onSimulatorLine(sent('inc-1', 1_000));
    report.onSimulatorLine(sent('inc-1', 5_000)); // an update of the same accident
    report.onSimulatorLine(sent('inc-2', 2_000));
    report.onSimulatorLine(sent('inc-3', 3_000));
    // The alert may arrive before the demo reads the simulator's line: order does not matter.
    report.onAlert(alert('serious-accident', 'firing', { incidentId: 'inc-2' }), 2_030);
    report.onAlert(alert('serious-accident', 'firing', { incidentId: 'inc-1' }), 1_012);
    report.onAlert(alert('serious-accident', 'firing', { incidentId: 'inc-1' }), 5_020); // re-fired on update
    report.onAlert(alert('serious-accident', 'resolved', { incidentId: 'inc-1' }), 9_000);
    const figures = report.figures();
    expect(figures.accidentDelay).toEqual({ count: 2, minMs: 12, medianMs: 21, maxMs: 30 });
    expect(figures.accidentsWithoutAlert).toEqual(['inc-3']);
    expect(figures.alertsByRule.get('serious-accident')).toEqual({ firing: 3, resolved: 1 });
  });

  it('names the rules that raised nothing, and lists every rule seen', () => {
    const report = new DemoReport();
    report.onAlert(alert('traffic-congestion', 'firing'), 1);
    report.onAlert(alert('permit-overdue', 'resolved'), 2);
    report.onAlert(alert('zz-custom', 'firing'), 3);
    const figures = report.figures();
    expect(figures.missingRules).toEqual(['serious-accident', 'case-backlog-spike']);
    expect([...figures.alertsByRule.keys()]).toEqual([...REQUIRED_RULES, 'zz-custom']);
    expect(report.lastAlertAtMs).toBe(3);
  });

  it('passes once every required rule raised an alert', () => {
    const report = new DemoReport();
    for (const rule of REQUIRED_RULES) report.onAlert(alert(rule, 'firing'), 1);
    expect(report.figures().missingRules).toEqual([]);
  });
});
