/**
 * One KPI fact the rules decided, once: a work order closed (on time or not) or a permit issued
 * after a lead time. The processor counts them in its metrics and writes them, in the same
 * transaction, to the KPI topic, from which the gateway sums the board's figures: both sides count
 * the same facts, so they cannot disagree.
 */
export type KpiFact =
  | {
      readonly kind: 'work-order-closed';
      readonly caseId: string;
      readonly gridId: string;
      readonly areaId: string;
      /** Closed no later than its close deadline. */
      readonly onTime: boolean;
    }
  | {
      readonly kind: 'permit-issued';
      readonly permitId: string;
      readonly gridId: string;
      readonly areaId: string;
      /** Event time from filing to the construction permit, ms. */
      readonly leadTimeMs: number;
    };

/** A record of the KPI topic, ready for a producer. */
export interface KpiFactRecord {
  readonly topic: string;
  /** The area: a reader that sums per area finds an area's facts in order on one partition. */
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/** The record of one KPI fact: key the area id, value the fact as JSON. */
export function kpiFactRecord(topic: string, fact: KpiFact): KpiFactRecord {
  return {
    topic,
    key: fact.areaId,
    value: Buffer.from(JSON.stringify(fact)),
    headers: { 'content-type': 'application/json' },
  };
}

/** Decodes a KPI fact; `undefined` when the value is not one. Never throws on input. */
export function decodeKpiFactRecord(value: Uint8Array | null): KpiFact | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(Buffer.from(value).toString('utf8')) as Record<string, unknown>;
    const str = (x: unknown): x is string => typeof x === 'string' && x !== '';
    if (!str(v.gridId) || !str(v.areaId)) return undefined;
    if (v.kind === 'work-order-closed' && str(v.caseId) && typeof v.onTime === 'boolean')
      return { kind: v.kind, caseId: v.caseId, gridId: v.gridId, areaId: v.areaId, onTime: v.onTime };
    if (
      v.kind === 'permit-issued' &&
      str(v.permitId) &&
      typeof v.leadTimeMs === 'number' &&
      Number.isFinite(v.leadTimeMs) &&
      v.leadTimeMs >= 0
    )
      return {
        kind: v.kind,
        permitId: v.permitId,
        gridId: v.gridId,
        areaId: v.areaId,
        leadTimeMs: v.leadTimeMs,
      };
    return undefined;
  } catch {
    return undefined;
  }
}
