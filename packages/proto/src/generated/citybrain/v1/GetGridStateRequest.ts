// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Which grid.
 */
export interface GetGridStateRequest {
  'gridId'?: (string);
}

/**
 * Which grid.
 */
export interface GetGridStateRequest__Output {
  'gridId': (string);
}
