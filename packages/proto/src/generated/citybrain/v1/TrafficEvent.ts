// Original file: ../../proto/citybrain/v1/events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Location as _citybrain_v1_Location, Location__Output as _citybrain_v1_Location__Output } from '../../citybrain/v1/Location';
import type { TrafficFlowObserved as _citybrain_v1_TrafficFlowObserved, TrafficFlowObserved__Output as _citybrain_v1_TrafficFlowObserved__Output } from '../../citybrain/v1/TrafficFlowObserved';
import type { RoadAccident as _citybrain_v1_RoadAccident, RoadAccident__Output as _citybrain_v1_RoadAccident__Output } from '../../citybrain/v1/RoadAccident';

/**
 * A record of topic city.traffic.v1.
 */
export interface TrafficEvent {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId'?: (string);
  /**
   * When the event happened (event time).
   */
  'eventTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Who produced it: sensor id, system name, ...
   */
  'source'?: (string);
  'location'?: (_citybrain_v1_Location | null);
  'observation'?: (_citybrain_v1_TrafficFlowObserved | null);
  'incident'?: (_citybrain_v1_RoadAccident | null);
  /**
   * What was observed or reported; exactly one must be set.
   */
  'payload'?: "observation"|"incident";
}

/**
 * A record of topic city.traffic.v1.
 */
export interface TrafficEvent__Output {
  /**
   * Globally unique id set by the source; used for de-duplication and dead-letter reports.
   */
  'eventId': (string);
  /**
   * When the event happened (event time).
   */
  'eventTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Who produced it: sensor id, system name, ...
   */
  'source': (string);
  'location': (_citybrain_v1_Location__Output | null);
  'observation'?: (_citybrain_v1_TrafficFlowObserved__Output | null);
  'incident'?: (_citybrain_v1_RoadAccident__Output | null);
  /**
   * What was observed or reported; exactly one must be set.
   */
  'payload'?: "observation"|"incident";
}
