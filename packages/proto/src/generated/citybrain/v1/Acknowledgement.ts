// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * Someone acknowledged an alert.
 */
export interface Acknowledgement {
  /**
   * The alert acknowledged.
   */
  'alertId'?: (string);
  /**
   * The subject of the token that acknowledged it.
   */
  'acknowledgedBy'?: (string);
  /**
   * Free text, e.g. "crew dispatched".
   */
  'note'?: (string);
  /**
   * Server clock of the acknowledgement.
   */
  'acknowledgedAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Grid of the alert.
   */
  'gridId'?: (string);
  /**
   * Area of the alert.
   */
  'areaId'?: (string);
}

/**
 * Someone acknowledged an alert.
 */
export interface Acknowledgement__Output {
  /**
   * The alert acknowledged.
   */
  'alertId': (string);
  /**
   * The subject of the token that acknowledged it.
   */
  'acknowledgedBy': (string);
  /**
   * Free text, e.g. "crew dispatched".
   */
  'note': (string);
  /**
   * Server clock of the acknowledgement.
   */
  'acknowledgedAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Grid of the alert.
   */
  'gridId': (string);
  /**
   * Area of the alert.
   */
  'areaId': (string);
}
