// Original file: ../../proto/citybrain/v1/alerts.proto

import type { AlertKind as _citybrain_v1_AlertKind, AlertKind__Output as _citybrain_v1_AlertKind__Output } from '../../citybrain/v1/AlertKind';
import type { Severity as _citybrain_v1_Severity, Severity__Output as _citybrain_v1_Severity__Output } from '../../citybrain/v1/Severity';
import type { AlertStatus as _citybrain_v1_AlertStatus, AlertStatus__Output as _citybrain_v1_AlertStatus__Output } from '../../citybrain/v1/AlertStatus';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from '../../citybrain/v1/TimeWindow';
import type { AlertEvidence as _citybrain_v1_AlertEvidence, AlertEvidence__Output as _citybrain_v1_AlertEvidence__Output } from '../../citybrain/v1/AlertEvidence';

/**
 * An alert raised by a rule for a grid. A firing alert and its resolved message share alert_id.
 */
export interface Alert {
  /**
   * Deterministic id: the same rule, grid and start always give the same id, so a replay of the
   * same events produces the same ids.
   */
  'alertId'?: (string);
  /**
   * Identifies the alert's label set (rule + grid + subject); stable across firings.
   */
  'fingerprint'?: (string);
  /**
   * Rule name, e.g. "traffic-congestion".
   */
  'rule'?: (string);
  'kind'?: (_citybrain_v1_AlertKind);
  /**
   * FIWARE-style sub-category, e.g. "trafficJam", "carAccident", "caseBacklog", "permitOverdue".
   */
  'subCategory'?: (string);
  /**
   * The grid the alert is about.
   */
  'gridId'?: (string);
  /**
   * The service area (片区) of that grid.
   */
  'areaId'?: (string);
  'severity'?: (_citybrain_v1_Severity);
  'status'?: (_citybrain_v1_AlertStatus);
  /**
   * Event time the condition started.
   */
  'startsAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Event time the condition ended; set on resolved alerts only.
   */
  'endsAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Measured value, e.g. average speed in km/h or a case count.
   */
  'value'?: (number | string);
  /**
   * The threshold the value was compared with, in the unit of value.
   */
  'threshold'?: (number | string);
  /**
   * The event-time window the value was computed on.
   */
  'window'?: (_citybrain_v1_TimeWindow | null);
  /**
   * A human summary for the operations centre.
   */
  'summary'?: (string);
  /**
   * Extra labels: road class, incident id, permit id, ...
   */
  'labels'?: ({[key: string]: string});
  /**
   * Why the rule decided: the measure, window, aggregates, comparison, `for` history and input
   * records. Absent on alerts written before it existed.
   */
  'evidence'?: (_citybrain_v1_AlertEvidence | null);
}

/**
 * An alert raised by a rule for a grid. A firing alert and its resolved message share alert_id.
 */
export interface Alert__Output {
  /**
   * Deterministic id: the same rule, grid and start always give the same id, so a replay of the
   * same events produces the same ids.
   */
  'alertId': (string);
  /**
   * Identifies the alert's label set (rule + grid + subject); stable across firings.
   */
  'fingerprint': (string);
  /**
   * Rule name, e.g. "traffic-congestion".
   */
  'rule': (string);
  'kind': (_citybrain_v1_AlertKind__Output);
  /**
   * FIWARE-style sub-category, e.g. "trafficJam", "carAccident", "caseBacklog", "permitOverdue".
   */
  'subCategory': (string);
  /**
   * The grid the alert is about.
   */
  'gridId': (string);
  /**
   * The service area (片区) of that grid.
   */
  'areaId': (string);
  'severity': (_citybrain_v1_Severity__Output);
  'status': (_citybrain_v1_AlertStatus__Output);
  /**
   * Event time the condition started.
   */
  'startsAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Event time the condition ended; set on resolved alerts only.
   */
  'endsAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Measured value, e.g. average speed in km/h or a case count.
   */
  'value': (number);
  /**
   * The threshold the value was compared with, in the unit of value.
   */
  'threshold': (number);
  /**
   * The event-time window the value was computed on.
   */
  'window': (_citybrain_v1_TimeWindow__Output | null);
  /**
   * A human summary for the operations centre.
   */
  'summary': (string);
  /**
   * Extra labels: road class, incident id, permit id, ...
   */
  'labels': ({[key: string]: string});
  /**
   * Why the rule decided: the measure, window, aggregates, comparison, `for` history and input
   * records. Absent on alerts written before it existed.
   */
  'evidence': (_citybrain_v1_AlertEvidence__Output | null);
}
