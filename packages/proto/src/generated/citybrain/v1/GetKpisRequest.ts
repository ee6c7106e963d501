// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Which KPIs.
 */
export interface GetKpisRequest {
  /**
   * Only this area; empty for every area in scope.
   */
  'areaId'?: (string);
}

/**
 * Which KPIs.
 */
export interface GetKpisRequest__Output {
  /**
   * Only this area; empty for every area in scope.
   */
  'areaId': (string);
}
