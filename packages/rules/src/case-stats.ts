import type { CaseEvent, CaseUrgency, LocatedEvent } from '@citybrain/domain';
import type { Aggregator } from './window-result';

/**
 * Cases received (受理) in one grid window. Only `received` events count; later stages of a case
 * are ignored. De-duplication of re-delivered events (same `eventId`) is the processor's job.
 */
export interface CaseStats {
  /** Cases received in the window. */
  readonly receivedCount: number;
  /** Received cases per urgency. */
  readonly byUrgency: Readonly<Record<CaseUrgency, number>>;
  /** Received cases per Open311 service code, e.g. `{ 'waste.dumping': 4 }`. */
  readonly byServiceCode: Readonly<Record<string, number>>;
}

/** The accumulator of {@link caseStatsAggregator} is the result itself: counts merge by addition. */
export type CaseStatsAccumulator = CaseStats;

function countOf(counts: Readonly<Record<string, number>>, key: string): number {
  // hasOwn: a service code such as `constructor` must not read Object.prototype.
  return Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0;
}

/**
 * Counts `received` case events of a grid window, by urgency and service code.
 * Pure: `add` and `merge` return new accumulators and never mutate their arguments.
 */
export const caseStatsAggregator: Aggregator<
  LocatedEvent<CaseEvent>,
  CaseStatsAccumulator,
  CaseStats
> = Object.freeze({
  init: (): CaseStatsAccumulator => ({
    receivedCount: 0,
    byUrgency: { normal: 0, urgent: 0 },
    byServiceCode: {},
  }),
  add: (acc: CaseStatsAccumulator, event: LocatedEvent<CaseEvent>): CaseStatsAccumulator => {
    if (event.stage !== 'received') return acc;
    return {
      receivedCount: acc.receivedCount + 1,
      byUrgency: { ...acc.byUrgency, [event.urgency]: acc.byUrgency[event.urgency] + 1 },
      byServiceCode: {
        ...acc.byServiceCode,
        [event.serviceCode]: countOf(acc.byServiceCode, event.serviceCode) + 1,
      },
    };
  },
  merge: (a: CaseStatsAccumulator, b: CaseStatsAccumulator): CaseStatsAccumulator => {
    // A Map, then fromEntries: assigning obj['__proto__'] would hit the prototype setter.
    const counts = new Map(Object.entries(a.byServiceCode));
    for (const [code, n] of Object.entries(b.byServiceCode)) counts.set(code, (counts.get(code) ?? 0) + n);
    return {
      receivedCount: a.receivedCount + b.receivedCount,
      byUrgency: {
        normal: a.byUrgency.normal + b.byUrgency.normal,
        urgent: a.byUrgency.urgent + b.byUrgency.urgent,
      },
      byServiceCode: Object.fromEntries(counts),
    };
  },
  result: (acc: CaseStatsAccumulator): CaseStats => acc,
});
