// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * A grid of the registry.
 */
export interface GridInfo {
  'gridId'?: (string);
  'nameZh'?: (string);
  'nameEn'?: (string);
  'largeGridId'?: (string);
  'areaId'?: (string);
  'communityId'?: (string);
}

/**
 * A grid of the registry.
 */
export interface GridInfo__Output {
  'gridId': (string);
  'nameZh': (string);
  'nameEn': (string);
  'largeGridId': (string);
  'areaId': (string);
  'communityId': (string);
}
