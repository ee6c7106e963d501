// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { GeoPoint as _citybrain_v1_GeoPoint, GeoPoint__Output as _citybrain_v1_GeoPoint__Output } from '../../citybrain/v1/GeoPoint';

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
  /**
   * The grid's boundary: an open ring of WGS84 vertices, counter-clockwise (what a map draws).
   */
  'boundary'?: (_citybrain_v1_GeoPoint)[];
  /**
   * Names of the community the grid serves.
   */
  'communityNameZh'?: (string);
  'communityNameEn'?: (string);
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
  /**
   * The grid's boundary: an open ring of WGS84 vertices, counter-clockwise (what a map draws).
   */
  'boundary': (_citybrain_v1_GeoPoint__Output)[];
  /**
   * Names of the community the grid serves.
   */
  'communityNameZh': (string);
  'communityNameEn': (string);
}
