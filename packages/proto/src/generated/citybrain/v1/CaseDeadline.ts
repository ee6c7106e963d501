// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * A deadline the rules give a case.
 */
export interface CaseDeadline {
  /**
   * "dispatch", "accept", "close" (work orders); "stage", "permit" (permits: the 8-day commitment).
   */
  'name'?: (string);
  /**
   * When it falls due (event time).
   */
  'due'?: (_google_protobuf_Timestamp | null);
  /**
   * The case reached the stage the deadline asks for.
   */
  'met'?: (boolean);
  /**
   * Its overdue alert is firing.
   */
  'overdue'?: (boolean);
}

/**
 * A deadline the rules give a case.
 */
export interface CaseDeadline__Output {
  /**
   * "dispatch", "accept", "close" (work orders); "stage", "permit" (permits: the 8-day commitment).
   */
  'name': (string);
  /**
   * When it falls due (event time).
   */
  'due': (_google_protobuf_Timestamp__Output | null);
  /**
   * The case reached the stage the deadline asks for.
   */
  'met': (boolean);
  /**
   * Its overdue alert is firing.
   */
  'overdue': (boolean);
}
