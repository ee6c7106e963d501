// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from '../../citybrain/v1/Alert';
import type { Acknowledgement as _citybrain_v1_Acknowledgement, Acknowledgement__Output as _citybrain_v1_Acknowledgement__Output } from '../../citybrain/v1/Acknowledgement';

/**
 * What the gateway knows about an alert beyond its last message.
 */
export interface AlertState {
  /**
   * The alert's last message.
   */
  'alert'?: (_citybrain_v1_Alert | null);
  /**
   * Ids of the active silences that mute it.
   */
  'silencedBy'?: (string)[];
  /**
   * Ids (alert_id) of the firing alerts that inhibit it.
   */
  'inhibitedBy'?: (string)[];
  /**
   * Its acknowledgement, if any.
   */
  'acknowledgement'?: (_citybrain_v1_Acknowledgement | null);
  /**
   * Whether it is streamed (not silenced, not inhibited).
   */
  'suppressed'?: (boolean);
}

/**
 * What the gateway knows about an alert beyond its last message.
 */
export interface AlertState__Output {
  /**
   * The alert's last message.
   */
  'alert': (_citybrain_v1_Alert__Output | null);
  /**
   * Ids of the active silences that mute it.
   */
  'silencedBy': (string)[];
  /**
   * Ids (alert_id) of the firing alerts that inhibit it.
   */
  'inhibitedBy': (string)[];
  /**
   * Its acknowledgement, if any.
   */
  'acknowledgement': (_citybrain_v1_Acknowledgement__Output | null);
  /**
   * Whether it is streamed (not silenced, not inhibited).
   */
  'suppressed': (boolean);
}
