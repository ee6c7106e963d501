// Original file: ../../proto/citybrain/v1/events.proto

import type { RoadClass as _citybrain_v1_RoadClass, RoadClass__Output as _citybrain_v1_RoadClass__Output } from '../../citybrain/v1/RoadClass';

/**
 * A sensor observation of one road segment (FIWARE TrafficFlowObserved).
 */
export interface TrafficFlowObserved {
  /**
   * Road segment id (FIWARE refRoadSegment).
   */
  'refRoadSegment'?: (string);
  'roadClass'?: (_citybrain_v1_RoadClass);
  /**
   * Lane number; 0 when the observation covers every lane (FIWARE laneId).
   */
  'laneId'?: (number);
  /**
   * Vehicles counted during the observation period, >= 0 (FIWARE intensity).
   */
  'intensity'?: (number);
  /**
   * Fraction of time the detector was occupied, 0..1 (FIWARE occupancy).
   */
  'occupancy'?: (number | string);
  /**
   * Average vehicle speed in km/h, 0..300 (FIWARE averageVehicleSpeed).
   */
  'averageVehicleSpeed'?: (number | string);
}

/**
 * A sensor observation of one road segment (FIWARE TrafficFlowObserved).
 */
export interface TrafficFlowObserved__Output {
  /**
   * Road segment id (FIWARE refRoadSegment).
   */
  'refRoadSegment': (string);
  'roadClass': (_citybrain_v1_RoadClass__Output);
  /**
   * Lane number; 0 when the observation covers every lane (FIWARE laneId).
   */
  'laneId': (number);
  /**
   * Vehicles counted during the observation period, >= 0 (FIWARE intensity).
   */
  'intensity': (number);
  /**
   * Fraction of time the detector was occupied, 0..1 (FIWARE occupancy).
   */
  'occupancy': (number);
  /**
   * Average vehicle speed in km/h, 0..300 (FIWARE averageVehicleSpeed).
   */
  'averageVehicleSpeed': (number);
}
