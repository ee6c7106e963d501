// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Severity as _citybrain_v1_Severity, Severity__Output as _citybrain_v1_Severity__Output } from '../../citybrain/v1/Severity';
import type { AlertKind as _citybrain_v1_AlertKind, AlertKind__Output as _citybrain_v1_AlertKind__Output } from '../../citybrain/v1/AlertKind';
import type { AlertStatus as _citybrain_v1_AlertStatus, AlertStatus__Output as _citybrain_v1_AlertStatus__Output } from '../../citybrain/v1/AlertStatus';

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
  /**
   * Statuses to receive (firing, resolved); empty for both.
   */
  'statuses'?: (_citybrain_v1_AlertStatus)[];
  /**
   * The last position received on an earlier stream: the stream resumes right after it. Empty
   * for a new stream that starts now.
   */
  'resumeFrom'?: (string);
  /**
   * Send the alerts currently firing (and matching) first, then the live stream. Ignored when
   * resume_from is set.
   */
  'includeActive'?: (boolean);
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
  /**
   * Statuses to receive (firing, resolved); empty for both.
   */
  'statuses': (_citybrain_v1_AlertStatus__Output)[];
  /**
   * The last position received on an earlier stream: the stream resumes right after it. Empty
   * for a new stream that starts now.
   */
  'resumeFrom': (string);
  /**
   * Send the alerts currently firing (and matching) first, then the live stream. Ignored when
   * resume_from is set.
   */
  'includeActive': (boolean);
}
