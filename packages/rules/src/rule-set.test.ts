import { describe, expect, it } from 'vitest';
import { RulesConfigError } from './errors';
import { parseRuleSet } from './rule-set';

const congestion = {
  name: 'traffic-congestion',
  type: 'threshold',
  kind: 'traffic',
  sub_category: 'trafficJam',
  severity: 'medium',
  labels: { roadClass: 'arterial' },
  measure: {
    stream: 'traffic',
    filter: { roadClass: 'arterial' },
    window: { kind: 'hopping', size: '5m', advance: '1m' },
    aggregation: { fn: 'mean', field: 'averageVehicleSpeedKmh', weight: 'intensity' },
  },
  condition: { op: '<=', threshold: 20, area_overrides: { A01: 25 } },
  escalate: [{ threshold: 15, severity: 'high' }],
  for: '3m',
  keep_firing_for: '2m',
  summary: { zh: '{gridId} 拥堵 {value}', en: '{gridId} congestion {value}' },
};

function issuesOf(doc: unknown): string[] {
  try {
    parseRuleSet(doc);
  } catch (err: unknown) {
    if (err instanceof RulesConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('parseRuleSet', () => {
  it('turns a rule file into frozen rules with durations in ms and defaults filled in', () => {
    const set = parseRuleSet({ version: 1, rules: [congestion] });
    const rule = set.rules[0]!;
    expect(rule.type).toBe('threshold');
    if (rule.type !== 'threshold') return;
    expect(rule.id).toBe('traffic-congestion{roadClass=arterial}');
    expect(rule.measure.window).toEqual({ kind: 'hopping', sizeMs: 300_000, advanceMs: 60_000, graceMs: 0 });
    expect(rule.measure.filter).toEqual({ roadClass: ['arterial'] });
    expect(rule.forMs).toBe(180_000);
    expect(rule.keepFiringForMs).toBe(120_000);
    expect(rule.staleAfterMs).toBe(900_000);
    expect(rule.scope).toBe('grid');
    expect(set.kpi.congestionWindowMs).toBe(60_000);
    expect(Object.isFrozen(rule.measure)).toBe(true);
  });

  it('names every bad entry by its path and rule name', () => {
    const bad = {
      ...congestion,
      measure: { ...congestion.measure, filter: { speed: 'x' }, window: { kind: 'tumbling', size: 'soon' } },
      condition: { op: '<=', threshold: 20, baseline: { windows: 3, factor: 2 } },
      escalate: [{ threshold: 25, severity: 'high' }],
    };
    expect(issuesOf({ version: 1, rules: [bad] })).toEqual([
      'rules[0](traffic-congestion).measure.window.size: not a duration: "soon" (e.g. 90s, 5m, 1h, 8d)',
    ]);
    expect(
      issuesOf({
        version: 1,
        rules: [{ ...bad, measure: { ...bad.measure, window: { kind: 'tumbling', size: '1m' } } }],
      }),
    ).toEqual([
      'rules[0](traffic-congestion).measure.filter.speed: cannot filter traffic events on speed; one of: roadClass, refRoadSegment, source',
      'rules[0](traffic-congestion).condition.baseline: a baseline needs op > or >=',
      'rules[0](traffic-congestion).escalate[0].threshold: must be worse (<=) than 20: escalations go from mild to severe',
    ]);
  });

  it('rejects unknown keys, duplicate rules and reserved labels', () => {
    expect(issuesOf({ version: 1, rules: [{ ...congestion, threshold: 3 }] })).toEqual([
      'rules[0](traffic-congestion).threshold: unknown key',
    ]);
    expect(issuesOf({ version: 1, rules: [congestion, congestion] })).toEqual([
      'rules[1](traffic-congestion): duplicate rule traffic-congestion{roadClass=arterial} (also rules[0]); give it other labels',
    ]);
    expect(issuesOf({ version: 1, rules: [{ ...congestion, labels: { areaId: 'A01' } }] })).toEqual([
      'rules[0](traffic-congestion).labels: scope and areaId are set by the engine',
    ]);
    expect(issuesOf({ version: 2, rules: [] })[0]).toMatch(/^version: /);
  });
});

describe('distinct counts', () => {
  it('only count identifier fields', () => {
    const rule = {
      ...congestion,
      measure: { ...congestion.measure, aggregation: { fn: 'distinct', field: 'averageVehicleSpeedKmh' } },
    };
    expect(issuesOf({ version: 1, rules: [rule] })).toEqual([
      'rules[0](traffic-congestion).measure.aggregation.field: cannot count distinct averageVehicleSpeedKmh of traffic events; one of: refRoadSegment',
    ]);
  });
});

describe('session rules', () => {
  const session = {
    ...congestion,
    measure: { ...congestion.measure, window: { kind: 'session', gap: '10m' } },
    escalate: [],
    keep_firing_for: '0s',
  };
  it('need a condition that only becomes truer as the session grows, no `for` and no staleness', () => {
    expect(issuesOf({ version: 1, rules: [{ ...session, for: '0s' }] })).toEqual([
      'rules[0](traffic-congestion).condition.op: a session rule needs a condition that only becomes truer as the session grows: op > or >= with count, distinct, sum or max, or op < or <= with min (not <= on mean)',
    ]);
    const counted = {
      ...session,
      measure: { ...session.measure, aggregation: { fn: 'count' } },
      condition: { op: '>=', threshold: 3 },
    };
    expect(issuesOf({ version: 1, rules: [{ ...counted, stale_after: '1h' }] })).toEqual([
      'rules[0](traffic-congestion).for: a session rule fires when its condition first holds; raise the threshold instead of `for`',
      'rules[0](traffic-congestion).stale_after: a session alert ends with its session, not by staleness',
    ]);
    const ok = parseRuleSet({ version: 1, rules: [{ ...counted, for: '0s' }] }).rules[0];
    expect(ok).toMatchObject({ staleAfterMs: Number.POSITIVE_INFINITY });
    const slowest = {
      ...counted,
      for: '0s',
      measure: { ...session.measure, aggregation: { fn: 'min', field: 'averageVehicleSpeedKmh' } },
      condition: { op: '<', threshold: 5 },
    };
    expect(issuesOf({ version: 1, rules: [slowest] })).toEqual([]);
  });
});
