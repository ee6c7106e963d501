import { describe, expect, it } from 'vitest';
import type { WireAlert, WireSubscribeResponse } from '@citybrain/proto';
import { BoardState, NO_FILTER } from './board-state';

function alert(id: string, gridId: string, over: Partial<WireAlert> = {}): WireAlert {
  return {
    alertId: id,
    fingerprint: `fp-${id}`,
    rule: 'serious-accident',
    kind: 'ALERT_KIND_TRAFFIC',
    subCategory: 'carAccident',
    gridId,
    areaId: gridId === 'G050' ? 'A05' : 'A01',
    severity: 'SEVERITY_HIGH',
    status: 'ALERT_STATUS_FIRING',
    startsAt: null,
    endsAt: null,
    value: 1,
    threshold: 0,
    window: null,
    summary: 's',
    labels: {},
    evidence: null,
    ...over,
  };
}
const msg = (position: string, a: WireAlert, snapshot = false): WireSubscribeResponse => ({
  alert: a,
  position,
  snapshot,
  silenced: false,
  event: 'alert',
});

describe('BoardState', () => {
  it('keeps firing alerts, drops resolved ones, and colours each grid by its worst alert', () => {
    const s = new BoardState();
    s.apply(msg('p1', alert('a1', 'G001', { severity: 'SEVERITY_MEDIUM' })), 0);
    s.apply(msg('p2', alert('a2', 'G001', { severity: 'SEVERITY_CRITICAL' })), 0);
    s.apply(msg('p3', alert('a3', 'G050', { severity: 'SEVERITY_LOW' })), 0);
    expect(s.worstByGrid()).toEqual(
      new Map([
        ['G001', 5],
        ['G050', 2],
      ]),
    );
    s.apply(
      msg('p4', alert('a2', 'G001', { severity: 'SEVERITY_CRITICAL', status: 'ALERT_STATUS_RESOLVED' })),
      0,
    );
    expect(s.worstByGrid().get('G001')).toBe(3);
    expect(s.position).toBe('p4');
    expect(s.feed.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(s.severityCounts().SEVERITY_MEDIUM).toBe(1);
    expect(s.areaCounts()).toEqual(
      new Map([
        ['A01', 1],
        ['A05', 1],
      ]),
    );
  });

  it('advances the position on heartbeats without adding to the feed', () => {
    const s = new BoardState();
    expect(
      s.apply(
        { heartbeat: { sentAt: null }, position: 'h1', snapshot: false, silenced: false, event: 'heartbeat' },
        0,
      ),
    ).toBeUndefined();
    expect(s.position).toBe('h1');
    expect(s.feed).toHaveLength(0);
    expect(s.received).toBe(1);
  });

  it('derives congestion from traffic-jam alerts and filters the feed', () => {
    const s = new BoardState();
    s.apply(msg('p1', alert('j1', 'G001', { subCategory: 'trafficJam', severity: 'SEVERITY_MEDIUM' })), 0);
    s.apply(
      msg(
        'p2',
        alert('j2', 'G050', {
          subCategory: 'trafficJam',
          severity: 'SEVERITY_HIGH',
          kind: 'ALERT_KIND_TRAFFIC',
        }),
      ),
      0,
    );
    s.apply(
      msg('p3', alert('w1', 'G050', { kind: 'ALERT_KIND_CITY_MANAGEMENT', severity: 'SEVERITY_LOW' })),
      0,
    );
    expect(s.congestionByGrid()).toEqual(
      new Map([
        ['G001', 'moderate'],
        ['G050', 'severe'],
      ]),
    );
    expect(s.filtered({ ...NO_FILTER, areaId: 'A05' }).map((e) => e.alert?.alertId)).toEqual(['w1', 'j2']);
    expect(s.filtered({ ...NO_FILTER, kind: 'ALERT_KIND_CITY_MANAGEMENT' })).toHaveLength(1);
    expect(
      s.filtered({ ...NO_FILTER, severity: 'SEVERITY_HIGH', status: 'ALERT_STATUS_FIRING' }),
    ).toHaveLength(1);
  });

  it('bounds the feed and forgets everything on reset', () => {
    const s = new BoardState(2);
    for (let i = 0; i < 5; i++) s.apply(msg(`p${i}`, alert(`a${i}`, 'G001')), 0);
    expect(s.feed.map((e) => e.alert?.alertId)).toEqual(['a4', 'a3']);
    expect(s.active.size).toBe(5);
    s.reset();
    expect([s.active.size, s.feed.length, s.position]).toEqual([0, 0, '']);
  });
});
