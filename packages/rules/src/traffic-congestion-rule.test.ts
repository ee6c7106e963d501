import type { Alert } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './rule-engine';
import { defaultRulesConfig, parseRulesConfig } from './rules-config';
import { areaOf, MINUTE_MS, roadStats, T0, trafficWindow } from './test-fixtures';

const FP = 'traffic-congestion/G017/arterial';
const W1 = T0 + MINUTE_MS; // 08:01

const firstFiring: Alert = {
  alertId: `${FP}@${W1}`,
  fingerprint: FP,
  rule: 'traffic-congestion',
  kind: 'traffic',
  subCategory: 'trafficJam',
  gridId: 'G017',
  areaId: 'A1',
  severity: 'medium',
  status: 'firing',
  startsAtMs: W1,
  value: 17.2,
  threshold: 20,
  window: { startMs: W1, endMs: W1 + MINUTE_MS },
  summary: 'G017 arterial 中度拥堵 moderate congestion: mean speed 17.2 km/h ≤ 20 km/h (window 08:01–08:02)',
  labels: { roadClass: 'arterial', level: 'moderate' },
};

const engine = () => new RuleEngine(defaultRulesConfig, areaOf);
const at = (minute: number) => T0 + minute * MINUTE_MS;

describe('traffic-congestion', () => {
  it('fires, escalates, stays quiet while unchanged, then resolves on a free-flowing window', () => {
    const e = engine();
    expect(e.onTrafficWindows([trafficWindow('G017', at(1), { arterial: roadStats(17.2) })])).toEqual([
      firstFiring,
    ]);
    expect(e.onTrafficWindows([trafficWindow('G017', at(2), { arterial: roadStats(18) })])).toEqual([]);

    const escalated: Alert = {
      ...firstFiring,
      severity: 'high',
      value: 12,
      window: { startMs: at(3), endMs: at(4) },
      summary:
        'G017 arterial 严重拥堵 severe congestion: mean speed 12.0 km/h ≤ 20 km/h (window 08:03–08:04)',
      labels: { roadClass: 'arterial', level: 'severe' },
    };
    expect(e.onTrafficWindows([trafficWindow('G017', at(3), { arterial: roadStats(12) })])).toEqual([
      escalated,
    ]);
    expect(e.activeAlerts()).toEqual([escalated]);

    expect(e.onTrafficWindows([trafficWindow('G017', at(4), { arterial: roadStats(32) })])).toEqual([
      {
        ...escalated,
        status: 'resolved',
        endsAtMs: at(4),
        summary:
          'G017 arterial 拥堵解除 congestion resolved: mean speed 32.0 km/h > 20 km/h (window 08:04–08:05)',
      },
    ]);
    expect(e.activeAlerts()).toEqual([]);
    expect(e.onTrafficWindows([trafficWindow('G017', at(5), { arterial: roadStats(35) })])).toEqual([]);
  });

  it('raises nothing below minObservations, on early results, or above minLevel', () => {
    const e = engine();
    expect(
      e.onTrafficWindows([
        trafficWindow('G017', at(1), { arterial: roadStats(5, 2) }),
        trafficWindow('G018', at(1), { arterial: roadStats(5) }, { final: false }),
        trafficWindow('G019', at(1), {
          arterial: roadStats(25),
          expressway: roadStats(36),
          secondary: roadStats(16),
        }),
      ]),
    ).toEqual([]);
    expect(e.activeAlerts()).toEqual([]);
  });

  it('fires per road class at the band edge: 20 km/h arterial is moderate, 20.01 is light', () => {
    const e = engine();
    const out = e.onTrafficWindows([
      trafficWindow('G999', at(1), {
        arterial: roadStats(20),
        secondary: roadStats(15.01),
        expressway: roadStats(35),
      }),
    ]);
    expect(out.map((a) => [a.fingerprint, a.severity, a.threshold, a.areaId])).toEqual([
      ['traffic-congestion/G999/expressway', 'medium', 35, 'unknown'],
      ['traffic-congestion/G999/arterial', 'medium', 20, 'unknown'],
    ]);
    expect(e.onTrafficWindows([trafficWindow('G020', at(1), { arterial: roadStats(20.01) })])).toEqual([]);
  });

  it('uses the upper bound of a configured minLevel as threshold', () => {
    const e = new RuleEngine(parseRulesConfig({ trafficCongestion: { minLevel: 'light' } }), areaOf);
    const [alert] = e.onTrafficWindows([trafficWindow('G017', at(1), { arterial: roadStats(25) })]);
    expect(alert).toMatchObject({ severity: 'low', threshold: 30, labels: { level: 'light' } });
  });

  it('resolves a silent alert once the watermark is past the last firing window end + staleAfterMs', () => {
    const e = engine();
    e.onTrafficWindows([trafficWindow('G017', at(1), { arterial: roadStats(17.2) })]);
    // A window with too few observations is no evidence: it neither resolves nor keeps the alert alive.
    expect(e.onTrafficWindows([trafficWindow('G017', at(2), { arterial: roadStats(60, 1) })])).toEqual([]);
    expect(e.onWatermark(at(2) + 5 * MINUTE_MS)).toEqual([]);
    expect(e.onWatermark(at(2) + 5 * MINUTE_MS + 1)).toEqual([
      {
        ...firstFiring,
        status: 'resolved',
        endsAtMs: at(2),
        summary: 'G017 arterial 拥堵告警过期 congestion alert expired: no congested window since 08:02',
      },
    ]);
    expect(e.onWatermark(at(30))).toEqual([]);
    // The next congestion is a new firing with a new id.
    const [again] = e.onTrafficWindows([trafficWindow('G017', at(31), { arterial: roadStats(17.2) })]);
    expect(again?.alertId).toBe(`${FP}@${at(31)}`);
  });

  it('keeps a regularly confirmed alert alive past staleAfterMs', () => {
    const e = engine();
    for (let m = 1; m <= 10; m++) {
      e.onTrafficWindows([trafficWindow('G017', at(m), { arterial: roadStats(17) })]);
      expect(e.onWatermark(at(m + 1))).toEqual([]);
    }
    expect(e.activeAlerts()).toHaveLength(1);
  });

  it('ignores a late result for a window not newer than the latest firing one', () => {
    const e = engine();
    e.onTrafficWindows([trafficWindow('G017', at(3), { arterial: roadStats(17) })]);
    expect(e.onTrafficWindows([trafficWindow('G017', at(2), { arterial: roadStats(50) })])).toEqual([]);
    expect(e.activeAlerts()).toHaveLength(1);
  });

  it('does nothing when disabled', () => {
    const e = new RuleEngine(parseRulesConfig({ trafficCongestion: { enabled: false } }), areaOf);
    expect(e.onTrafficWindows([trafficWindow('G017', at(1), { arterial: roadStats(5) })])).toEqual([]);
  });
});
