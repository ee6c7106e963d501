import type {
  CaseEvent,
  EventEnvelope,
  EventLocation,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import type {
  WireCaseEvent,
  WireLocation,
  WirePermitEvent,
  WireRoadAccident,
  WireTimestamp,
  WireTrafficEvent,
  WireTrafficFlowObserved,
} from '@citybrain/proto';
import {
  CASE_CHANNEL,
  CASE_STAGE,
  CASE_URGENCY,
  INCIDENT_STATUS,
  INCIDENT_TYPE,
  PERMIT_STAGE,
  ROAD_CLASS,
  requireEnum,
} from './enum-codec';
import {
  EVENT_TIME_RANGE_MS,
  requireCount,
  requireInRange,
  requireNonEmpty,
  requireTimestampMs,
} from './field-checks';
import { Violation } from './violation';

// The converter from wire objects (the shape protobuf decoding and the JSON mapping both end in)
// to domain events; each failure throws a Violation. JSON records go through it; protobuf records
// take `protobuf-event-reader.ts`, which makes the same checks (the shared `field-checks.ts` and
// `requireEnum`) in the same order, held to this file by a property test: change both together.

/** Highest speed accepted from a sensor, km/h; anything above is a sensor or unit error. */
export const MAX_SPEED_KMH = 300;

interface WireEnvelope {
  readonly eventId: string;
  readonly eventTime: WireTimestamp | null;
  readonly source: string;
  readonly location: WireLocation | null;
}

function locationFromWire(location: WireLocation | null): EventLocation {
  if (location === null) throw new Violation('location-missing', 'location', 'missing');
  switch (location.kind) {
    case 'gridId':
      return { kind: 'grid', gridId: requireNonEmpty('location.grid_id', location.gridId ?? '') };
    case 'point': {
      if (location.point === null || location.point === undefined) {
        throw new Violation('location-missing', 'location.point', 'missing');
      }
      return {
        kind: 'point',
        lat: requireInRange('location.point.lat', location.point.lat, -90, 90),
        lon: requireInRange('location.point.lon', location.point.lon, -180, 180),
      };
    }
    default:
      throw new Violation('location-missing', 'location', 'neither grid_id nor point is set');
  }
}

function envelopeFromWire(wire: WireEnvelope): EventEnvelope {
  return {
    eventId: requireNonEmpty('event_id', wire.eventId),
    eventTimeMs: requireTimestampMs('event_time', wire.eventTime, EVENT_TIME_RANGE_MS),
    source: wire.source,
    location: locationFromWire(wire.location),
  };
}

function observationFromWire(envelope: EventEnvelope, wire: WireTrafficFlowObserved): TrafficObservation {
  return {
    family: 'traffic',
    type: 'observation',
    ...envelope,
    refRoadSegment: requireNonEmpty('observation.ref_road_segment', wire.refRoadSegment),
    roadClass: requireEnum(ROAD_CLASS, 'observation.road_class', wire.roadClass),
    laneId: requireCount('observation.lane_id', wire.laneId),
    intensity: requireCount('observation.intensity', wire.intensity),
    occupancy: requireInRange('observation.occupancy', wire.occupancy, 0, 1),
    averageVehicleSpeedKmh: requireInRange(
      'observation.average_vehicle_speed',
      wire.averageVehicleSpeed,
      0,
      MAX_SPEED_KMH,
    ),
  };
}

function incidentFromWire(envelope: EventEnvelope, wire: WireRoadAccident): TrafficIncident {
  return {
    family: 'traffic',
    type: 'incident',
    ...envelope,
    incidentId: requireNonEmpty('incident.incident_id', wire.incidentId),
    incidentType: requireEnum(INCIDENT_TYPE, 'incident.incident_type', wire.incidentType),
    status: requireEnum(INCIDENT_STATUS, 'incident.status', wire.status),
    injured: requireCount('incident.injured', wire.injured),
    dead: requireCount('incident.dead', wire.dead),
    vehiclesInvolved: requireCount('incident.vehicles_involved', wire.vehiclesInvolved),
    description: wire.description,
  };
}

/**
 * A decoded `citybrain.v1.TrafficEvent` to a domain observation or incident.
 *
 * @throws Violation when the event breaks the contract.
 */
export function trafficEventFromWire(wire: WireTrafficEvent): TrafficObservation | TrafficIncident {
  const envelope = envelopeFromWire(wire);
  if (wire.payload === 'observation' && wire.observation)
    return observationFromWire(envelope, wire.observation);
  if (wire.payload === 'incident' && wire.incident) return incidentFromWire(envelope, wire.incident);
  throw new Violation('payload-missing', 'payload', 'neither observation nor incident is set');
}

/**
 * A decoded `citybrain.v1.PermitEvent` to a domain permit event.
 *
 * @throws Violation when the event breaks the contract.
 */
export function permitEventFromWire(wire: WirePermitEvent): PermitEvent {
  return {
    family: 'permit',
    ...envelopeFromWire(wire),
    permitId: requireNonEmpty('permit_id', wire.permitId),
    projectName: wire.projectName,
    stage: requireEnum(PERMIT_STAGE, 'stage', wire.stage),
  };
}

/**
 * A decoded `citybrain.v1.CaseEvent` to a domain case event.
 *
 * @throws Violation when the event breaks the contract.
 */
export function caseEventFromWire(wire: WireCaseEvent): CaseEvent {
  return {
    family: 'case',
    ...envelopeFromWire(wire),
    caseId: requireNonEmpty('service_request_id', wire.serviceRequestId),
    stage: requireEnum(CASE_STAGE, 'stage', wire.stage),
    serviceCode: requireNonEmpty('service_code', wire.serviceCode),
    urgency: requireEnum(CASE_URGENCY, 'urgency', wire.urgency),
    channel: requireEnum(CASE_CHANNEL, 'channel', wire.channel),
    description: wire.description,
  };
}
