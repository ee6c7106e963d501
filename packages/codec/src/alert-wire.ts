import type { Alert, AlertEvidence, EvidenceWindowKind } from '@citybrain/domain';
import type { WireAlert } from '@citybrain/proto';
import { ALERT_KIND, ALERT_STATUS, SEVERITY, requireEnum } from './enum-codec';
import { InvalidAlertError } from './errors';
import { requireFinite, requireNonEmpty, requirePresent, requireTimestampMs } from './field-checks';
import { timestampFromMs } from './timestamp';
import { Violation } from './violation';

/**
 * A domain alert to the `citybrain.v1.Alert` object shape of gRPC and of decoded Kafka payloads
 * (every field present; `endsAt` is `null` while firing). Write it into a `SubscribeResponse`.
 */
export function alertToWire(alert: Alert): WireAlert {
  return {
    alertId: alert.alertId,
    fingerprint: alert.fingerprint,
    rule: alert.rule,
    kind: ALERT_KIND.toWire(alert.kind),
    subCategory: alert.subCategory,
    gridId: alert.gridId,
    areaId: alert.areaId,
    severity: SEVERITY.toWire(alert.severity),
    status: ALERT_STATUS.toWire(alert.status),
    startsAt: timestampFromMs(alert.startsAtMs),
    endsAt: alert.endsAtMs === undefined ? null : timestampFromMs(alert.endsAtMs),
    value: alert.value,
    threshold: alert.threshold,
    window: { start: timestampFromMs(alert.window.startMs), end: timestampFromMs(alert.window.endMs) },
    summary: alert.summary,
    labels: { ...alert.labels },
    evidence: alert.evidence === undefined ? null : evidenceToWire(alert.evidence),
  };
}

function evidenceToWire(e: AlertEvidence): NonNullable<WireAlert['evidence']> {
  return {
    measure: e.measure,
    windowKind: e.windowKind,
    window: { start: timestampFromMs(e.window.startMs), end: timestampFromMs(e.window.endMs) },
    aggregates: { ...e.aggregates },
    count: String(e.count),
    comparison: e.comparison,
    threshold: e.threshold,
    forMs: String(e.forMs),
    pendingSince: e.pendingSinceMs === undefined ? null : timestampFromMs(e.pendingSinceMs),
    firstTrueEnd: e.firstTrueEndMs === undefined ? null : timestampFromMs(e.firstTrueEndMs),
    records: e.records.map((r) => ({ eventId: r.eventId, eventTime: timestampFromMs(r.eventTimeMs) })),
  };
}

const WINDOW_KINDS: readonly EvidenceWindowKind[] = ['tumbling', 'hopping', 'session', 'event', 'deadline'];
const COMPARISONS: readonly AlertEvidence['comparison'][] = ['>', '>=', '<', '<='];

/** @throws Violation naming the bad evidence field. */
function parseWireEvidence(w: NonNullable<WireAlert['evidence']>): AlertEvidence {
  const windowKind = WINDOW_KINDS.find((k) => k === w.windowKind);
  if (windowKind === undefined)
    throw new Violation(
      'invalid-field',
      'evidence.window_kind',
      `unknown window kind ${JSON.stringify(w.windowKind)}`,
    );
  const comparison = COMPARISONS.find((c) => c === w.comparison);
  if (comparison === undefined)
    throw new Violation(
      'invalid-field',
      'evidence.comparison',
      `unknown comparison ${JSON.stringify(w.comparison)}`,
    );
  const window = requirePresent('evidence.window', w.window);
  const aggregates: Record<string, number> = {};
  for (const [k, v] of Object.entries(w.aggregates))
    aggregates[k] = requireFinite(`evidence.aggregates[${k}]`, Number(v));
  return {
    measure: w.measure,
    windowKind,
    window: {
      startMs: requireTimestampMs('evidence.window.start', window.start),
      endMs: requireTimestampMs('evidence.window.end', window.end),
    },
    aggregates,
    count: requireFinite('evidence.count', Number(w.count)),
    comparison,
    threshold: requireFinite('evidence.threshold', w.threshold),
    forMs: requireFinite('evidence.for_ms', Number(w.forMs)),
    ...(w.pendingSince === null
      ? {}
      : { pendingSinceMs: requireTimestampMs('evidence.pending_since', w.pendingSince) }),
    ...(w.firstTrueEnd === null
      ? {}
      : { firstTrueEndMs: requireTimestampMs('evidence.first_true_end', w.firstTrueEnd) }),
    records: w.records.map((r, i) => ({
      eventId: r.eventId,
      eventTimeMs: requireTimestampMs(`evidence.records[${i}].event_time`, r.eventTime),
    })),
  };
}

/**
 * Checks a wire alert and converts it to a domain alert.
 *
 * @throws Violation
 */
export function parseWireAlert(wire: WireAlert): Alert {
  const status = requireEnum(ALERT_STATUS, 'status', wire.status);
  const startsAtMs = requireTimestampMs('starts_at', wire.startsAt);
  let endsAtMs: number | undefined;
  if (status === 'resolved') endsAtMs = requireTimestampMs('ends_at', wire.endsAt);
  else if (wire.endsAt !== null) throw new Violation('invalid-field', 'ends_at', 'set on a firing alert');
  const window = requirePresent('window', wire.window);
  const startMs = requireTimestampMs('window.start', window.start);
  const endMs = requireTimestampMs('window.end', window.end);
  if (endMs < startMs) throw new Violation('invalid-field', 'window.end', 'before window.start');
  return {
    alertId: requireNonEmpty('alert_id', wire.alertId),
    fingerprint: requireNonEmpty('fingerprint', wire.fingerprint),
    rule: requireNonEmpty('rule', wire.rule),
    kind: requireEnum(ALERT_KIND, 'kind', wire.kind),
    subCategory: wire.subCategory,
    gridId: requireNonEmpty('grid_id', wire.gridId),
    areaId: requireNonEmpty('area_id', wire.areaId),
    severity: requireEnum(SEVERITY, 'severity', wire.severity),
    status,
    startsAtMs,
    ...(endsAtMs === undefined ? {} : { endsAtMs }),
    value: requireFinite('value', wire.value),
    threshold: requireFinite('threshold', wire.threshold),
    window: { startMs, endMs },
    summary: wire.summary,
    labels: { ...wire.labels },
    ...(wire.evidence === null || wire.evidence === undefined
      ? {}
      : { evidence: parseWireEvidence(wire.evidence) }),
  };
}

/**
 * A wire alert (as received from gRPC or decoded from Kafka) to a domain alert.
 *
 * @throws InvalidAlertError when a required field is missing or out of range (e.g. `starts_at: missing`).
 */
export function alertFromWire(wire: WireAlert): Alert {
  try {
    return parseWireAlert(wire);
  } catch (err: unknown) {
    if (err instanceof Violation) throw new InvalidAlertError(err.details());
    throw err;
  }
}
