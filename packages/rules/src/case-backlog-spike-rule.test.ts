import type { Alert } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './rule-engine';
import { defaultRulesConfig, parseRulesConfig } from './rules-config';
import { areaOf, caseWindow, MINUTE_MS, T0 } from './test-fixtures';

const FP = 'case-backlog-spike/G001';
const engine = () => new RuleEngine(defaultRulesConfig, areaOf);
const at = (minute: number) => T0 + minute * MINUTE_MS;

const firing: Alert = {
  alertId: `${FP}@${T0}`,
  fingerprint: FP,
  rule: 'case-backlog-spike',
  kind: 'cityManagement',
  subCategory: 'caseBacklog',
  gridId: 'G001',
  areaId: 'A1',
  severity: 'medium',
  status: 'firing',
  startsAtMs: T0,
  value: 6,
  threshold: 6,
  window: { startMs: T0, endMs: at(10) },
  summary: 'G001 案件激增 case backlog spike: 6 cases received ≥ 6, most noise (window 08:00–08:10)',
  labels: { topServiceCode: 'noise' },
};

describe('case-backlog-spike', () => {
  it('fires at the threshold, escalates at twice it, resolves on a quiet window', () => {
    const e = engine();
    expect(e.onCaseWindows([caseWindow('G001', T0, 5)])).toEqual([]);
    expect(
      e.onCaseWindows([
        caseWindow('G001', T0, 6, { byServiceCode: { noise: 3, 'waste.dumping': 2, abc: 1 } }),
      ]),
    ).toEqual([firing]);

    const escalated: Alert = {
      ...firing,
      severity: 'high',
      value: 12,
      window: { startMs: at(10), endMs: at(20) },
      summary:
        'G001 案件激增 case backlog spike: 12 cases received ≥ 6, most waste.dumping (window 08:10–08:20)',
      labels: { topServiceCode: 'waste.dumping' },
    };
    expect(e.onCaseWindows([caseWindow('G001', at(10), 12)])).toEqual([escalated]);
    expect(e.onCaseWindows([caseWindow('G001', at(20), 13)])).toEqual([]);
    expect(e.onCaseWindows([caseWindow('G001', at(30), 3)])).toEqual([
      {
        ...escalated,
        status: 'resolved',
        endsAtMs: at(30),
        summary: 'G001 案件激增解除 case spike resolved: 3 cases received < 6 (window 08:30–08:40)',
      },
    ]);
    expect(e.activeAlerts()).toEqual([]);
  });

  it('ignores early results and counts below the threshold', () => {
    const e = engine();
    expect(
      e.onCaseWindows([caseWindow('G001', T0, 20, { final: false }), caseWindow('G002', T0, 5)]),
    ).toEqual([]);
  });

  it('breaks service-code ties by the smallest code', () => {
    const e = engine();
    const [alert] = e.onCaseWindows([
      caseWindow('G001', T0, 6, { byServiceCode: { noise: 3, graffiti: 3 } }),
    ]);
    expect(alert?.labels).toEqual({ topServiceCode: 'graffiti' });
  });

  it('resolves by staleness when no window follows', () => {
    const e = engine();
    e.onCaseWindows([caseWindow('G001', T0, 6, { byServiceCode: { noise: 6 } })]);
    expect(e.onWatermark(at(40))).toEqual([]);
    expect(e.onWatermark(at(40) + 1)).toEqual([
      {
        ...firing,
        status: 'resolved',
        endsAtMs: at(10),
        summary: 'G001 案件激增告警过期 case spike alert expired: no case window since 08:10',
      },
    ]);
  });

  it('uses a configured threshold and honours enabled', () => {
    const e = new RuleEngine(parseRulesConfig({ caseBacklogSpike: { threshold: 3 } }), areaOf);
    expect(e.onCaseWindows([caseWindow('G001', T0, 6)])[0]).toMatchObject({ severity: 'high', threshold: 3 });
    const off = new RuleEngine(parseRulesConfig({ caseBacklogSpike: { enabled: false } }), areaOf);
    expect(off.onCaseWindows([caseWindow('G001', T0, 60)])).toEqual([]);
  });
});
