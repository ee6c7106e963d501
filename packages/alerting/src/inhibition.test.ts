import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { alertLabels } from './alert-labels';
import { DEFAULT_INHIBIT_RULES, inhibitedBy, validateInhibitRules } from './inhibition';
import { parseMatcher } from './label-matcher';

function alert(id: string, scope: string, areaId: string, gridId = 'G001'): Alert {
  return {
    alertId: id,
    fingerprint: id,
    rule: 'r',
    kind: 'traffic',
    subCategory: 'trafficJam',
    gridId,
    areaId,
    severity: 'high',
    status: 'firing',
    startsAtMs: 0,
    value: 1,
    threshold: 2,
    window: { startMs: 0, endMs: 1 },
    summary: '',
    labels: { scope, areaId },
  };
}
const src = (a: Alert) => ({ id: a.alertId, labels: alertLabels(a) });

describe('inhibition', () => {
  it('an area alert mutes the grid alerts of the same area only', () => {
    const area = alert('area-A01', 'area', 'A01');
    const same = alert('g1', 'grid', 'A01');
    const other = alert('g2', 'grid', 'A02', 'G009');
    expect(inhibitedBy(DEFAULT_INHIBIT_RULES, [src(area)], same.alertId, alertLabels(same))).toEqual([
      'area-A01',
    ]);
    expect(inhibitedBy(DEFAULT_INHIBIT_RULES, [src(area)], other.alertId, alertLabels(other))).toEqual([]);
    // the area alert does not inhibit itself, nor does a grid alert inhibit anything
    expect(
      inhibitedBy(DEFAULT_INHIBIT_RULES, [src(area), src(same)], area.alertId, alertLabels(area)),
    ).toEqual([]);
  });

  it('validates rules naming the field', () => {
    expect(() =>
      validateInhibitRules([{ sourceMatchers: [], targetMatchers: [parseMatcher('a=b')], equal: [] }]),
    ).toThrow(/^inhibit_rules\[0\]\.source_matchers/);
  });
});
