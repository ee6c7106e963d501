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
  /** Why the rule decided; absent on alerts that predate it. */
  readonly evidence?: AlertEvidence;
}

/** How the window of a decision was made: a window kind, or for lifecycle rules an event or a deadline. */
export type EvidenceWindowKind = 'tumbling' | 'hopping' | 'session' | 'event' | 'deadline';

/** An input record behind a decision. */
export interface RecordRef {
  readonly eventId: string;
  readonly eventTimeMs: number;
}

/** The most input records an alert's evidence lists. */
export const MAX_EVIDENCE_RECORDS = 20;

/**
 * What a rule's decision rests on: the measure, the window and its aggregates, the comparison and
 * threshold, the `for` history and (up to {@link MAX_EVIDENCE_RECORDS}) input records.
 */
export interface AlertEvidence {
  /** What the rule measures, in words, e.g. `mean(averageVehicleSpeedKmh) of traffic where roadClass=arterial, per grid`. */
  readonly measure: string;
  readonly windowKind: EvidenceWindowKind;
  readonly window: TimeWindow;
  /** Aggregates of the window by name (value, count, baseline; injured, dead, vehicles; …). */
  readonly aggregates: Readonly<Record<string, number>>;
  /** Events the window aggregated. */
  readonly count: number;
  /** `value <comparison> threshold` held (firing) or failed (resolved). */
  readonly comparison: '>' | '>=' | '<' | '<=';
  readonly threshold: number;
  /** How long the condition had to hold before firing, ms (0: at once). */
  readonly forMs: number;
  /** Start of the first window of the run of true windows (the alert's start). */
  readonly pendingSinceMs?: number;
  /** End of the first true window: `for` is measured from it. */
  readonly firstTrueEndMs?: number;
  readonly records: readonly RecordRef[];
}
