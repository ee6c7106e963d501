import type { OpenCase } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { CaseView, nextDue } from './case-view';
import { KpiView, PERMIT_COMMITMENT_MS } from './kpi-view';

const DAY = 86_400_000;
const open = (caseId: string, fields: Partial<OpenCase> = {}): OpenCase => ({
  kind: 'work-order',
  caseId,
  gridId: 'G001',
  areaId: 'A01',
  stage: 'received',
  openedAtMs: 0,
  title: 'waste.dumping',
  urgency: 'normal',
  deadlines: [
    { name: 'dispatch', dueMs: 10, met: true, overdue: false },
    { name: 'close', dueMs: 3 * DAY, met: false, overdue: false },
  ],
  ...fields,
});

describe('CaseView', () => {
  it('lists open cases by grid, area and kind, the next unmet deadline first; a tombstone closes one', () => {
    const v = new CaseView();
    v.apply('work-order/C1', open('C1'));
    v.apply('work-order/C2', open('C2', { gridId: 'G002', deadlines: [] }));
    v.apply(
      'permit/P1',
      open('P1', { kind: 'permit', deadlines: [{ name: 'permit', dueMs: DAY, met: false, overdue: false }] }),
    );
    v.apply('work-order/C3', open('C3', { areaId: 'A02', gridId: 'G050' }));
    expect(v.list({ gridId: 'G001' }).map((c) => c.caseId)).toEqual(['P1', 'C1']);
    expect(v.list({ areaId: 'A01' }).map((c) => c.caseId)).toEqual(['P1', 'C1', 'C2']);
    expect(v.list({ kind: 'work-order' }, (c) => c.areaId === 'A02').map((c) => c.caseId)).toEqual(['C3']);
    v.apply('permit/P1', null);
    expect(v.list({ gridId: 'G001' }).map((c) => c.caseId)).toEqual(['C1']);
    expect(v.size).toBe(3);
    expect(nextDue(open('C9'))).toBe(3 * DAY);
  });
});

describe('KpiView', () => {
  it('sums the facts per area: on-time closures, lead times within the 8 days (inclusive), alerts', () => {
    const k = new KpiView();
    k.apply({ kind: 'work-order-closed', caseId: 'C1', gridId: 'G1', areaId: 'A01', onTime: true });
    k.apply({ kind: 'work-order-closed', caseId: 'C2', gridId: 'G1', areaId: 'A01', onTime: false });
    k.apply({
      kind: 'permit-issued',
      permitId: 'P1',
      gridId: 'G1',
      areaId: 'A01',
      leadTimeMs: PERMIT_COMMITMENT_MS,
    });
    k.apply({ kind: 'permit-issued', permitId: 'P2', gridId: 'G1', areaId: 'A01', leadTimeMs: 9 * DAY });
    k.alertRaised('A02');
    expect(Object.fromEntries(k.areas())).toEqual({
      A01: {
        workOrdersClosed: 2,
        workOrdersClosedOnTime: 1,
        permitsIssued: 2,
        permitsWithinCommitment: 1,
        permitLeadTimeMsSum: 17 * DAY,
        alertsRaised: 0,
      },
      A02: {
        workOrdersClosed: 0,
        workOrdersClosedOnTime: 0,
        permitsIssued: 0,
        permitsWithinCommitment: 0,
        permitLeadTimeMsSum: 0,
        alertsRaised: 1,
      },
    });
    expect(k.commitment).toBe(8 * DAY);
  });
});
