// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Kinds of traffic incident: FIWARE RoadAccident extended to other incidents.
 */
export const IncidentType = {
  INCIDENT_TYPE_UNSPECIFIED: 'INCIDENT_TYPE_UNSPECIFIED',
  INCIDENT_TYPE_ACCIDENT: 'INCIDENT_TYPE_ACCIDENT',
  INCIDENT_TYPE_BREAKDOWN: 'INCIDENT_TYPE_BREAKDOWN',
  INCIDENT_TYPE_ROAD_WORKS: 'INCIDENT_TYPE_ROAD_WORKS',
  INCIDENT_TYPE_OBSTACLE: 'INCIDENT_TYPE_OBSTACLE',
} as const;

/**
 * Kinds of traffic incident: FIWARE RoadAccident extended to other incidents.
 */
export type IncidentType =
  | 'INCIDENT_TYPE_UNSPECIFIED'
  | 0
  | 'INCIDENT_TYPE_ACCIDENT'
  | 1
  | 'INCIDENT_TYPE_BREAKDOWN'
  | 2
  | 'INCIDENT_TYPE_ROAD_WORKS'
  | 3
  | 'INCIDENT_TYPE_OBSTACLE'
  | 4

/**
 * Kinds of traffic incident: FIWARE RoadAccident extended to other incidents.
 */
export type IncidentType__Output = typeof IncidentType[keyof typeof IncidentType]
