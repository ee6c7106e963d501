// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Acknowledgement as _citybrain_v1_Acknowledgement, Acknowledgement__Output as _citybrain_v1_Acknowledgement__Output } from '../../citybrain/v1/Acknowledgement';

/**
 * The acknowledgement recorded.
 */
export interface AcknowledgeAlertResponse {
  'acknowledgement'?: (_citybrain_v1_Acknowledgement | null);
}

/**
 * The acknowledgement recorded.
 */
export interface AcknowledgeAlertResponse__Output {
  'acknowledgement': (_citybrain_v1_Acknowledgement__Output | null);
}
