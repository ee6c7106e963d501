import { describe, expect, it } from 'vitest';
import { DEFAULT_INHIBIT_RULES } from '@citybrain/alerting';
import type { Alert } from '@citybrain/domain';
import { AlertStore } from './alert-store';
import { MuteEvaluator } from './mute';
import { SilenceStore } from './silence-store';

function alert(id: string, scope: 'grid' | 'area', status: Alert['status'], gridId = 'G081'): Alert {
  return {
    alertId: id,
    fingerprint: id,
    rule: scope === 'area' ? 'area-congestion' : 'traffic-congestion-sustained',
    kind: 'traffic',
    subCategory: 'trafficJam',
    gridId,
    areaId: 'A08',
    severity: 'medium',
    status,
    startsAtMs: 0,
    ...(status === 'resolved' ? { endsAtMs: 60_000 } : {}),
    value: 15,
    threshold: 20,
    window: { startMs: 0, endMs: 60_000 },
    summary: 's',
    labels: { scope, areaId: 'A08' },
  };
}

describe('MuteEvaluator', () => {
  it('mutes the resolution of a grid alert whose firing an area alert inhibited, even after the area alert ended', () => {
    const store = new AlertStore();
    const mute = new MuteEvaluator(store, new SilenceStore(), DEFAULT_INHIBIT_RULES);
    const area = alert('area', 'area', 'firing', 'A08');
    store.apply(area);
    const grid = alert('grid', 'grid', 'firing');
    expect(mute.isMuted(grid)).toBe(true);
    store.apply(grid);
    store.apply(alert('area', 'area', 'resolved', 'A08'));
    // The area alert is over, but subscribers never saw the grid alert fire.
    expect(mute.isMuted(alert('grid', 'grid', 'resolved'))).toBe(true);
  });

  it('streams the resolution of an alert whose firing was streamed, even if an area alert began since', () => {
    const store = new AlertStore();
    const mute = new MuteEvaluator(store, new SilenceStore(), DEFAULT_INHIBIT_RULES);
    const grid = alert('grid', 'grid', 'firing');
    expect(mute.isMuted(grid)).toBe(false);
    store.apply(grid);
    store.apply(alert('area', 'area', 'firing', 'A08'));
    expect(mute.isMuted(alert('grid', 'grid', 'resolved'))).toBe(false);
  });
});
