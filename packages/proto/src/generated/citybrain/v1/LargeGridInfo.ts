// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { GridInfo as _citybrain_v1_GridInfo, GridInfo__Output as _citybrain_v1_GridInfo__Output } from '../../citybrain/v1/GridInfo';

/**
 * A large grid of the registry.
 */
export interface LargeGridInfo {
  'largeGridId'?: (string);
  'nameZh'?: (string);
  'nameEn'?: (string);
  'grids'?: (_citybrain_v1_GridInfo)[];
}

/**
 * A large grid of the registry.
 */
export interface LargeGridInfo__Output {
  'largeGridId': (string);
  'nameZh': (string);
  'nameEn': (string);
  'grids': (_citybrain_v1_GridInfo__Output)[];
}
