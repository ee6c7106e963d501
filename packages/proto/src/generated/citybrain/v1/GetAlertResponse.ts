// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { AlertState as _citybrain_v1_AlertState, AlertState__Output as _citybrain_v1_AlertState__Output } from '../../citybrain/v1/AlertState';

/**
 * The alert and its state.
 */
export interface GetAlertResponse {
  'alert'?: (_citybrain_v1_AlertState | null);
}

/**
 * The alert and its state.
 */
export interface GetAlertResponse__Output {
  'alert': (_citybrain_v1_AlertState__Output | null);
}
