import type { OpenCase, OpenCaseKind } from '@citybrain/domain';

/** Which open cases to list. */
export interface CaseQuery {
  readonly gridId?: string;
  readonly areaId?: string;
  readonly kind?: OpenCaseKind;
}

/**
 * The work orders and permits the rules hold open (Kafka Streams' interactive query over a
 * compacted topic): rebuilt from the processor's open-case view topic, where a tombstone closes a
 * case.
 */
export class CaseView {
  private readonly byKey = new Map<string, OpenCase>();

  /** Applies a record of the view topic: a case, or null (a tombstone) for a closed one. */
  apply(key: string, c: OpenCase | null): void {
    if (c === null) this.byKey.delete(key);
    else this.byKey.set(key, c);
  }

  /** Open cases matching the query (and `keep`), the earliest unmet deadline first. */
  list(query: CaseQuery, keep: (c: OpenCase) => boolean = () => true): OpenCase[] {
    const out: OpenCase[] = [];
    for (const c of this.byKey.values()) {
      if (query.gridId !== undefined && c.gridId !== query.gridId) continue;
      if (query.areaId !== undefined && c.areaId !== query.areaId) continue;
      if (query.kind !== undefined && c.kind !== query.kind) continue;
      if (keep(c)) out.push(c);
    }
    return out.sort(
      (a, b) => nextDue(a) - nextDue(b) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
    );
  }

  /** Number of open cases. */
  get size(): number {
    return this.byKey.size;
  }
}

/** The earliest deadline a case has not met (Infinity when none). */
export function nextDue(c: OpenCase): number {
  let due = Number.POSITIVE_INFINITY;
  for (const d of c.deadlines) if (!d.met && d.dueMs < due) due = d.dueMs;
  return due;
}
