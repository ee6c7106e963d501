import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { AlertStore } from './alert-store';
import { decodePageToken, pageSizeOf, pageTokenAfter } from './paging';

const alert = (id: string, status: Alert['status'] = 'firing', at = 0): Alert => ({
  alertId: id,
  fingerprint: id,
  rule: 'r',
  kind: 'traffic',
  subCategory: 's',
  gridId: 'G001',
  areaId: 'A01',
  severity: 'high',
  status,
  startsAtMs: at,
  ...(status === 'resolved' ? { endsAtMs: at + 1 } : {}),
  value: 1,
  threshold: 2,
  window: { startMs: 0, endMs: 1 },
  summary: '',
  labels: {},
});

describe('AlertStore', () => {
  it('tracks firing and resolved alerts, ignores duplicates and stale firings', () => {
    const s = new AlertStore(2);
    expect(s.apply(alert('a'))).toBe(true);
    expect(s.apply(alert('a'))).toBe(false);
    expect(s.size).toBe(1);
    expect(s.apply(alert('a', 'resolved'))).toBe(true);
    expect(s.apply(alert('a'))).toBe(false); // a firing message after its resolution is stale
    expect(s.size).toBe(0);
    expect(s.get('a')?.status).toBe('resolved');
  });

  it('forgets the oldest resolved alerts beyond the limit, never firing ones', () => {
    const s = new AlertStore(2);
    s.apply(alert('f', 'firing', 0));
    for (const id of ['r1', 'r2', 'r3']) s.apply(alert(id, 'resolved', 1));
    expect(s.list().map((a) => a.alertId)).toEqual(['f', 'r2', 'r3']);
  });
});

describe('paging', () => {
  it('round-trips a token and validates sizes', () => {
    expect(decodePageToken(pageTokenAfter(alert('x', 'firing', 42)))).toEqual({
      startsAtMs: 42,
      alertId: 'x',
    });
    expect(() => decodePageToken('nope')).toThrow(/^page_token: /);
    expect(pageSizeOf(0)).toBe(100);
    expect(() => pageSizeOf(1001)).toThrow(/^page_size: /);
  });
});
