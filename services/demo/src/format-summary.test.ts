import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { DemoReport, REQUIRED_RULES } from './demo-report';
import { formatSummary } from './format-summary';
import { parseSimulatorLine } from './simulator-output';

const context = {
  broker: '127.0.0.1:19092 (local launcher, started in 4.1 s)',
  deadLetters: 108,
  logsDir: '.run/demo/x',
};
const alert = (rule: string, incidentId?: string) =>
  ({ rule, status: 'firing', labels: incidentId ? { incidentId } : {} }) as unknown as Alert;

describe('formatSummary', () => {
  it('prints the figures and PASS when every rule fired', () => {
    const report = new DemoReport();
    report.onSimulatorLine(
      parseSimulatorLine(
        '{"type":"summary","events":53945,"malformed":108,"seconds":60.4,"eventsPerSecond":893.1}',
      )!,
    );
    report.onSimulatorLine(
      parseSimulatorLine(
        '{"type":"sent","incidentId":"i1","gridId":"G1","injured":1,"dead":0,"sentAtMs":100}',
      )!,
    );
    for (const rule of REQUIRED_RULES) report.onAlert(alert(rule, 'i1'), 118);
    const text = formatSummary(report.figures(), context, false);
    expect(text).toContain('53,945 events + 108 malformed records in 60.4 s (893 events/s)');
    expect(text).toContain('dead letters       108');
    expect(text).toContain('min 18 ms, median 18 ms, max 18 ms (1 serious accident, send to gRPC arrival)');
    expect(text).toMatch(/serious-accident\s+1\s+0/);
    expect(text.split('\n').at(-1)).toBe('PASS: every rule raised at least one alert');
  });

  it('says FAIL and which rules raised nothing', () => {
    const report = new DemoReport();
    report.onAlert(alert('traffic-congestion'), 1);
    const text = formatSummary(report.figures(), { ...context, deadLetters: undefined }, false);
    expect(text.split('\n').at(-1)).toBe(
      'FAIL: no alert from serious-accident, case-backlog-spike, permit-overdue',
    );
    expect(text).toContain('unknown (the simulator printed no summary)');
    expect(text).toContain('unknown (/metrics unreachable)');
  });

  it('keeps the counts aligned when a rule name is long', () => {
    const report = new DemoReport();
    report.onAlert(alert('traffic-congestion-sustained'), 1);
    const rows = formatSummary(report.figures(), context, false)
      .split('\n')
      .filter((line) => /^ {2}(alerts {13}| {19})\S/.test(line))
      .map((line) => line.replace(/ {2}none$/, ''));
    expect(rows).toHaveLength(6); // the header, four required rules, the long one
    expect(new Set(rows.map((line) => line.length)).size).toBe(1);
  });
});
