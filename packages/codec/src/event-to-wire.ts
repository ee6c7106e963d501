import type { CityEvent, EventEnvelope, EventLocation } from '@citybrain/domain';
import type {
  WireCaseEventInput,
  WireLocationInput,
  WirePermitEventInput,
  WireTrafficEventInput,
} from '@citybrain/proto';
import {
  CASE_CHANNEL,
  CASE_STAGE,
  CASE_URGENCY,
  INCIDENT_STATUS,
  INCIDENT_TYPE,
  PERMIT_STAGE,
  ROAD_CLASS,
} from './enum-codec';
import { timestampFromMs } from './timestamp';

/** A domain event as the wire message of its topic. */
export type WireEventInput = WireTrafficEventInput | WirePermitEventInput | WireCaseEventInput;

function locationToWire(location: EventLocation): WireLocationInput {
  return location.kind === 'grid'
    ? { gridId: location.gridId }
    : { point: { lat: location.lat, lon: location.lon } };
}

function envelopeToWire(event: EventEnvelope) {
  return {
    eventId: event.eventId,
    eventTime: timestampFromMs(event.eventTimeMs),
    source: event.source,
    location: locationToWire(event.location),
  };
}

/** A domain event to the wire message of its topic (`TrafficEvent`, `PermitEvent` or `CaseEvent`). */
export function eventToWire(event: CityEvent): WireEventInput {
  switch (event.family) {
    case 'traffic':
      return event.type === 'observation'
        ? {
            ...envelopeToWire(event),
            observation: {
              refRoadSegment: event.refRoadSegment,
              roadClass: ROAD_CLASS.toWire(event.roadClass),
              laneId: event.laneId,
              intensity: event.intensity,
              occupancy: event.occupancy,
              averageVehicleSpeed: event.averageVehicleSpeedKmh,
            },
          }
        : {
            ...envelopeToWire(event),
            incident: {
              incidentId: event.incidentId,
              incidentType: INCIDENT_TYPE.toWire(event.incidentType),
              status: INCIDENT_STATUS.toWire(event.status),
              injured: event.injured,
              dead: event.dead,
              vehiclesInvolved: event.vehiclesInvolved,
              description: event.description,
            },
          };
    case 'permit':
      return {
        ...envelopeToWire(event),
        permitId: event.permitId,
        projectName: event.projectName,
        stage: PERMIT_STAGE.toWire(event.stage),
      };
    case 'case':
      return {
        ...envelopeToWire(event),
        serviceRequestId: event.caseId,
        stage: CASE_STAGE.toWire(event.stage),
        serviceCode: event.serviceCode,
        urgency: CASE_URGENCY.toWire(event.urgency),
        channel: CASE_CHANNEL.toWire(event.channel),
        description: event.description,
      };
  }
}
