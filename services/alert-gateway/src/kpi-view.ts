import type { KpiFact } from '@citybrain/codec';

/** The city's filing → construction permit commitment: 8 days (the article's figure). */
export const PERMIT_COMMITMENT_MS = 8 * 24 * 60 * 60 * 1000;

/** The KPI sums of one area. */
export interface AreaKpiSums {
  workOrdersClosed: number;
  workOrdersClosedOnTime: number;
  permitsIssued: number;
  permitsWithinCommitment: number;
  permitLeadTimeMsSum: number;
  alertsRaised: number;
}

const zero = (): AreaKpiSums => ({
  workOrdersClosed: 0,
  workOrdersClosedOnTime: 0,
  permitsIssued: 0,
  permitsWithinCommitment: 0,
  permitLeadTimeMsSum: 0,
  alertsRaised: 0,
});

/**
 * Sums of the KPI facts the processor publishes (work orders closed, on time or not; permits
 * issued and their lead times) and of the alert messages it raised, per area. Nothing is decided
 * here: whether an order was on time and how long a permit took were decided once, by the rules,
 * and the processor's metrics count the very same facts (`citybrain_work_orders_closed_total`,
 * `citybrain_permit_lead_time_seconds`, `citybrain_alerts_published_total`).
 */
export class KpiView {
  private readonly byArea = new Map<string, AreaKpiSums>();

  constructor(private readonly commitmentMs = PERMIT_COMMITMENT_MS) {}

  /** Counts one KPI fact. */
  apply(fact: KpiFact): void {
    const s = this.area(fact.areaId);
    if (fact.kind === 'work-order-closed') {
      s.workOrdersClosed++;
      if (fact.onTime) s.workOrdersClosedOnTime++;
    } else {
      s.permitsIssued++;
      s.permitLeadTimeMsSum += fact.leadTimeMs;
      // The same boundary as the lead-time histogram's 8-day bucket (le="691200"): at most 8 days.
      if (fact.leadTimeMs <= this.commitmentMs) s.permitsWithinCommitment++;
    }
  }

  /** Counts one alert message published with status firing. */
  alertRaised(areaId: string): void {
    this.area(areaId).alertsRaised++;
  }

  /** The sums of every area seen, by area id. */
  areas(): ReadonlyMap<string, Readonly<AreaKpiSums>> {
    return this.byArea;
  }

  /** The commitment the permits are measured against, ms. */
  get commitment(): number {
    return this.commitmentMs;
  }

  private area(areaId: string): AreaKpiSums {
    let s = this.byArea.get(areaId);
    if (!s) this.byArea.set(areaId, (s = zero()));
    return s;
  }
}
