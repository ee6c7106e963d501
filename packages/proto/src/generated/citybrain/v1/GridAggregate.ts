// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * One aggregate of a window result, e.g. name "avgSpeedKmh".
 */
export interface GridAggregate {
  'name'?: (string);
  'value'?: (number | string);
}

/**
 * One aggregate of a window result, e.g. name "avgSpeedKmh".
 */
export interface GridAggregate__Output {
  'name': (string);
  'value': (number);
}
