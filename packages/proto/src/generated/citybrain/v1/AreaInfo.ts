// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { LargeGridInfo as _citybrain_v1_LargeGridInfo, LargeGridInfo__Output as _citybrain_v1_LargeGridInfo__Output } from '../../citybrain/v1/LargeGridInfo';

/**
 * An area of the registry, with its large grids.
 */
export interface AreaInfo {
  'areaId'?: (string);
  'nameZh'?: (string);
  'nameEn'?: (string);
  'largeGrids'?: (_citybrain_v1_LargeGridInfo)[];
}

/**
 * An area of the registry, with its large grids.
 */
export interface AreaInfo__Output {
  'areaId': (string);
  'nameZh': (string);
  'nameEn': (string);
  'largeGrids': (_citybrain_v1_LargeGridInfo__Output)[];
}
