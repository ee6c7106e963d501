// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * Sent on an idle Subscribe stream so that clients and proxies know the stream is alive; its
 * position advances the client's cursor.
 */
export interface Heartbeat {
  /**
   * Server clock when the heartbeat was sent.
   */
  'sentAt'?: (_google_protobuf_Timestamp | null);
}

/**
 * Sent on an idle Subscribe stream so that clients and proxies know the stream is alive; its
 * position advances the client's cursor.
 */
export interface Heartbeat__Output {
  /**
   * Server clock when the heartbeat was sent.
   */
  'sentAt': (_google_protobuf_Timestamp__Output | null);
}
