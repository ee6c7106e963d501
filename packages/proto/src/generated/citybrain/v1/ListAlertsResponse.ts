// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { AlertState as _citybrain_v1_AlertState, AlertState__Output as _citybrain_v1_AlertState__Output } from '../../citybrain/v1/AlertState';

/**
 * One page of alerts, oldest first.
 */
export interface ListAlertsResponse {
  'alerts'?: (_citybrain_v1_AlertState)[];
  /**
   * Pass as `page_token` to get the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * One page of alerts, oldest first.
 */
export interface ListAlertsResponse__Output {
  'alerts': (_citybrain_v1_AlertState__Output)[];
  /**
   * Pass as `page_token` to get the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
