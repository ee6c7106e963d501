// Test support (not exported): builders of the city's events for scenario tests.
import type {
  CaseEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
  RoadClass,
} from '@citybrain/domain';

let n = 0;
const id = (prefix: string) => `${prefix}-${++n}`;

/** A traffic observation of a grid's road of class `roadClass`. */
export function obs(
  gridId: string,
  atMs: number,
  speedKmh: number,
  roadClass: RoadClass = 'arterial',
): TrafficObservation {
  return {
    family: 'traffic',
    type: 'observation',
    eventId: id('obs'),
    eventTimeMs: atMs,
    source: `sensor/${gridId}`,
    location: { kind: 'grid', gridId },
    refRoadSegment: `${gridId}-${roadClass}`,
    roadClass,
    laneId: 0,
    intensity: 20,
    occupancy: 0.3,
    averageVehicleSpeedKmh: speedKmh,
  };
}

/** Observations every 20 s (3 a minute) in `[fromMs, toMs)`. */
export function steadyTraffic(
  gridId: string,
  fromMs: number,
  toMs: number,
  speedKmh: number,
): TrafficObservation[] {
  const out: TrafficObservation[] = [];
  for (let t = fromMs + 5_000; t < toMs; t += 20_000) out.push(obs(gridId, t, speedKmh));
  return out;
}

/** An accident report or update. */
export function accident(
  gridId: string,
  atMs: number,
  incidentId: string,
  fields: Partial<TrafficIncident> = {},
): TrafficIncident {
  return {
    family: 'traffic',
    type: 'incident',
    eventId: id('inc'),
    eventTimeMs: atMs,
    source: 'police/122',
    location: { kind: 'grid', gridId },
    incidentId,
    incidentType: 'accident',
    status: 'onGoing',
    injured: 0,
    dead: 0,
    vehiclesInvolved: 2,
    description: 'collision',
    ...fields,
  };
}

/** A work-order event. */
export function order(
  gridId: string,
  atMs: number,
  caseId: string,
  stage: CaseEvent['stage'],
  fields: Partial<CaseEvent> = {},
): CaseEvent {
  return {
    family: 'case',
    eventId: id('case'),
    eventTimeMs: atMs,
    source: 'hotline-12345',
    location: { kind: 'grid', gridId },
    caseId,
    stage,
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'resident',
    description: 'renovation waste by the road',
    ...fields,
  };
}

/** A permit stage event. */
export function permit(
  gridId: string,
  atMs: number,
  permitId: string,
  stage: PermitEvent['stage'],
): PermitEvent {
  return {
    family: 'permit',
    eventId: id('permit'),
    eventTimeMs: atMs,
    source: 'gov-services',
    location: { kind: 'grid', gridId },
    permitId,
    projectName: `Project ${permitId}`,
    stage,
  };
}
