// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Acknowledge an alert.
 */
export interface AcknowledgeAlertRequest {
  'alertId'?: (string);
  /**
   * Free text, at most 1000 characters.
   */
  'note'?: (string);
}

/**
 * Acknowledge an alert.
 */
export interface AcknowledgeAlertRequest__Output {
  'alertId': (string);
  /**
   * Free text, at most 1000 characters.
   */
  'note': (string);
}
