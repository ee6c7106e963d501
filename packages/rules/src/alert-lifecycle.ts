import type { Alert, TimeWindow } from '@citybrain/domain';

/** Area id used when the grid registry does not know a grid (the alert still fires). */
export const UNKNOWN_AREA_ID = 'unknown';

/**
 * The message that re-emits a firing alert whose severity changed: `next` with the identity
 * (`alertId`, `startsAtMs`) of `current`. Undefined when the severity did not change, since
 * Alertmanager semantics allow no duplicate while firing.
 */
export function refired(current: Alert, next: Alert): Alert | undefined {
  if (current.severity === next.severity) return undefined;
  return { ...next, alertId: current.alertId, startsAtMs: current.startsAtMs };
}

/** The values an alert resolved with (the quiet window, the event that ended the condition). */
export interface ResolvingValues {
  readonly value: number;
  readonly threshold?: number;
  readonly window: TimeWindow;
}

/**
 * The resolved message of a firing alert: same id, labels and severity as the last firing message,
 * a resolution summary, the values that resolved it (`by`; without them, the last firing values),
 * and `endsAtMs` — never before `startsAtMs`, because a late event can report an end that precedes
 * the start the watermark already established.
 */
export function resolved(firing: Alert, endsAtMs: number, summary: string, by?: ResolvingValues): Alert {
  const message: Alert = {
    ...firing,
    status: 'resolved',
    endsAtMs: Math.max(endsAtMs, firing.startsAtMs),
    summary,
  };
  if (by === undefined) return message;
  return {
    ...message,
    value: by.value,
    threshold: by.threshold ?? firing.threshold,
    window: { startMs: by.window.startMs, endMs: by.window.endMs },
  };
}

/** Sorts alerts by fingerprint (stable), the deterministic order of every output. */
export function byFingerprint(alerts: Alert[]): Alert[] {
  return alerts.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}
