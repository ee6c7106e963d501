// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Alert as _citybrain_v1_Alert, Alert__Output as _citybrain_v1_Alert__Output } from '../../citybrain/v1/Alert';

/**
 * The alerts currently firing that match the request.
 */
export interface ListActiveAlertsResponse {
  'alerts'?: (_citybrain_v1_Alert)[];
  /**
   * Ids (alert_id) of the listed alerts that are silenced or inhibited. Only the committee is listed
   * such alerts; other callers are not listed them at all.
   */
  'silencedAlertIds'?: (string)[];
}

/**
 * The alerts currently firing that match the request.
 */
export interface ListActiveAlertsResponse__Output {
  'alerts': (_citybrain_v1_Alert__Output)[];
  /**
   * Ids (alert_id) of the listed alerts that are silenced or inhibited. Only the committee is listed
   * such alerts; other callers are not listed them at all.
   */
  'silencedAlertIds': (string)[];
}
