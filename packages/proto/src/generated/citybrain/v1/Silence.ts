// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Matcher as _citybrain_v1_Matcher, Matcher__Output as _citybrain_v1_Matcher__Output } from '../../citybrain/v1/Matcher';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * A silence: alerts whose labels match every matcher are muted between starts_at and ends_at.
 */
export interface Silence {
  /**
   * Assigned by the server.
   */
  'silenceId'?: (string);
  'matchers'?: (_citybrain_v1_Matcher)[];
  'startsAt'?: (_google_protobuf_Timestamp | null);
  'endsAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Who created it (token subject).
   */
  'createdBy'?: (string);
  /**
   * Why.
   */
  'comment'?: (string);
  /**
   * pending, active or expired, at the time of the reply.
   */
  'state'?: (string);
}

/**
 * A silence: alerts whose labels match every matcher are muted between starts_at and ends_at.
 */
export interface Silence__Output {
  /**
   * Assigned by the server.
   */
  'silenceId': (string);
  'matchers': (_citybrain_v1_Matcher__Output)[];
  'startsAt': (_google_protobuf_Timestamp__Output | null);
  'endsAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Who created it (token subject).
   */
  'createdBy': (string);
  /**
   * Why.
   */
  'comment': (string);
  /**
   * pending, active or expired, at the time of the reply.
   */
  'state': (string);
}
