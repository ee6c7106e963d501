import { describe, expect, it } from 'vitest';
import { decodeKpiFactRecord, decodeOpenCaseRecord } from '@citybrain/codec';
import type { OpenCase } from '@citybrain/domain';
import type { IncomingRecord } from '@citybrain/kafka';
import type { PipelineOutput } from '@citybrain/pipeline';
import { outputRecords, type OutputTopics } from './output-records';

const topics: OutputTopics = {
  alerts: 'alerts',
  deadLetter: 'dlq',
  late: 'late',
  gridState: 'grid-state',
  activeAlerts: 'active',
  cases: 'cases',
  kpi: 'kpi',
};
const out = (kpi: Partial<PipelineOutput<IncomingRecord>['kpi']> = {}) =>
  ({
    alerts: [],
    late: [],
    windows: new Map(),
    gridState: [],
    kpi: { congestion: [], closures: [], permitLeadTimes: [], ...kpi },
  }) as unknown as PipelineOutput<IncomingRecord>;

describe('outputRecords', () => {
  it('writes the open-case changes (tombstones for closed cases) and the KPI facts with the other outputs', () => {
    const open: OpenCase = {
      kind: 'permit',
      caseId: 'P1',
      gridId: 'G005',
      areaId: 'A02',
      stage: 'review',
      openedAtMs: 1000,
      title: 'Wharf Road plant',
      urgency: '',
      deadlines: [{ name: 'permit', dueMs: 2000, met: false, overdue: false }],
    };
    const records = outputRecords(
      topics,
      { alerts: 'json' },
      out({
        closures: [{ caseId: 'C1', gridId: 'G001', areaId: 'A01', onTime: true }],
        permitLeadTimes: [{ permitId: 'P0', gridId: 'G005', areaId: 'A02', leadTimeMs: 5000 }],
      }),
      [],
      { cases: { upserts: [open], closed: [{ kind: 'work-order', caseId: 'C1' }] } },
    );
    expect(records.map((r) => [r.topic, r.key])).toEqual([
      ['cases', 'permit/P1'],
      ['cases', 'work-order/C1'],
      ['kpi', 'A01'],
      ['kpi', 'A02'],
    ]);
    expect(decodeOpenCaseRecord(records[0]!.value as Buffer)).toEqual(open);
    expect(records[1]!.value).toBeNull();
    expect(decodeKpiFactRecord(records[2]!.value as Buffer)).toEqual({
      kind: 'work-order-closed',
      caseId: 'C1',
      gridId: 'G001',
      areaId: 'A01',
      onTime: true,
    });
    expect(decodeKpiFactRecord(records[3]!.value as Buffer)).toMatchObject({
      kind: 'permit-issued',
      leadTimeMs: 5000,
    });
  });

  it("keeps the active-alerts view in step with the alerts, stamped with the step's processing time", () => {
    const firing = {
      alertId: 'a1',
      fingerprint: 'fp',
      rule: 'traffic-congestion',
      kind: 'traffic',
      subCategory: 'trafficJam',
      gridId: 'G001',
      areaId: 'A01',
      severity: 'high',
      status: 'firing',
      startsAtMs: 1000,
      value: 12,
      threshold: 20,
      window: { startMs: 0, endMs: 60_000 },
      summary: 's',
      labels: {},
    } as const;
    const resolved = { ...firing, status: 'resolved', endsAtMs: 2000 } as const;
    const records = outputRecords(topics, { alerts: 'json' }, { ...out(), alerts: [firing, resolved] }, [], {
      processingTimeMs: 5000,
    });
    const alertRecords = records.filter((r) => r.topic === 'alerts' || r.topic === 'active');
    expect(alertRecords.map((r) => [r.topic, r.key, r.value === null, r.timestampMs])).toEqual([
      ['alerts', 'A01', false, 5000],
      ['active', 'a1', false, 5000],
      ['alerts', 'A01', false, 5000],
      ['active', 'a1', true, 5000],
    ]);
  });
});
