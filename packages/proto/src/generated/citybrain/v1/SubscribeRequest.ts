// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Severity as _citybrain_v1_Severity, Severity__Output as _citybrain_v1_Severity__Output } from '../../citybrain/v1/Severity';
import type { AlertKind as _citybrain_v1_AlertKind, AlertKind__Output as _citybrain_v1_AlertKind__Output } from '../../citybrain/v1/AlertKind';

/**
 * Which alerts to stream. Filters combine with AND; within one filter the values combine with
 * OR; an empty filter matches every alert.
 */
export interface SubscribeRequest {
  /**
   * Service areas (片区) to watch.
   */
  'areaIds'?: (string)[];
  /**
   * Grids to watch.
   */
  'gridIds'?: (string)[];
  /**
   * Severities to receive.
   */
  'severities'?: (_citybrain_v1_Severity)[];
  /**
   * Alert categories to receive.
   */
  'kinds'?: (_citybrain_v1_AlertKind)[];
}

/**
 * Which alerts to stream. Filters combine with AND; within one filter the values combine with
 * OR; an empty filter matches every alert.
 */
export interface SubscribeRequest__Output {
  /**
   * Service areas (片区) to watch.
   */
  'areaIds': (string)[];
  /**
   * Grids to watch.
   */
  'gridIds': (string)[];
  /**
   * Severities to receive.
   */
  'severities': (_citybrain_v1_Severity__Output)[];
  /**
   * Alert categories to receive.
   */
  'kinds': (_citybrain_v1_AlertKind__Output)[];
}
