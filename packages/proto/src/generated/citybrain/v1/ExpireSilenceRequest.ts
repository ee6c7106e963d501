// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Expire a silence.
 */
export interface ExpireSilenceRequest {
  'silenceId'?: (string);
}

/**
 * Expire a silence.
 */
export interface ExpireSilenceRequest__Output {
  'silenceId': (string);
}
