import type { Alert } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import type { ThresholdRule } from './rule-set';
import { caseRule, ruleSetOf } from './test-rule-sets';
import { MINUTE_MS, T0, areaOf } from './test-fixtures';
import { ThresholdEvaluator, type ThresholdState } from './threshold-rule';
import type { WindowResult } from './window-result';

const rule = (overrides: Record<string, unknown> = {}) =>
  ruleSetOf(caseRule(overrides)).rules[0] as ThresholdRule;

function win(key: string, startMin: number, value: number, sizeMin = 10, final = true): WindowResult<number> {
  return {
    key,
    window: { startMs: T0 + startMin * MINUTE_MS, endMs: T0 + (startMin + sizeMin) * MINUTE_MS },
    value,
    count: value,
    final,
  };
}

const brief = (alerts: readonly Alert[]) =>
  alerts.map(
    (a) =>
      `${a.status} ${a.gridId} ${a.severity} ${(a.startsAtMs - T0) / MINUTE_MS}${a.endsAtMs === undefined ? '' : `-${(a.endsAtMs - T0) / MINUTE_MS}`}`,
  );

describe('ThresholdEvaluator', () => {
  it('fires on a true final window, escalates, and resolves once on a quiet one', () => {
    const e = new ThresholdEvaluator(rule(), areaOf);
    expect(brief(e.onWindows([win('G1', 0, 6)]))).toEqual(['firing G1 medium 0']);
    expect(brief(e.onWindows([win('G1', 10, 7)]))).toEqual([]); // still firing: no duplicate
    expect(brief(e.onWindows([win('G1', 20, 12)]))).toEqual(['firing G1 high 0']); // escalated, same start
    expect(brief(e.onWindows([win('G1', 30, 2)]))).toEqual(['resolved G1 high 0-30']);
    expect(brief(e.onWindows([win('G1', 40, 1)]))).toEqual([]);
  });

  it('resolves with the values that resolved it, and the last firing values when stale', () => {
    const e = new ThresholdEvaluator(
      rule({ resolved_summary: { zh: '{value}/{count}', en: '{windowStart}' } }),
      areaOf,
    );
    e.onWindows([win('G1', 0, 12)]);
    const [r] = e.onWindows([win('G1', 10, 2)]);
    expect(r).toMatchObject({ status: 'resolved', severity: 'high', value: 2, threshold: 5 });
    expect(r!.window).toEqual(win('G1', 10, 2).window);
    expect(r!.summary).toBe('2/2 / 08:10');
    e.onWindows([win('G1', 20, 9)]);
    const [stale] = e.onWatermark(T0 + 61 * MINUTE_MS);
    expect(stale).toMatchObject({ status: 'resolved', value: 9, window: win('G1', 20, 9).window });
  });

  it('puts its evidence on every alert: measure, window, aggregates, comparison, `for` history', () => {
    const e = new ThresholdEvaluator(rule({ for: '10m' }), areaOf);
    e.onWindows([win('G1', 0, 6)]);
    const [firing] = e.onWindows([win('G1', 10, 7)]);
    expect(firing!.evidence).toEqual({
      measure: 'count of case where stage=received, per grid, 600 s windows',
      windowKind: 'tumbling',
      window: win('G1', 10, 7).window,
      aggregates: { value: 7, count: 7 },
      count: 7,
      comparison: '>=',
      threshold: 5,
      forMs: 600_000,
      pendingSinceMs: T0,
      firstTrueEndMs: T0 + 10 * MINUTE_MS,
      records: [],
    });
    // The resolution's evidence is the window that resolved it.
    const [done] = e.onWindows([win('G1', 20, 1)]);
    expect(done!.evidence).toMatchObject({
      window: win('G1', 20, 1).window,
      aggregates: { value: 1, count: 1 },
    });
  });

  it('fills the summary template and puts scope and areaId in the labels', () => {
    const [a] = new ThresholdEvaluator(rule(), areaOf).onWindows([win('G1', 0, 6)]);
    expect(a!.summary).toBe('G1 案件 6 件 / G1 6 cases ≥ 5');
    expect(a!.labels).toEqual({ scope: 'grid', areaId: 'A1' });
    expect(a!.fingerprint).toBe('case-spike/G1');
  });

  it('ignores early results, outdated results and windows below min_count', () => {
    const e = new ThresholdEvaluator(
      rule({ measure: { ...(caseRule().measure as object), min_count: 3 } }),
      areaOf,
    );
    expect(e.onWindows([win('G1', 0, 6, 10, false)])).toEqual([]);
    expect(brief(e.onWindows([win('G1', 10, 6)]))).toEqual(['firing G1 medium 10']);
    expect(e.onWindows([win('G1', 0, 0)])).toEqual([]); // older than the firing window
    const few = { ...win('G1', 20, 9), count: 2 };
    expect(e.onWindows([few])).toEqual([]); // not evidence either way
    expect(e.active()).toHaveLength(1);
  });

  it('waits `for` before firing, from the first true window, and starts at that window', () => {
    const e = new ThresholdEvaluator(rule({ for: '20m' }), areaOf);
    expect(e.onWindows([win('G1', 0, 6), win('G1', 10, 6)])).toEqual([]);
    expect(brief(e.onWindows([win('G1', 20, 6)]))).toEqual(['firing G1 medium 0']);
    // A quiet window breaks a pending run.
    const p = new ThresholdEvaluator(rule({ for: '20m' }), areaOf);
    p.onWindows([win('G1', 0, 6), win('G1', 10, 6), win('G1', 20, 1), win('G1', 30, 6), win('G1', 40, 6)]);
    expect(brief(p.onWindows([win('G1', 50, 6)]))).toEqual(['firing G1 medium 30']);
  });

  it('keeps firing for `keep_firing_for` after the last true window', () => {
    const e = new ThresholdEvaluator(rule({ keep_firing_for: '15m' }), areaOf);
    e.onWindows([win('G1', 0, 6)]);
    expect(e.onWindows([win('G1', 10, 1)])).toEqual([]); // ends at 20 < 10 + 15
    expect(brief(e.onWindows([win('G1', 20, 1)]))).toEqual(['resolved G1 medium 0-25']);
  });

  it('resolves a silent alert as stale, ending at its last true window (+ keep_firing_for)', () => {
    const e = new ThresholdEvaluator(rule(), areaOf); // stale after 3 × 10 min
    e.onWindows([win('G1', 0, 6)]);
    expect(e.onWatermark(T0 + 40 * MINUTE_MS)).toEqual([]);
    expect(brief(e.onWatermark(T0 + 40 * MINUTE_MS + 1))).toEqual(['resolved G1 medium 0-10']);
  });

  it('uses per-area overrides', () => {
    const e = new ThresholdEvaluator(
      rule({ condition: { op: '>=', threshold: 5, area_overrides: { A1: 8 } } }),
      areaOf,
    );
    expect(e.onWindows([win('G1', 0, 6)])).toEqual([]);
    expect(brief(e.onWindows([win('G999', 0, 6)]))).toEqual(['firing G999 medium 0']); // unknown area
  });

  it('compares with the trailing baseline: factor × mean of the previous N windows, empty ones 0', () => {
    const e = new ThresholdEvaluator(
      rule({ condition: { op: '>=', threshold: 4, baseline: { windows: 3, factor: 2 } } }),
      areaOf,
    );
    // Previous windows 3, 3, (none) → mean 2 → threshold max(4, 4) = 4.
    expect(e.onWindows([win('G1', 0, 3), win('G1', 10, 3)])).toEqual([]);
    expect(brief(e.onWindows([win('G1', 30, 4)]))).toEqual(['firing G1 medium 30']);
    // Previous 3 windows: 3 (at 10), none (20), 4 (30) → mean 7/3 → threshold 4.67: 4 resolves.
    const [r] = e.onWindows([win('G1', 40, 4)]);
    expect(r!.status).toBe('resolved');
  });

  const session = {
    measure: {
      stream: 'incident',
      filter: { incidentType: 'accident' },
      window: { kind: 'session', gap: '30m' },
      aggregation: { fn: 'count' },
    },
    condition: { op: '>=', threshold: 3 },
    escalate: [{ threshold: 5, severity: 'high' }],
  };
  const values = (alerts: readonly Alert[]) =>
    alerts.map((a) => `${brief([a])[0]!} v${a.value} w${(a.window.endMs - T0) / MINUTE_MS}`);

  it('sessions fire on early results, update while they grow, and resolve with their final values', () => {
    const e = new ThresholdEvaluator(rule(session), areaOf);
    expect(e.onWindows([win('G1', 0, 2, 35, false)])).toEqual([]);
    expect(values(e.onWindows([win('G1', 0, 3, 40, false)]))).toEqual(['firing G1 medium 0 v3 w40']);
    expect(values(e.onWindows([win('G1', 0, 4, 50, false)]))).toEqual(['firing G1 medium 0 v4 w50']);
    expect(e.onWindows([win('G1', 0, 4, 50, false)])).toEqual([]); // nothing new
    expect(values(e.onWindows([win('G1', 0, 5, 55, false)]))).toEqual(['firing G1 high 0 v5 w55']);
    expect(values(e.onWindows([win('G1', 0, 5, 55, true)]))).toEqual(['resolved G1 high 0-55 v5 w55']);
    expect(e.active()).toEqual([]);
    // The watermark never ends a session: only its final result does.
    const s = new ThresholdEvaluator(rule(session), areaOf);
    s.onWindows([win('G2', 0, 3, 40, false)]);
    expect(s.onWatermark(T0 + 400 * MINUTE_MS)).toEqual([]);
    expect(brief(s.onWindows([win('G2', 0, 3, 40, true)]))).toEqual(['resolved G2 medium 0-40']);
  });

  it('a session that opened and closed inside one batch fires and resolves from its final result', () => {
    const e = new ThresholdEvaluator(rule(session), areaOf);
    expect(values(e.onWindows([win('G1', 0, 6, 55, true)]))).toEqual([
      'firing G1 high 0 v6 w55',
      'resolved G1 high 0-55 v6 w55',
    ]);
    // Early results cut at other points end in the same last messages.
    const cut = new ThresholdEvaluator(rule(session), areaOf);
    const all = [win('G1', 0, 3, 40, false), win('G1', 0, 6, 55, false), win('G1', 0, 6, 55, true)].flatMap(
      (r) => cut.onWindows([r]),
    );
    expect(values(all).slice(-2)).toEqual(['firing G1 high 0 v6 w55', 'resolved G1 high 0-55 v6 w55']);
  });

  it("tracks a grid's sessions apart: the next one may open before the previous is final", () => {
    const e = new ThresholdEvaluator(rule(session), areaOf);
    e.onWindows([win('G1', 0, 3, 40, false)]);
    expect(brief(e.onWindows([win('G1', 50, 4, 35, false)]))).toEqual(['firing G1 medium 50']);
    expect(brief(e.onWindows([win('G1', 0, 3, 40, true)]))).toEqual(['resolved G1 medium 0-40']);
    expect(brief(e.active())).toEqual(['firing G1 medium 50']);
    expect(brief(e.onWindows([win('G1', 50, 4, 35, true)]))).toEqual(['resolved G1 medium 50-85']);
  });

  it('area rules key alerts by area', () => {
    const e = new ThresholdEvaluator(rule({ scope: 'area' }), areaOf);
    const [a] = e.onWindows([win('A7', 0, 6)]);
    expect(a).toMatchObject({ gridId: 'A7', areaId: 'A7', labels: { scope: 'area', areaId: 'A7' } });
  });

  it('snapshots and restores to the same behaviour', () => {
    const e = new ThresholdEvaluator(rule({ for: '10m' }), areaOf);
    e.onWindows([win('G1', 0, 6)]);
    const again = new ThresholdEvaluator(
      e.rule,
      areaOf,
      JSON.parse(JSON.stringify(e.snapshot())) as ThresholdState,
    );
    expect(brief(again.onWindows([win('G1', 10, 6)]))).toEqual(brief(e.onWindows([win('G1', 10, 6)])));
  });
});
