// Builders shared by this package's tests (not exported from the package entry).
import type {
  CaseEvent,
  LocatedEvent,
  PermitEvent,
  PermitStage,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** 2024-03-01 08:00 in UTC+8. */
export const T0 = Date.UTC(2024, 2, 1, 0, 0);

/** Grid G999 is unknown to the registry; every other grid is in area A1. */
export const areaOf = (gridId: string): string | undefined => (gridId === 'G999' ? undefined : 'A1');

export function observation(
  fields: Partial<TrafficObservation> & Pick<TrafficObservation, 'averageVehicleSpeedKmh'>,
): LocatedEvent<TrafficObservation> {
  return {
    eventId: 'obs',
    eventTimeMs: T0,
    source: 'sensor-1',
    location: { kind: 'grid', gridId: 'G001' },
    family: 'traffic',
    type: 'observation',
    refRoadSegment: 'S1',
    roadClass: 'arterial',
    laneId: 0,
    intensity: 10,
    occupancy: 0.2,
    gridId: 'G001',
    areaId: 'A1',
    ...fields,
  };
}

export function accident(
  fields: Partial<TrafficIncident> & Pick<TrafficIncident, 'eventTimeMs'>,
): LocatedEvent<TrafficIncident> {
  return {
    eventId: `inc-${fields.eventTimeMs}`,
    source: 'police',
    location: { kind: 'grid', gridId: 'G017' },
    family: 'traffic',
    type: 'incident',
    incidentId: 'INC-1',
    incidentType: 'accident',
    status: 'onGoing',
    injured: 0,
    dead: 0,
    vehiclesInvolved: 2,
    description: 'collision',
    gridId: 'G017',
    areaId: 'A3',
    ...fields,
  };
}

export function permit(
  permitId: string,
  stage: PermitStage,
  eventTimeMs: number,
  gridId = 'G005',
): LocatedEvent<PermitEvent> {
  return {
    eventId: `${permitId}-${stage}-${eventTimeMs}`,
    eventTimeMs,
    source: 'gov-portal',
    location: { kind: 'grid', gridId },
    family: 'permit',
    permitId,
    projectName: 'Wharf Road plant',
    stage,
    gridId,
    areaId: 'A2',
  };
}

export function caseEvent(fields: Partial<CaseEvent>): LocatedEvent<CaseEvent> {
  return {
    eventId: 'case',
    eventTimeMs: T0,
    source: 'hotline',
    location: { kind: 'grid', gridId: 'G001' },
    family: 'case',
    caseId: 'C1',
    stage: 'received',
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'hotline',
    description: 'furniture by the road',
    gridId: 'G001',
    areaId: 'A1',
    ...fields,
  };
}
