import type { WireAreaKpis } from '@citybrain/proto';

/** One row of the KPI panel, as numbers. */
export interface KpiRow {
  readonly areaId: string;
  readonly closed: number;
  readonly onTime: number;
  /** On-time closure rate (按期结案率), 0..1; null before any closure. */
  readonly onTimeRate: number | null;
  readonly permits: number;
  readonly withinCommitment: number;
  /** Mean filing → permit lead time, days; null before any permit. */
  readonly meanLeadDays: number | null;
  readonly alertsRaised: number;
  readonly alertsFiring: number;
}

const DAY_S = 86_400;

/** The panel's figures of an area (or of the whole scope), from `GetKpis`. Ratios only: no recount. */
export function kpiRow(a: WireAreaKpis): KpiRow {
  const closed = Number(a.workOrdersClosed);
  const onTime = Number(a.workOrdersClosedOnTime);
  const permits = Number(a.permitsIssued);
  return {
    areaId: a.areaId,
    closed,
    onTime,
    onTimeRate: closed > 0 ? onTime / closed : null,
    permits,
    withinCommitment: Number(a.permitsWithinCommitment),
    meanLeadDays: permits > 0 ? a.permitLeadTimeSecondsSum / permits / DAY_S : null,
    alertsRaised: Number(a.alertsRaised),
    alertsFiring: Number(a.alertsFiring),
  };
}

/** A ratio as a percentage with one decimal, or an em dash when there is none. */
export function percent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** A lead time in days as the panel shows it: days with one decimal, or hours under a day. */
export function leadTime(days: number, unit: { days: string; hours: string }): string {
  return days >= 1 ? `${days.toFixed(1)} ${unit.days}` : `${(days * 24).toFixed(1)} ${unit.hours}`;
}
