import type { Alert } from '@citybrain/domain';

/** One alert in both runs, with the fields that differ. */
export interface ChangedAlert {
  readonly actual: Alert;
  readonly candidate: Alert;
  /** `field: actual → candidate`, for status, severity, value, threshold and end. */
  readonly fields: readonly string[];
}

/** Counts of one rule in one area. */
export interface RuleAreaDiff {
  readonly rule: string;
  readonly areaId: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/**
 * The difference between the alerts a candidate rule set would have raised and the alerts actually
 * raised, alert by alert (by id: rule, grid, subject and start), each compared as it stands last.
 */
export interface AlertDiff {
  /** Raised by the candidate only. */
  readonly added: readonly Alert[];
  /** Raised by the actual run only. */
  readonly removed: readonly Alert[];
  readonly changed: readonly ChangedAlert[];
  /** Counts per rule and area, sorted, only where something differs. */
  readonly byRuleArea: readonly RuleAreaDiff[];
}

/** The latest message of every alert id, in message order. */
export function latestById(messages: readonly Alert[]): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const a of messages) out.set(a.alertId, a);
  return out;
}

/** Compares two runs' alert messages (see {@link AlertDiff}). Pure. */
export function diffAlerts(candidate: readonly Alert[], actual: readonly Alert[]): AlertDiff {
  const c = latestById(candidate);
  const a = latestById(actual);
  const added: Alert[] = [];
  const removed: Alert[] = [];
  const changed: ChangedAlert[] = [];
  for (const [id, alert] of c) {
    const was = a.get(id);
    if (was === undefined) added.push(alert);
    else {
      const fields = differingFields(was, alert);
      if (fields.length > 0) changed.push({ actual: was, candidate: alert, fields });
    }
  }
  for (const [id, alert] of a) if (!c.has(id)) removed.push(alert);
  const counts = new Map<
    string,
    { rule: string; areaId: string; added: number; removed: number; changed: number }
  >();
  const count = (x: Alert, k: 'added' | 'removed' | 'changed') => {
    const key = `${x.rule}\u0000${x.areaId}`;
    const e = counts.get(key) ?? { rule: x.rule, areaId: x.areaId, added: 0, removed: 0, changed: 0 };
    e[k]++;
    counts.set(key, e);
  };
  added.forEach((x) => count(x, 'added'));
  removed.forEach((x) => count(x, 'removed'));
  changed.forEach((x) => count(x.candidate, 'changed'));
  const byRuleArea = [...counts.values()].sort((x, y) =>
    x.rule === y.rule ? (x.areaId < y.areaId ? -1 : 1) : x.rule < y.rule ? -1 : 1,
  );
  const byId = (x: Alert, y: Alert) => (x.alertId < y.alertId ? -1 : x.alertId > y.alertId ? 1 : 0);
  return {
    added: added.sort(byId),
    removed: removed.sort(byId),
    changed: changed.sort((x, y) => byId(x.candidate, y.candidate)),
    byRuleArea,
  };
}

function differingFields(actual: Alert, candidate: Alert): string[] {
  const out: string[] = [];
  const field = (name: string, x: unknown, y: unknown) => {
    if (x !== y) out.push(`${name}: ${String(x)} → ${String(y)}`);
  };
  field('status', actual.status, candidate.status);
  field('severity', actual.severity, candidate.severity);
  field('value', actual.value, candidate.value);
  field('threshold', actual.threshold, candidate.threshold);
  field('endsAtMs', actual.endsAtMs, candidate.endsAtMs);
  return out;
}
