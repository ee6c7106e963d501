import type {
  CaseEvent,
  CityEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import { protobufRoot, TYPE_NAMES } from '@citybrain/proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from './content-type';
import { INVALID_RECORD_REASONS, InvalidEventError, type InvalidRecordReason } from './errors';
import { decodeEvent, encodeEvent, topicOfEvent } from './event-codec';
import { eventToWire } from './event-to-wire';
import { TOPICS } from './topics';

const T0 = Date.UTC(2024, 4, 1, 8, 0, 0, 250);

const observation: TrafficObservation = {
  family: 'traffic',
  type: 'observation',
  eventId: 'obs-1',
  eventTimeMs: T0,
  source: 'sensor-17',
  location: { kind: 'point', lat: 27.51, lon: 120.55 },
  refRoadSegment: 'seg-shiji-ave-3',
  roadClass: 'arterial',
  laneId: 2,
  intensity: 41,
  occupancy: 0.35,
  averageVehicleSpeedKmh: 18.5,
};

const incident: TrafficIncident = {
  family: 'traffic',
  type: 'incident',
  eventId: 'inc-1',
  eventTimeMs: T0 + 1,
  source: 'camera-4',
  location: { kind: 'grid', gridId: 'LG-A1-G03' },
  incidentId: 'incident-77',
  incidentType: 'roadWorks',
  status: 'onGoing',
  injured: 0,
  dead: 0,
  vehiclesInvolved: 2,
  description: '路面施工',
};

const permit: PermitEvent = {
  family: 'permit',
  eventId: 'permit-evt-1',
  eventTimeMs: T0,
  source: 'approval-system',
  location: { kind: 'grid', gridId: 'LG-A2-G11' },
  permitId: 'P-2024-0012',
  projectName: 'Industrial park plant 3',
  stage: 'permitIssued',
};

const caseEvent: CaseEvent = {
  family: 'case',
  eventId: 'case-evt-1',
  eventTimeMs: T0,
  source: 'hotline-12345',
  location: { kind: 'point', lat: -12.5, lon: -179.25 },
  caseId: 'SR-881',
  stage: 'bounced',
  serviceCode: 'waste.dumping',
  urgency: 'urgent',
  channel: 'hotline',
  description: 'Renovation waste and old furniture piled by the road',
};

const events: readonly CityEvent[] = [observation, incident, permit, caseEvent];
const utf8 = new TextEncoder();

function jsonRecord(topic: string, json: unknown, contentType = 'application/json') {
  return { topic, value: utf8.encode(JSON.stringify(json)), headers: { 'content-type': contentType } };
}

function protobufRecord(topic: string, typeName: string, object: Record<string, unknown>) {
  const type = protobufRoot().lookupType(typeName);
  return { topic, value: type.encode(type.fromObject(object)).finish(), headers: {} };
}

function expectInvalid(
  result: ReturnType<typeof decodeEvent>,
  reason: InvalidRecordReason,
  message?: string,
) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(InvalidEventError);
  expect(result.error.reason).toBe(reason);
  expect(result.error.retriable).toBe(false);
  if (message !== undefined) expect(result.error.message).toBe(message);
}

const validCaseJson = {
  event_id: 'case-evt-1',
  event_time: '2024-05-01T08:00:00.250Z',
  source: 'hotline-12345',
  location: { point: { lat: -12.5, lon: -179.25 } },
  service_request_id: 'SR-881',
  stage: 'CASE_STAGE_BOUNCED',
  service_code: 'waste.dumping',
  urgency: 'CASE_URGENCY_URGENT',
  channel: 'CASE_CHANNEL_HOTLINE',
  description: 'Renovation waste and old furniture piled by the road',
};

describe('encodeEvent / decodeEvent round trip', () => {
  for (const format of ['protobuf', 'json'] as const) {
    for (const event of events) {
      const kind = event.family === 'traffic' ? `traffic ${event.type}` : event.family;
      it(`${kind} in ${format}`, () => {
        const { value, headers } = encodeEvent(event, format);
        expect(headers).toEqual({ 'content-type': CONTENT_TYPES[format] });
        expect(decodeEvent({ topic: topicOfEvent(event), value, headers })).toEqual({ ok: true, event });
      });
    }
  }

  it('writes the protobuf JSON mapping: camelCase names, enum names, RFC 3339 times', () => {
    const { value } = encodeEvent(observation, 'json');
    expect(JSON.parse(new TextDecoder().decode(value))).toEqual({
      eventId: 'obs-1',
      eventTime: '2024-05-01T08:00:00.250Z',
      source: 'sensor-17',
      location: { point: { lat: 27.51, lon: 120.55 } },
      observation: {
        refRoadSegment: 'seg-shiji-ave-3',
        roadClass: 'ROAD_CLASS_ARTERIAL',
        laneId: 2,
        intensity: 41,
        occupancy: 0.35,
        averageVehicleSpeed: 18.5,
      },
    });
  });

  it('defaults to protobuf when the content-type header is absent', () => {
    const { value } = encodeEvent(permit);
    expect(decodeEvent({ topic: TOPICS.permit, value, headers: {} })).toEqual({ ok: true, event: permit });
  });

  it('property: every valid observation survives both formats', () => {
    const arbitraryObservation = fc.record({
      eventId: fc.string({ minLength: 1 }),
      eventTimeMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 11, 31) }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      intensity: fc.nat({ max: 0x7fff_ffff }),
      occupancy: fc.double({ min: 0, max: 1, noNaN: true }),
      speed: fc.double({ min: 0, max: 300, noNaN: true }),
    });
    fc.assert(
      fc.property(
        arbitraryObservation,
        fc.constantFrom('protobuf' as const, 'json' as const),
        (o, format) => {
          const event: TrafficObservation = {
            ...observation,
            eventId: o.eventId,
            eventTimeMs: o.eventTimeMs,
            location: { kind: 'point', lat: o.lat, lon: o.lon },
            intensity: o.intensity,
            occupancy: o.occupancy,
            averageVehicleSpeedKmh: o.speed,
          };
          const { value, headers } = encodeEvent(event, format);
          const result = decodeEvent({ topic: TOPICS.traffic, value, headers });
          // JSON has no -0: it comes back as 0; protobuf keeps it.
          const expected: unknown = format === 'json' ? JSON.parse(JSON.stringify(event)) : event;
          expect(result.ok && result.event).toEqual(expected);
        },
      ),
    );
  });
});

describe('decodeEvent of JSON', () => {
  it('accepts snake_case names', () => {
    expect(decodeEvent(jsonRecord(TOPICS.case, validCaseJson))).toEqual({ ok: true, event: caseEvent });
  });

  it('accepts camelCase names, a charset parameter, numeric enums and an offset timestamp', () => {
    const json = {
      eventId: 'case-evt-1',
      eventTime: '2024-05-01T16:00:00.25+08:00',
      source: 'hotline-12345',
      location: { point: { lat: '-12.5', lon: -179.25 } },
      serviceRequestId: 'SR-881',
      stage: 4,
      serviceCode: 'waste.dumping',
      urgency: 'CASE_URGENCY_URGENT',
      channel: 'CASE_CHANNEL_HOTLINE',
      description: 'Renovation waste and old furniture piled by the road',
      futureField: { ignored: true },
    };
    const result = decodeEvent(jsonRecord(TOPICS.case, json, 'Application/JSON; charset=utf-8'));
    expect(result).toEqual({ ok: true, event: caseEvent });
  });

  it('reads a traffic observation with snake_case nested names and a grid location', () => {
    const result = decodeEvent(
      jsonRecord(TOPICS.traffic, {
        event_id: 'obs-9',
        event_time: '2024-05-01T08:00:00Z',
        source: 's',
        location: { grid_id: 'LG-A1-G01' },
        observation: {
          ref_road_segment: 'seg-1',
          road_class: 'ROAD_CLASS_EXPRESSWAY',
          lane_id: 0,
          intensity: 12,
          occupancy: 0.1,
          average_vehicle_speed: 72,
        },
      }),
    );
    expect(result).toEqual({
      ok: true,
      event: {
        family: 'traffic',
        type: 'observation',
        eventId: 'obs-9',
        eventTimeMs: Date.UTC(2024, 4, 1, 8),
        source: 's',
        location: { kind: 'grid', gridId: 'LG-A1-G01' },
        refRoadSegment: 'seg-1',
        roadClass: 'expressway',
        laneId: 0,
        intensity: 12,
        occupancy: 0.1,
        averageVehicleSpeedKmh: 72,
      },
    });
  });
});

describe('decodeEvent rejects', () => {
  const caseJson = (patch: Record<string, unknown>) =>
    jsonRecord(TOPICS.case, { ...validCaseJson, ...patch });
  const trafficValue = encodeEvent(observation).value;

  it('empty-value: a tombstone or an empty value', () => {
    expectInvalid(decodeEvent({ topic: TOPICS.traffic, value: null, headers: {} }), 'empty-value');
    expectInvalid(
      decodeEvent({ topic: TOPICS.traffic, value: new Uint8Array(), headers: {} }),
      'empty-value',
    );
  });

  it('unknown-topic: any topic but the three input topics', () => {
    expectInvalid(decodeEvent({ topic: TOPICS.alerts, value: trafficValue, headers: {} }), 'unknown-topic');
    expectInvalid(
      decodeEvent({ topic: 'city.traffic.v2', value: trafficValue, headers: {} }),
      'unknown-topic',
    );
  });

  it('unsupported-content-type', () => {
    const result = decodeEvent({
      topic: TOPICS.traffic,
      value: trafficValue,
      headers: { 'content-type': 'text/csv' },
    });
    expectInvalid(result, 'unsupported-content-type', 'content-type: text/csv is not supported');
  });

  it('malformed-protobuf: bytes that are not a message', () => {
    const value = new Uint8Array([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]); // field 2, length far past the end
    expectInvalid(decodeEvent({ topic: TOPICS.traffic, value, headers: {} }), 'malformed-protobuf');
  });

  it('malformed-json: not JSON, not UTF-8, or not an object', () => {
    const json = { 'content-type': 'application/json' };
    expectInvalid(
      decodeEvent({ topic: TOPICS.case, value: utf8.encode('{"event_id": '), headers: json }),
      'malformed-json',
    );
    expectInvalid(
      decodeEvent({ topic: TOPICS.case, value: new Uint8Array([0x22, 0xc3, 0x22]), headers: json }),
      'malformed-json',
    );
    expectInvalid(decodeEvent(jsonRecord(TOPICS.case, [validCaseJson])), 'malformed-json');
  });

  it('missing-field: empty ids and a missing event time, named by proto path', () => {
    expectInvalid(decodeEvent(caseJson({ event_id: '' })), 'missing-field', 'event_id: missing');
    expectInvalid(decodeEvent(caseJson({ event_time: null })), 'missing-field', 'event_time: missing');
    expectInvalid(
      decodeEvent(caseJson({ service_request_id: '' })),
      'missing-field',
      'service_request_id: missing',
    );
    expectInvalid(decodeEvent(caseJson({ service_code: '' })), 'missing-field', 'service_code: missing');
    expectInvalid(
      decodeEvent(
        protobufRecord(TOPICS.permit, TYPE_NAMES.permitEvent, {
          eventId: 'p',
          eventTime: { seconds: T0 / 1000 },
          location: { gridId: 'g' },
          stage: 1,
        }),
      ),
      'missing-field',
      'permit_id: missing',
    );
    expectInvalid(
      decodeEvent(
        jsonRecord(TOPICS.traffic, {
          ...JSON.parse(new TextDecoder().decode(encodeEvent(observation, 'json').value)),
          location: { gridId: '' },
        }),
      ),
      'missing-field',
      'location.grid_id: missing',
    );
  });

  it('invalid-field: wrong JSON types and out-of-range values', () => {
    expectInvalid(
      decodeEvent(caseJson({ event_time: '2024-05-01 noon' })),
      'invalid-field',
      'event_time: "2024-05-01 noon" is not an RFC 3339 timestamp',
    );
    expectInvalid(decodeEvent(caseJson({ event_time: '1999-12-31T23:59:59Z' })), 'invalid-field');
    expectInvalid(decodeEvent(caseJson({ event_time: '2101-01-01T00:00:00Z' })), 'invalid-field');
    expectInvalid(
      decodeEvent(caseJson({ stage: 'CASE_STAGE_LOST' })),
      'invalid-field',
      'stage: unknown CaseStage value "CASE_STAGE_LOST"',
    );
    expectInvalid(
      decodeEvent(caseJson({ description: 42 })),
      'invalid-field',
      'description: string expected, got number',
    );
    expectInvalid(
      decodeEvent(caseJson({ location: { point: { lat: 91, lon: 0 } } })),
      'invalid-field',
      'location.point.lat: 91 is outside [-90, 90]',
    );
    expectInvalid(
      decodeEvent(caseJson({ location: { grid_id: 'g', point: { lat: 1, lon: 1 } } })),
      'invalid-field',
    );
    expectInvalid(
      decodeEvent(caseJson({ eventId: 'x' })),
      'invalid-field',
      'event_id: given twice, as eventId and event_id',
    );

    const withObservation = (patch: Partial<TrafficObservation>) => encodeEvent({ ...observation, ...patch });
    const decodeTraffic = (patch: Partial<TrafficObservation>) =>
      decodeEvent({ topic: TOPICS.traffic, value: withObservation(patch).value, headers: {} });
    expectInvalid(
      decodeTraffic({ occupancy: 1.5 }),
      'invalid-field',
      'observation.occupancy: 1.5 is outside [0, 1]',
    );
    expectInvalid(
      decodeTraffic({ averageVehicleSpeedKmh: 301 }),
      'invalid-field',
      'observation.average_vehicle_speed: 301 is outside [0, 300]',
    );
    expectInvalid(decodeTraffic({ averageVehicleSpeedKmh: Number.NaN }), 'invalid-field');
    expectInvalid(
      decodeTraffic({ intensity: -1 }),
      'invalid-field',
      'observation.intensity: -1 is not a non-negative integer',
    );
    expectInvalid(
      decodeEvent(jsonRecord(TOPICS.traffic, { ...validCaseJson, observation: { intensity: 1.5 } })),
      'invalid-field',
      'observation.intensity: integer expected, got 1.5',
    );
    // A newer producer's enum value this build does not know.
    const futureStage = protobufRecord(TOPICS.case, TYPE_NAMES.caseEvent, {
      ...eventToWire(caseEvent),
      stage: 99,
    });
    expectInvalid(decodeEvent(futureStage), 'invalid-field', 'stage: unknown value 99');
  });

  it('unspecified-enum: an absent or zero enum', () => {
    expectInvalid(
      decodeEvent(caseJson({ urgency: 'CASE_URGENCY_UNSPECIFIED' })),
      'unspecified-enum',
      'urgency: missing or CASE_URGENCY_UNSPECIFIED',
    );
    expectInvalid(
      decodeEvent(caseJson({ channel: undefined })),
      'unspecified-enum',
      'channel: missing or CASE_CHANNEL_UNSPECIFIED',
    );
    const noRoadClass = encodeEvent(observation, 'json');
    const json = JSON.parse(new TextDecoder().decode(noRoadClass.value)) as {
      observation: Record<string, unknown>;
    };
    delete json.observation['roadClass'];
    expectInvalid(
      decodeEvent(jsonRecord(TOPICS.traffic, json)),
      'unspecified-enum',
      'observation.road_class: missing or ROAD_CLASS_UNSPECIFIED',
    );
  });

  it('location-missing: no location, or neither grid_id nor point', () => {
    expectInvalid(decodeEvent(caseJson({ location: undefined })), 'location-missing', 'location: missing');
    expectInvalid(
      decodeEvent(caseJson({ location: {} })),
      'location-missing',
      'location: neither grid_id nor point is set',
    );
  });

  it('payload-missing: a traffic event with neither observation nor incident', () => {
    const record = protobufRecord(TOPICS.traffic, TYPE_NAMES.trafficEvent, {
      eventId: 'e',
      eventTime: { seconds: T0 / 1000 },
      location: { gridId: 'g' },
    });
    expectInvalid(decodeEvent(record), 'payload-missing', 'payload: neither observation nor incident is set');
  });

  it('tests every reason', () => {
    // Keeps this suite exhaustive when a reason is added.
    expect(INVALID_RECORD_REASONS).toHaveLength(10);
  });

  it('reports the topic and the event id when it could be read', () => {
    const result = decodeEvent(caseJson({ stage: 'CASE_STAGE_UNSPECIFIED' }));
    expect(
      result.ok
        ? undefined
        : { topic: result.error.topic, eventId: result.error.eventId, field: result.error.field },
    ).toEqual({ topic: TOPICS.case, eventId: 'case-evt-1', field: 'stage' });
  });

  it('property: never throws on random bytes, whatever the format', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(TOPICS.traffic, TOPICS.permit, TOPICS.case),
        fc.constantFrom(undefined, 'application/json', 'application/x-protobuf'),
        (value, topic, contentType) => {
          const headers = contentType === undefined ? {} : { 'content-type': contentType };
          const result = decodeEvent({ topic, value, headers });
          if (!result.ok) expect(INVALID_RECORD_REASONS).toContain(result.error.reason);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(TOPICS.traffic, TOPICS.permit, TOPICS.case),
        (json, topic) => {
          const result = decodeEvent(jsonRecord(topic, json));
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
