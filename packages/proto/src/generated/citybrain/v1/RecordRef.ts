// Original file: ../../proto/citybrain/v1/alerts.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * A reference to an input record.
 */
export interface RecordRef {
  /**
   * The event's id (event_id of the input event).
   */
  'eventId'?: (string);
  /**
   * Event time of the record.
   */
  'eventTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * A reference to an input record.
 */
export interface RecordRef__Output {
  /**
   * The event's id (event_id of the input event).
   */
  'eventId': (string);
  /**
   * Event time of the record.
   */
  'eventTime': (_google_protobuf_Timestamp__Output | null);
}
