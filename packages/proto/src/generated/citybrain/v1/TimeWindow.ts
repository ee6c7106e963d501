// Original file: ../../proto/citybrain/v1/alerts.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * A half-open event-time interval [start, end).
 */
export interface TimeWindow {
  'start'?: (_google_protobuf_Timestamp | null);
  'end'?: (_google_protobuf_Timestamp | null);
}

/**
 * A half-open event-time interval [start, end).
 */
export interface TimeWindow__Output {
  'start': (_google_protobuf_Timestamp__Output | null);
  'end': (_google_protobuf_Timestamp__Output | null);
}
