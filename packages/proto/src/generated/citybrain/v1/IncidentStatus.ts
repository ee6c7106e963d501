// Original file: ../../proto/citybrain/v1/events.proto

/**
 * FIWARE RoadAccident status.
 */
export const IncidentStatus = {
  INCIDENT_STATUS_UNSPECIFIED: 'INCIDENT_STATUS_UNSPECIFIED',
  INCIDENT_STATUS_ON_GOING: 'INCIDENT_STATUS_ON_GOING',
  INCIDENT_STATUS_SOLVED: 'INCIDENT_STATUS_SOLVED',
  INCIDENT_STATUS_ARCHIVED: 'INCIDENT_STATUS_ARCHIVED',
} as const;

/**
 * FIWARE RoadAccident status.
 */
export type IncidentStatus =
  | 'INCIDENT_STATUS_UNSPECIFIED'
  | 0
  | 'INCIDENT_STATUS_ON_GOING'
  | 1
  | 'INCIDENT_STATUS_SOLVED'
  | 2
  | 'INCIDENT_STATUS_ARCHIVED'
  | 3

/**
 * FIWARE RoadAccident status.
 */
export type IncidentStatus__Output = typeof IncidentStatus[keyof typeof IncidentStatus]
