// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { TimeWindow as _citybrain_v1_TimeWindow, TimeWindow__Output as _citybrain_v1_TimeWindow__Output } from '../../citybrain/v1/TimeWindow';
import type { GridAggregate as _citybrain_v1_GridAggregate, GridAggregate__Output as _citybrain_v1_GridAggregate__Output } from '../../citybrain/v1/GridAggregate';

/**
 * The latest window result of one aggregation of a grid.
 */
export interface GridWindowState {
  /**
   * What was aggregated, e.g. "traffic-1m".
   */
  'name'?: (string);
  'window'?: (_citybrain_v1_TimeWindow | null);
  'aggregates'?: (_citybrain_v1_GridAggregate)[];
}

/**
 * The latest window result of one aggregation of a grid.
 */
export interface GridWindowState__Output {
  /**
   * What was aggregated, e.g. "traffic-1m".
   */
  'name': (string);
  'window': (_citybrain_v1_TimeWindow__Output | null);
  'aggregates': (_citybrain_v1_GridAggregate__Output)[];
}
