// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * List silences.
 */
export interface ListSilencesRequest {
  /**
   * Include expired silences too.
   */
  'includeExpired'?: (boolean);
}

/**
 * List silences.
 */
export interface ListSilencesRequest__Output {
  /**
   * Include expired silences too.
   */
  'includeExpired': (boolean);
}
