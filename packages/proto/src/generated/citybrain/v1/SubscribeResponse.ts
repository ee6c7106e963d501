// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from '../../citybrain/v1/Alert';
import type { Heartbeat as _citybrain_v1_Heartbeat, Heartbeat__Output as _citybrain_v1_Heartbeat__Output } from '../../citybrain/v1/Heartbeat';

/**
 * One message of the Subscribe stream.
 */
export interface SubscribeResponse {
  'alert'?: (_citybrain_v1_Alert | null);
  'heartbeat'?: (_citybrain_v1_Heartbeat | null);
  /**
   * Opaque stream position of this message, for resuming after a disconnect. Empty until resume
   * cursors are implemented; clients must treat it as an opaque string.
   */
  'position'?: (string);
  /**
   * An alert, or a heartbeat while no alert is flowing.
   */
  'event'?: "alert"|"heartbeat";
}

/**
 * One message of the Subscribe stream.
 */
export interface SubscribeResponse__Output {
  'alert'?: (_citybrain_v1_Alert__Output | null);
  'heartbeat'?: (_citybrain_v1_Heartbeat__Output | null);
  /**
   * Opaque stream position of this message, for resuming after a disconnect. Empty until resume
   * cursors are implemented; clients must treat it as an opaque string.
   */
  'position': (string);
  /**
   * An alert, or a heartbeat while no alert is flowing.
   */
  'event'?: "alert"|"heartbeat";
}
