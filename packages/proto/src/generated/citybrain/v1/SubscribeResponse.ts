// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from '../../citybrain/v1/Alert';
import type { Heartbeat as _citybrain_v1_Heartbeat, Heartbeat__Output as _citybrain_v1_Heartbeat__Output } from '../../citybrain/v1/Heartbeat';
import type { Acknowledgement as _citybrain_v1_Acknowledgement, Acknowledgement__Output as _citybrain_v1_Acknowledgement__Output } from '../../citybrain/v1/Acknowledgement';

/**
 * One message of the Subscribe stream.
 */
export interface SubscribeResponse {
  'alert'?: (_citybrain_v1_Alert | null);
  'heartbeat'?: (_citybrain_v1_Heartbeat | null);
  /**
   * Opaque stream position of this message, for resuming after a disconnect (`resume_from`).
   */
  'position'?: (string);
  'acknowledgement'?: (_citybrain_v1_Acknowledgement | null);
  /**
   * True for the active alerts sent first because of `include_active`.
   */
  'snapshot'?: (boolean);
  /**
   * True when the alert is silenced or inhibited. Only the committee receives such alerts (it sees
   * every alert, as Alertmanager shows suppressed ones); other callers never receive them.
   */
  'silenced'?: (boolean);
  /**
   * An alert, an acknowledgement, or a heartbeat while nothing is flowing.
   */
  'event'?: "alert"|"heartbeat"|"acknowledgement";
}

/**
 * One message of the Subscribe stream.
 */
export interface SubscribeResponse__Output {
  'alert'?: (_citybrain_v1_Alert__Output | null);
  'heartbeat'?: (_citybrain_v1_Heartbeat__Output | null);
  /**
   * Opaque stream position of this message, for resuming after a disconnect (`resume_from`).
   */
  'position': (string);
  'acknowledgement'?: (_citybrain_v1_Acknowledgement__Output | null);
  /**
   * True for the active alerts sent first because of `include_active`.
   */
  'snapshot': (boolean);
  /**
   * True when the alert is silenced or inhibited. Only the committee receives such alerts (it sees
   * every alert, as Alertmanager shows suppressed ones); other callers never receive them.
   */
  'silenced': (boolean);
  /**
   * An alert, an acknowledgement, or a heartbeat while nothing is flowing.
   */
  'event'?: "alert"|"heartbeat"|"acknowledgement";
}
