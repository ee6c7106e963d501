// Original file: ../../proto/citybrain/v1/events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Location as _citybrain_v1_Location, Location__Output as _citybrain_v1_Location__Output } from '../../citybrain/v1/Location';
import type { PermitStage as _citybrain_v1_PermitStage, PermitStage__Output as _citybrain_v1_PermitStage__Output } from '../../citybrain/v1/PermitStage';

/**
 * A record of topic city.permit.v1: a permit application reached a stage.
 */
export interface PermitEvent {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId'?: (string);
  /**
   * When the stage was reached (event time).
   */
  'eventTime'?: (_google_protobuf_Timestamp | null);
  /**
   * System that produced it.
   */
  'source'?: (string);
  /**
   * Where the project is.
   */
  'location'?: (_citybrain_v1_Location | null);
  /**
   * Stable id of the permit application across its stages.
   */
  'permitId'?: (string);
  'projectName'?: (string);
  'stage'?: (_citybrain_v1_PermitStage);
}

/**
 * A record of topic city.permit.v1: a permit application reached a stage.
 */
export interface PermitEvent__Output {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId': (string);
  /**
   * When the stage was reached (event time).
   */
  'eventTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * System that produced it.
   */
  'source': (string);
  /**
   * Where the project is.
   */
  'location': (_citybrain_v1_Location__Output | null);
  /**
   * Stable id of the permit application across its stages.
   */
  'permitId': (string);
  'projectName': (string);
  'stage': (_citybrain_v1_PermitStage__Output);
}
