// Original file: ../../proto/citybrain/v1/events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Location as _citybrain_v1_Location, Location__Output as _citybrain_v1_Location__Output } from '../../citybrain/v1/Location';
import type { CaseStage as _citybrain_v1_CaseStage, CaseStage__Output as _citybrain_v1_CaseStage__Output } from '../../citybrain/v1/CaseStage';
import type { CaseUrgency as _citybrain_v1_CaseUrgency, CaseUrgency__Output as _citybrain_v1_CaseUrgency__Output } from '../../citybrain/v1/CaseUrgency';
import type { CaseChannel as _citybrain_v1_CaseChannel, CaseChannel__Output as _citybrain_v1_CaseChannel__Output } from '../../citybrain/v1/CaseChannel';

/**
 * A record of topic city.case.v1: a work order (Open311 service request) reached a stage.
 */
export interface CaseEvent {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId'?: (string);
  /**
   * When the stage was reached (event time).
   */
  'eventTime'?: (_google_protobuf_Timestamp | null);
  /**
   * System that produced it: hotline, inspection app, camera analytics, ...
   */
  'source'?: (string);
  /**
   * Where the problem is.
   */
  'location'?: (_citybrain_v1_Location | null);
  /**
   * Stable id of the case across its stages (Open311 service_request_id).
   */
  'serviceRequestId'?: (string);
  'stage'?: (_citybrain_v1_CaseStage);
  /**
   * Open311 service_code, e.g. "waste.dumping".
   */
  'serviceCode'?: (string);
  'urgency'?: (_citybrain_v1_CaseUrgency);
  'channel'?: (_citybrain_v1_CaseChannel);
  /**
   * Free text from the reporter (Open311 description).
   */
  'description'?: (string);
}

/**
 * A record of topic city.case.v1: a work order (Open311 service request) reached a stage.
 */
export interface CaseEvent__Output {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId': (string);
  /**
   * When the stage was reached (event time).
   */
  'eventTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * System that produced it: hotline, inspection app, camera analytics, ...
   */
  'source': (string);
  /**
   * Where the problem is.
   */
  'location': (_citybrain_v1_Location__Output | null);
  /**
   * Stable id of the case across its stages (Open311 service_request_id).
   */
  'serviceRequestId': (string);
  'stage': (_citybrain_v1_CaseStage__Output);
  /**
   * Open311 service_code, e.g. "waste.dumping".
   */
  'serviceCode': (string);
  'urgency': (_citybrain_v1_CaseUrgency__Output);
  'channel': (_citybrain_v1_CaseChannel__Output);
  /**
   * Free text from the reporter (Open311 description).
   */
  'description': (string);
}
