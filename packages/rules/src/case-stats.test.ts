import { describe, expect, it } from 'vitest';
import { caseStatsAggregator as agg } from './case-stats';
import { caseEvent } from './test-fixtures';

const fold = (events: ReturnType<typeof caseEvent>[]) => events.reduce(agg.add, agg.init());

describe('caseStatsAggregator', () => {
  it('counts received cases by urgency and service code, ignoring later stages', () => {
    const result = agg.result(
      fold([
        caseEvent({ caseId: 'C1' }),
        caseEvent({ caseId: 'C2', urgency: 'urgent', serviceCode: 'manhole.missing' }),
        caseEvent({ caseId: 'C3' }),
        caseEvent({ caseId: 'C1', stage: 'dispatched' }),
        caseEvent({ caseId: 'C2', stage: 'closed' }),
      ]),
    );
    expect(result).toEqual({
      receivedCount: 3,
      byUrgency: { normal: 2, urgent: 1 },
      byServiceCode: { 'waste.dumping': 2, 'manhole.missing': 1 },
    });
  });

  it('merges by addition without mutating', () => {
    const a = fold([caseEvent({}), caseEvent({ serviceCode: 'noise' })]);
    const b = fold([caseEvent({ urgency: 'urgent' })]);
    const aBefore = structuredClone(a);
    expect(agg.result(agg.merge(a, b))).toEqual({
      receivedCount: 3,
      byUrgency: { normal: 2, urgent: 1 },
      byServiceCode: { 'waste.dumping': 2, noise: 1 },
    });
    expect(a).toEqual(aBefore);
  });

  it('counts service codes named like Object.prototype members', () => {
    const a = fold([caseEvent({ serviceCode: 'constructor' }), caseEvent({ serviceCode: '__proto__' })]);
    const b = fold([caseEvent({ serviceCode: '__proto__' })]);
    const merged = agg.result(agg.merge(a, b));
    expect(Object.entries(merged.byServiceCode).sort()).toEqual([
      ['__proto__', 2],
      ['constructor', 1],
    ]);
  });
});
