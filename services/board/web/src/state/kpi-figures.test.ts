import { describe, expect, it } from 'vitest';
import { seriesOf } from './grid-series';
import { kpiRow, leadTime, percent } from './kpi-figures';

describe('kpiRow', () => {
  it('turns the API sums into the panel figures: ratios of the same counts, no recount', () => {
    const row = kpiRow({
      areaId: 'A01',
      workOrdersClosed: '8',
      workOrdersClosedOnTime: '7',
      permitsIssued: '2',
      permitsWithinCommitment: '1',
      permitLeadTimeSecondsSum: 9 * 86_400,
      alertsRaised: '12',
      alertsFiring: '3',
    });
    expect(row).toEqual({
      areaId: 'A01',
      closed: 8,
      onTime: 7,
      onTimeRate: 0.875,
      permits: 2,
      withinCommitment: 1,
      meanLeadDays: 4.5,
      alertsRaised: 12,
      alertsFiring: 3,
    });
    expect(percent(row.onTimeRate)).toBe('87.5%');
    const empty = kpiRow({ ...row, workOrdersClosed: '0', permitsIssued: '0' } as never);
    expect([empty.onTimeRate, empty.meanLeadDays, percent(empty.onTimeRate)]).toEqual([null, null, '—']);
    const unit = { days: 'd', hours: 'h' };
    expect([leadTime(4.5, unit), leadTime(39 / 1440, unit)]).toEqual(['4.5 d', '0.7 h']);
  });
});

describe('seriesOf', () => {
  const w = (name: string, endS: number, aggregates: Record<string, number>) => ({
    name,
    window: { start: { seconds: String(endS - 60), nanos: 0 }, end: { seconds: String(endS), nanos: 0 } },
    aggregates: Object.entries(aggregates).map(([n, value]) => ({ name: n, value })),
  });

  it('gives speed first, then volume, then case counts, each over the window ends in order', () => {
    const s = seriesOf([
      w('case-backlog-spike', 600, { value: 2, count: 2 }),
      w('kpi-congestion', 120, { count: 9, 'arterial.meanSpeedKmh': 31 }),
      w('kpi-congestion', 60, { count: 8, 'arterial.meanSpeedKmh': 30 }),
      w('traffic-congestion', 60, { value: 30 }),
    ]);
    expect(s.map((x) => [x.key, x.measure, x.xs, x.ys])).toEqual([
      ['kpi-congestion · arterial.meanSpeedKmh', 'speed', [60, 120], [30, 31]],
      ['kpi-congestion · count', 'volume', [60, 120], [8, 9]],
      ['case-backlog-spike · value', 'cases', [600], [2]],
      ['case-backlog-spike · count', 'other', [600], [2]],
      ['traffic-congestion · value', 'other', [60], [30]],
    ]);
    expect(seriesOf([], 6)).toEqual([]);
    expect(seriesOf([w('kpi-congestion', 60, { a: 1, b: 2, c: 3 })], 2)).toHaveLength(2);
  });
});
