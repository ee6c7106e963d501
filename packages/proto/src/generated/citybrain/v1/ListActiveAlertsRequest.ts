// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Severity as _citybrain_v1_Severity, Severity__Output as _citybrain_v1_Severity__Output } from '../../citybrain/v1/Severity';
import type { AlertKind as _citybrain_v1_AlertKind, AlertKind__Output as _citybrain_v1_AlertKind__Output } from '../../citybrain/v1/AlertKind';

/**
 * Which firing alerts to list; same filters, same semantics as SubscribeRequest.
 */
export interface ListActiveAlertsRequest {
  /**
   * Service areas (片区) to list.
   */
  'areaIds'?: (string)[];
  /**
   * Grids to list.
   */
  'gridIds'?: (string)[];
  /**
   * Severities to list.
   */
  'severities'?: (_citybrain_v1_Severity)[];
  /**
   * Alert categories to list.
   */
  'kinds'?: (_citybrain_v1_AlertKind)[];
}

/**
 * Which firing alerts to list; same filters, same semantics as SubscribeRequest.
 */
export interface ListActiveAlertsRequest__Output {
  /**
   * Service areas (片区) to list.
   */
  'areaIds': (string)[];
  /**
   * Grids to list.
   */
  'gridIds': (string)[];
  /**
   * Severities to list.
   */
  'severities': (_citybrain_v1_Severity__Output)[];
  /**
   * Alert categories to list.
   */
  'kinds': (_citybrain_v1_AlertKind__Output)[];
}
