/**
 * Where an event happened: either the grid it was reported in, or coordinates (WGS84) that the
 * processor resolves to a grid through the grid registry.
 */
export type EventLocation =
  | { readonly kind: 'grid'; readonly gridId: string }
  | { readonly kind: 'point'; readonly lat: number; readonly lon: number };

/** Fields every city event carries. */
export interface EventEnvelope {
  /** Globally unique id of the event, set by the source; used for de-duplication and DLQ reports. */
  readonly eventId: string;
  /** When the event happened (event time), epoch milliseconds UTC. */
  readonly eventTimeMs: number;
  /** Who produced it (sensor id, system name, hotline, ...). */
  readonly source: string;
  readonly location: EventLocation;
}

/** Road classes of China's urban traffic operation standard; they select the congestion speed bands. */
export type RoadClass = 'expressway' | 'arterial' | 'secondary';
export const ROAD_CLASSES: readonly RoadClass[] = ['expressway', 'arterial', 'secondary'];

/** A sensor observation of one road segment (FIWARE TrafficFlowObserved). */
export interface TrafficObservation extends EventEnvelope {
  readonly family: 'traffic';
  readonly type: 'observation';
  /** Road segment id (FIWARE `refRoadSegment`). */
  readonly refRoadSegment: string;
  readonly roadClass: RoadClass;
  /** Lane number, 0 when the observation covers every lane. */
  readonly laneId: number;
  /** Vehicles counted during the observation period (FIWARE `intensity`). */
  readonly intensity: number;
  /** Fraction of time the detector was occupied, 0..1 (FIWARE `occupancy`). */
  readonly occupancy: number;
  /** Average vehicle speed, km/h (FIWARE `averageVehicleSpeed`). */
  readonly averageVehicleSpeedKmh: number;
}

export type IncidentType = 'accident' | 'breakdown' | 'roadWorks' | 'obstacle';
export const INCIDENT_TYPES: readonly IncidentType[] = ['accident', 'breakdown', 'roadWorks', 'obstacle'];
/** FIWARE RoadAccident `status`. */
export type IncidentStatus = 'onGoing' | 'solved' | 'archived';
export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['onGoing', 'solved', 'archived'];

/** A traffic incident report or update (FIWARE RoadAccident, extended to other incident types). */
export interface TrafficIncident extends EventEnvelope {
  readonly family: 'traffic';
  readonly type: 'incident';
  /** Stable id of the incident across its updates. */
  readonly incidentId: string;
  readonly incidentType: IncidentType;
  readonly status: IncidentStatus;
  readonly injured: number;
  readonly dead: number;
  readonly vehiclesInvolved: number;
  readonly description: string;
}

/**
 * Permit stages: project code filing (赋码备案) → review (approval/admission/assessment, now one
 * department) → construction permit issued (施工许可证), or rejected.
 */
export type PermitStage = 'filed' | 'review' | 'permitIssued' | 'rejected';
export const PERMIT_STAGES: readonly PermitStage[] = ['filed', 'review', 'permitIssued', 'rejected'];

/** A permit (government service) lifecycle event. */
export interface PermitEvent extends EventEnvelope {
  readonly family: 'permit';
  /** Stable id of the permit application across its stages. */
  readonly permitId: string;
  readonly projectName: string;
  readonly stage: PermitStage;
}

/**
 * Work-order (case) stages of digital city management: received (受理) → dispatched (派单) →
 * accepted (接单) or bounced (退单) → handled (处置) → verified (核查) → closed (结案).
 */
export type CaseStage =
  'received' | 'dispatched' | 'accepted' | 'bounced' | 'handled' | 'verified' | 'closed';
export const CASE_STAGES: readonly CaseStage[] = [
  'received',
  'dispatched',
  'accepted',
  'bounced',
  'handled',
  'verified',
  'closed',
];
export type CaseUrgency = 'normal' | 'urgent';
export const CASE_URGENCIES: readonly CaseUrgency[] = ['normal', 'urgent'];
/** Who reported the case. */
export type CaseChannel = 'resident' | 'inspector' | 'camera' | 'hotline';
export const CASE_CHANNELS: readonly CaseChannel[] = ['resident', 'inspector', 'camera', 'hotline'];

/** A city-management case (work order) event (Open311 service request, with the stage it reached). */
export interface CaseEvent extends EventEnvelope {
  readonly family: 'case';
  /** Stable id of the case across its stages (Open311 `service_request_id`). */
  readonly caseId: string;
  readonly stage: CaseStage;
  /** Open311 `service_code`, e.g. `waste.dumping`. */
  readonly serviceCode: string;
  readonly urgency: CaseUrgency;
  readonly channel: CaseChannel;
  readonly description: string;
}

/** Any event citybrain ingests. */
export type CityEvent = TrafficObservation | TrafficIncident | PermitEvent | CaseEvent;

/** The three event families; each has its own input topic. */
export type EventFamily = CityEvent['family'];
export const EVENT_FAMILIES: readonly EventFamily[] = ['traffic', 'permit', 'case'];

/** An event whose location has been resolved to a grid and its area. */
export type LocatedEvent<E extends CityEvent = CityEvent> = E & {
  readonly gridId: string;
  readonly areaId: string;
};
