import type { CaseDeadline, OpenCase, OpenCaseKind } from '@citybrain/domain';

/** A record of the open-case view topic, ready for a producer. */
export interface CaseViewRecord {
  readonly topic: string;
  /** `<kind>/<caseId>`: compaction keeps each open case's newest state. */
  readonly key: string;
  /** The case as JSON, or null: a tombstone, the case is closed. */
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

const KINDS: readonly OpenCaseKind[] = ['work-order', 'permit'];

/** The key of a case in the view topic: `<kind>/<caseId>`. */
export function caseViewKey(kind: OpenCaseKind, caseId: string): string {
  return `${kind}/${caseId}`;
}

/**
 * The record that publishes an open case (written by the processor in its transaction, read by the
 * gateway's `ListOpenCases`): key `<kind>/<caseId>`, value the {@link OpenCase} as JSON.
 */
export function openCaseRecord(topic: string, c: OpenCase): CaseViewRecord {
  return {
    topic,
    key: caseViewKey(c.kind, c.caseId),
    value: Buffer.from(JSON.stringify(c)),
    headers: { 'content-type': 'application/json' },
  };
}

/** The tombstone that removes a closed case from the view (and, after compaction, from the topic). */
export function closedCaseRecord(topic: string, kind: OpenCaseKind, caseId: string): CaseViewRecord {
  return { topic, key: caseViewKey(kind, caseId), value: null, headers: {} };
}

/**
 * Decodes an open-case record's value; `undefined` when it is not a valid case (the caller logs
 * and counts it). Never throws on input. A tombstone (null) is not a case: check for it first.
 */
export function decodeOpenCaseRecord(value: Uint8Array | null): OpenCase | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(Buffer.from(value).toString('utf8')) as Record<string, unknown>;
    const kind = KINDS.find((k) => k === v.kind);
    const str = (x: unknown): x is string => typeof x === 'string';
    if (kind === undefined || !str(v.caseId) || v.caseId === '' || !str(v.gridId) || !str(v.areaId))
      return undefined;
    if (!str(v.stage) || !str(v.title) || !str(v.urgency) || !Array.isArray(v.deadlines)) return undefined;
    const openedAtMs = v.openedAtMs === null || isTime(v.openedAtMs) ? v.openedAtMs : undefined;
    if (openedAtMs === undefined) return undefined;
    const deadlines: CaseDeadline[] = [];
    for (const d of v.deadlines as Record<string, unknown>[]) {
      if (typeof d !== 'object' || d === null) return undefined;
      if (!str(d.name) || !isTime(d.dueMs) || typeof d.met !== 'boolean' || typeof d.overdue !== 'boolean')
        return undefined;
      deadlines.push({ name: d.name, dueMs: d.dueMs, met: d.met, overdue: d.overdue });
    }
    return {
      kind,
      caseId: v.caseId,
      gridId: v.gridId,
      areaId: v.areaId,
      stage: v.stage,
      openedAtMs,
      title: v.title,
      urgency: v.urgency,
      deadlines,
    };
  } catch {
    return undefined;
  }
}

function isTime(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}
