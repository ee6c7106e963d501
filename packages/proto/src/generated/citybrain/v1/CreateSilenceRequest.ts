// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Matcher as _citybrain_v1_Matcher, Matcher__Output as _citybrain_v1_Matcher__Output } from '../../citybrain/v1/Matcher';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * Create a silence.
 */
export interface CreateSilenceRequest {
  /**
   * At least one matcher.
   */
  'matchers'?: (_citybrain_v1_Matcher)[];
  /**
   * Defaults to now.
   */
  'startsAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Required; after starts_at.
   */
  'endsAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Why; required.
   */
  'comment'?: (string);
  /**
   * Committee only: allow a silence that matches every alert of the city or of a whole area.
   */
  'force'?: (boolean);
}

/**
 * Create a silence.
 */
export interface CreateSilenceRequest__Output {
  /**
   * At least one matcher.
   */
  'matchers': (_citybrain_v1_Matcher__Output)[];
  /**
   * Defaults to now.
   */
  'startsAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Required; after starts_at.
   */
  'endsAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Why; required.
   */
  'comment': (string);
  /**
   * Committee only: allow a silence that matches every alert of the city or of a whole area.
   */
  'force': (boolean);
}
