// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Severity as _citybrain_v1_Severity, Severity__Output as _citybrain_v1_Severity__Output } from '../../citybrain/v1/Severity';
import type { AlertKind as _citybrain_v1_AlertKind, AlertKind__Output as _citybrain_v1_AlertKind__Output } from '../../citybrain/v1/AlertKind';
import type { AlertStatus as _citybrain_v1_AlertStatus, AlertStatus__Output as _citybrain_v1_AlertStatus__Output } from '../../citybrain/v1/AlertStatus';

/**
 * Which alerts to list. Filters combine with AND.
 */
export interface ListAlertsRequest {
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
  /**
   * Statuses to list; empty for both.
   */
  'statuses'?: (_citybrain_v1_AlertStatus)[];
  /**
   * At most this many alerts per page, 1..1000; 0 means 100.
   */
  'pageSize'?: (number);
  /**
   * `next_page_token` of the previous page; empty for the first page.
   */
  'pageToken'?: (string);
}

/**
 * Which alerts to list. Filters combine with AND.
 */
export interface ListAlertsRequest__Output {
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
  /**
   * Statuses to list; empty for both.
   */
  'statuses': (_citybrain_v1_AlertStatus__Output)[];
  /**
   * At most this many alerts per page, 1..1000; 0 means 100.
   */
  'pageSize': (number);
  /**
   * `next_page_token` of the previous page; empty for the first page.
   */
  'pageToken': (string);
}
