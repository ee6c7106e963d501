// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { GridWindowState as _citybrain_v1_GridWindowState, GridWindowState__Output as _citybrain_v1_GridWindowState__Output } from '../../citybrain/v1/GridWindowState';

/**
 * A grid's final windows over the span, oldest first (several aggregations interleaved).
 */
export interface GetGridHistoryResponse {
  'windows'?: (_citybrain_v1_GridWindowState)[];
}

/**
 * A grid's final windows over the span, oldest first (several aggregations interleaved).
 */
export interface GetGridHistoryResponse__Output {
  'windows': (_citybrain_v1_GridWindowState__Output)[];
}
