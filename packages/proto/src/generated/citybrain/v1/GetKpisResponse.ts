// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { AreaKpis as _citybrain_v1_AreaKpis, AreaKpis__Output as _citybrain_v1_AreaKpis__Output } from '../../citybrain/v1/AreaKpis';

/**
 * KPIs per area and for the whole scope.
 */
export interface GetKpisResponse {
  'areas'?: (_citybrain_v1_AreaKpis)[];
  /**
   * The sums over `areas`.
   */
  'total'?: (_citybrain_v1_AreaKpis | null);
  /**
   * The city's filing → construction permit commitment, seconds (8 days).
   */
  'commitmentSeconds'?: (number | string);
}

/**
 * KPIs per area and for the whole scope.
 */
export interface GetKpisResponse__Output {
  'areas': (_citybrain_v1_AreaKpis__Output)[];
  /**
   * The sums over `areas`.
   */
  'total': (_citybrain_v1_AreaKpis__Output | null);
  /**
   * The city's filing → construction permit commitment, seconds (8 days).
   */
  'commitmentSeconds': (number);
}
