import type { Alert } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { diffAlerts } from './alert-diff';

const alert = (id: string, fields: Partial<Alert> = {}): Alert => ({
  alertId: id,
  fingerprint: id.split('@')[0]!,
  rule: 'slow',
  kind: 'traffic',
  subCategory: 'trafficJam',
  gridId: 'G1',
  areaId: 'A1',
  severity: 'medium',
  status: 'firing',
  startsAtMs: 0,
  value: 12,
  threshold: 20,
  window: { startMs: 0, endMs: 60_000 },
  summary: '',
  labels: {},
  ...fields,
});

describe('diffAlerts', () => {
  it('is empty for the same alerts, whatever the number of firing updates', () => {
    const actual = [alert('a@0'), alert('a@0', { status: 'resolved', endsAtMs: 60_000 })];
    expect(diffAlerts([actual[1]!], actual)).toEqual({ added: [], removed: [], changed: [], byRuleArea: [] });
  });

  it('names alerts added, removed and changed, with counts per rule and area', () => {
    const d = diffAlerts(
      [alert('a@0', { severity: 'high' }), alert('b@0', { areaId: 'A2' })],
      [alert('a@0'), alert('c@0', { rule: 'other' })],
    );
    expect(d.added.map((a) => a.alertId)).toEqual(['b@0']);
    expect(d.removed.map((a) => a.alertId)).toEqual(['c@0']);
    expect(d.changed.map((c) => [c.candidate.alertId, c.fields])).toEqual([
      ['a@0', ['severity: medium → high']],
    ]);
    expect(d.byRuleArea).toEqual([
      { rule: 'other', areaId: 'A1', added: 0, removed: 1, changed: 0 },
      { rule: 'slow', areaId: 'A1', added: 0, removed: 0, changed: 1 },
      { rule: 'slow', areaId: 'A2', added: 1, removed: 0, changed: 0 },
    ]);
  });
});
