// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * List the grid hierarchy.
 */
export interface ListGridsRequest {
  /**
   * Only this area; empty for every area in scope.
   */
  'areaId'?: (string);
}

/**
 * List the grid hierarchy.
 */
export interface ListGridsRequest__Output {
  /**
   * Only this area; empty for every area in scope.
   */
  'areaId': (string);
}
