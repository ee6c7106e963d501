/** Alert severities (FIWARE Alert `severity`). */
export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** Orders severities so that filters such as "medium or worse" are possible. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * Alert categories: FIWARE's `traffic`, extended with `cityManagement` (work orders) and
 * `governmentService` (permits), which FIWARE lacks.
 */
export type AlertKind = 'traffic' | 'cityManagement' | 'governmentService';
export const ALERT_KINDS: readonly AlertKind[] = ['traffic', 'cityManagement', 'governmentService'];

/** Alertmanager-style status: an alert fires, then resolves with an explicit message. */
export type AlertStatus = 'firing' | 'resolved';

/** A half-open event-time interval `[startMs, endMs)`, epoch milliseconds. */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** An alert raised by a rule for a grid. */
export interface Alert {
  /**
   * Deterministic id: the same rule, grid and start always give the same id, so a replay of the
   * same events produces the same ids. A firing and its resolved message share the id.
   */
  readonly alertId: string;
  /** Identifies the alert's label set (rule + grid + subject); stable across firings. */
  readonly fingerprint: string;
  /** Rule name, e.g. `traffic-congestion`. */
  readonly rule: string;
  readonly kind: AlertKind;
  /** FIWARE-style sub-category, e.g. `trafficJam`, `carAccident`, `caseBacklog`, `permitOverdue`. */
  readonly subCategory: string;
  readonly gridId: string;
  readonly areaId: string;
  readonly severity: Severity;
  readonly status: AlertStatus;
  /** Event time the condition started, epoch ms. */
  readonly startsAtMs: number;
  /** Event time the condition ended; set on resolved alerts only. */
  readonly endsAtMs?: number;
  /** Measured value (e.g. average speed km/h, case count). */
  readonly value: number;
  /** The threshold the value was compared with. */
  readonly threshold: number;
  /** The event-time window the value was computed on. */
  readonly window: TimeWindow;
  /** A human summary for the operations centre. */
  readonly summary: string;
  /** Extra labels (road class, incident id, permit id, ...). */
  readonly labels: Readonly<Record<string, string>>;
}
