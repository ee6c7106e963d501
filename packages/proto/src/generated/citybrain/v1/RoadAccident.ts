// Original file: ../../proto/citybrain/v1/events.proto

import type { IncidentType as _citybrain_v1_IncidentType, IncidentType__Output as _citybrain_v1_IncidentType__Output } from '../../citybrain/v1/IncidentType';
import type { IncidentStatus as _citybrain_v1_IncidentStatus, IncidentStatus__Output as _citybrain_v1_IncidentStatus__Output } from '../../citybrain/v1/IncidentStatus';

/**
 * A traffic incident report or update (FIWARE RoadAccident); updates share the incident_id.
 */
export interface RoadAccident {
  /**
   * Stable id of the incident across its updates.
   */
  'incidentId'?: (string);
  /**
   * FIWARE accidentType, extended to breakdowns, road works and obstacles.
   */
  'incidentType'?: (_citybrain_v1_IncidentType);
  'status'?: (_citybrain_v1_IncidentStatus);
  /**
   * People injured, >= 0.
   */
  'injured'?: (number);
  /**
   * People killed, >= 0.
   */
  'dead'?: (number);
  /**
   * Vehicles involved, >= 0.
   */
  'vehiclesInvolved'?: (number);
  /**
   * Free text from the reporter.
   */
  'description'?: (string);
}

/**
 * A traffic incident report or update (FIWARE RoadAccident); updates share the incident_id.
 */
export interface RoadAccident__Output {
  /**
   * Stable id of the incident across its updates.
   */
  'incidentId': (string);
  /**
   * FIWARE accidentType, extended to breakdowns, road works and obstacles.
   */
  'incidentType': (_citybrain_v1_IncidentType__Output);
  'status': (_citybrain_v1_IncidentStatus__Output);
  /**
   * People injured, >= 0.
   */
  'injured': (number);
  /**
   * People killed, >= 0.
   */
  'dead': (number);
  /**
   * Vehicles involved, >= 0.
   */
  'vehiclesInvolved': (number);
  /**
   * Free text from the reporter.
   */
  'description': (string);
}
