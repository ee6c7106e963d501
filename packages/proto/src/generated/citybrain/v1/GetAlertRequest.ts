// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Which alert to get.
 */
export interface GetAlertRequest {
  'alertId'?: (string);
}

/**
 * Which alert to get.
 */
export interface GetAlertRequest__Output {
  'alertId': (string);
}
