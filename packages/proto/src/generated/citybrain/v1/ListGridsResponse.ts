// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { AreaInfo as _citybrain_v1_AreaInfo, AreaInfo__Output as _citybrain_v1_AreaInfo__Output } from '../../citybrain/v1/AreaInfo';

/**
 * The hierarchy: areas → large grids → grids.
 */
export interface ListGridsResponse {
  'areas'?: (_citybrain_v1_AreaInfo)[];
}

/**
 * The hierarchy: areas → large grids → grids.
 */
export interface ListGridsResponse__Output {
  'areas': (_citybrain_v1_AreaInfo__Output)[];
}
