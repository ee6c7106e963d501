// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { TrafficEvent as _citybrain_v1_TrafficEvent, TrafficEvent__Output as _citybrain_v1_TrafficEvent__Output } from '../../citybrain/v1/TrafficEvent';
import type { PermitEvent as _citybrain_v1_PermitEvent, PermitEvent__Output as _citybrain_v1_PermitEvent__Output } from '../../citybrain/v1/PermitEvent';
import type { CaseEvent as _citybrain_v1_CaseEvent, CaseEvent__Output as _citybrain_v1_CaseEvent__Output } from '../../citybrain/v1/CaseEvent';

/**
 * One event to publish.
 */
export interface PublishEventsRequest {
  'traffic'?: (_citybrain_v1_TrafficEvent | null);
  'permit'?: (_citybrain_v1_PermitEvent | null);
  'case'?: (_citybrain_v1_CaseEvent | null);
  /**
   * Exactly one must be set.
   */
  'event'?: "traffic"|"permit"|"case";
}

/**
 * One event to publish.
 */
export interface PublishEventsRequest__Output {
  'traffic'?: (_citybrain_v1_TrafficEvent__Output | null);
  'permit'?: (_citybrain_v1_PermitEvent__Output | null);
  'case'?: (_citybrain_v1_CaseEvent__Output | null);
  /**
   * Exactly one must be set.
   */
  'event'?: "traffic"|"permit"|"case";
}
