import type { OpenCase } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { closedCaseRecord, decodeOpenCaseRecord, openCaseRecord } from './case-view-codec';
import { decodeKpiFactRecord, kpiFactRecord, type KpiFact } from './kpi-fact-codec';

const order: OpenCase = {
  kind: 'work-order',
  caseId: 'C1',
  gridId: 'G001',
  areaId: 'A1',
  stage: 'dispatched',
  openedAtMs: 1_700_000_000_000,
  title: 'waste.dumping',
  urgency: 'urgent',
  deadlines: [{ name: 'close', dueMs: 1_700_086_400_000, met: false, overdue: true }],
};

describe('the open-case view codec', () => {
  it('round-trips a case under its kind/id key, and closes it with a tombstone', () => {
    const r = openCaseRecord('city.cases.v1', order);
    expect(r.key).toBe('work-order/C1');
    expect(decodeOpenCaseRecord(r.value)).toEqual(order);
    const permit: OpenCase = { ...order, kind: 'permit', caseId: 'P1', openedAtMs: null, urgency: '' };
    expect(decodeOpenCaseRecord(openCaseRecord('t', permit).value)).toEqual(permit);
    expect(closedCaseRecord('city.cases.v1', 'permit', 'P1')).toEqual({
      topic: 'city.cases.v1',
      key: 'permit/P1',
      value: null,
      headers: {},
    });
  });

  it('refuses what is not a case, without throwing', () => {
    const bad = (v: unknown) => decodeOpenCaseRecord(Buffer.from(JSON.stringify(v)));
    expect(decodeOpenCaseRecord(null)).toBeUndefined();
    expect(decodeOpenCaseRecord(Buffer.from('{'))).toBeUndefined();
    expect(bad({ ...order, kind: 'ticket' })).toBeUndefined();
    expect(bad({ ...order, caseId: '' })).toBeUndefined();
    expect(bad({ ...order, openedAtMs: 'yesterday' })).toBeUndefined();
    expect(bad({ ...order, deadlines: [{ name: 'close', dueMs: 1.5, met: false, overdue: false }] })).toBe(
      undefined,
    );
    expect(bad({ ...order, deadlines: [null] })).toBeUndefined();
  });
});

describe('the KPI fact codec', () => {
  it('round-trips both facts, keyed by area', () => {
    const facts: KpiFact[] = [
      { kind: 'work-order-closed', caseId: 'C1', gridId: 'G001', areaId: 'A1', onTime: false },
      { kind: 'permit-issued', permitId: 'P1', gridId: 'G005', areaId: 'A2', leadTimeMs: 86_400_000 },
    ];
    for (const f of facts) {
      const r = kpiFactRecord('city.kpi.v1', f);
      expect(r.key).toBe(f.areaId);
      expect(decodeKpiFactRecord(r.value)).toEqual(f);
    }
  });

  it('refuses what is not a fact', () => {
    const bad = (v: unknown) => decodeKpiFactRecord(Buffer.from(JSON.stringify(v)));
    expect(decodeKpiFactRecord(null)).toBeUndefined();
    expect(bad({ kind: 'work-order-closed', caseId: 'C1', gridId: 'G1', areaId: 'A1' })).toBeUndefined();
    expect(
      bad({ kind: 'permit-issued', permitId: 'P', gridId: 'G1', areaId: 'A1', leadTimeMs: -1 }),
    ).toBeUndefined();
    expect(bad({ kind: 'other', gridId: 'G1', areaId: 'A1' })).toBeUndefined();
  });
});
