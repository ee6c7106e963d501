// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { GridInfo as _citybrain_v1_GridInfo, GridInfo__Output as _citybrain_v1_GridInfo__Output } from '../../citybrain/v1/GridInfo';
import type { GridWindowState as _citybrain_v1_GridWindowState, GridWindowState__Output as _citybrain_v1_GridWindowState__Output } from '../../citybrain/v1/GridWindowState';
import type { AlertState as _citybrain_v1_AlertState, AlertState__Output as _citybrain_v1_AlertState__Output } from '../../citybrain/v1/AlertState';

/**
 * The latest window aggregates and the open alerts of a grid.
 */
export interface GetGridStateResponse {
  'grid'?: (_citybrain_v1_GridInfo | null);
  'windows'?: (_citybrain_v1_GridWindowState)[];
  'openAlerts'?: (_citybrain_v1_AlertState)[];
}

/**
 * The latest window aggregates and the open alerts of a grid.
 */
export interface GetGridStateResponse__Output {
  'grid': (_citybrain_v1_GridInfo__Output | null);
  'windows': (_citybrain_v1_GridWindowState__Output)[];
  'openAlerts': (_citybrain_v1_AlertState__Output)[];
}
