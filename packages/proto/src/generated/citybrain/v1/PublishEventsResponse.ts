// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { PublishResult as _citybrain_v1_PublishResult, PublishResult__Output as _citybrain_v1_PublishResult__Output } from '../../citybrain/v1/PublishResult';

/**
 * Per-event outcomes, in request order.
 */
export interface PublishEventsResponse {
  'results'?: (_citybrain_v1_PublishResult)[];
  'accepted'?: (number);
  'rejected'?: (number);
}

/**
 * Per-event outcomes, in request order.
 */
export interface PublishEventsResponse__Output {
  'results': (_citybrain_v1_PublishResult__Output)[];
  'accepted': (number);
  'rejected': (number);
}
