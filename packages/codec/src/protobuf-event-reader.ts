import type {
  CaseEvent,
  CityEvent,
  EventFamily,
  EventLocation,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import { protobufRoot, TYPE_NAMES } from '@citybrain/proto';
import protobuf from 'protobufjs';
import {
  CASE_CHANNEL,
  CASE_STAGE,
  CASE_URGENCY,
  INCIDENT_STATUS,
  INCIDENT_TYPE,
  PERMIT_STAGE,
  ROAD_CLASS,
  requireEnum,
  type EnumCodec,
} from './enum-codec';
import { MAX_SPEED_KMH } from './event-from-wire';
import {
  EVENT_TIME_RANGE_MS,
  requireCount,
  requireInRange,
  requireNonEmpty,
  requireTimeInRange,
} from './field-checks';
import { timestampPartsToMs } from './timestamp';
import { Violation } from './violation';

// The fast path of protobuf input records: the bytes are read field by field with protobufjs'
// own `Reader` straight into one reused set of fields, then checked and mapped into the domain
// event. No message objects, no `toObject` plain objects, no 64-bit seconds as a decimal string.
//
// It must give exactly what the general path (`Type.decode` → `Type.toObject(LOADER_OPTIONS)` →
// `eventFromWire`, kept for JSON records and as the reference of the property test beside this
// file) gives, for any bytes. So the loops below are the ones protobufjs 7 generates for these
// messages (`decoder.js`), statement for statement:
// - the wire type of a known field is not checked: the field is read as its declared type;
// - a repeated singular field: the last one wins, and a repeated message field REPLACES the
//   earlier message (protobufjs does not merge), hence the reset at the start of each message;
// - a sub-message's length bounds its fields (`r.len` narrowed) and must be consumed exactly;
// - unknown fields are skipped with `skipType(wireType, depth)`, groups included;
// - every error the reader throws becomes `malformed-protobuf` with the same message.
// And the plain-object rules of `toObject` that the checks depend on:
// - of a oneof, the member with the highest field number present wins (`toObject` walks fields
//   by number and sets the virtual oneof property each time), e.g. `point` over `grid_id`;
// - an enum number is its name when the enum knows it, else the number itself.

const { Reader } = protobuf;
type Reader = protobuf.Reader;

/** One input record's fields as decoded; reset per record and per (sub-)message occurrence. */
class Fields {
  // Envelope (fields 1-4 of every event).
  eventId = '';
  source = '';
  hasEventTime = false;
  /** `event_time.seconds` as the two 32-bit halves of the int64 varint. */
  secondsLo = 0;
  secondsHi = 0;
  nanos = 0;
  hasLocation = false;
  hasGridId = false;
  gridId = '';
  hasPoint = false;
  lat = 0;
  lon = 0;
  // TrafficEvent.observation (10).
  hasObservation = false;
  refRoadSegment = '';
  roadClass = 0;
  laneId = 0;
  intensity = 0;
  occupancy = 0;
  averageVehicleSpeed = 0;
  // TrafficEvent.incident (11).
  hasIncident = false;
  incidentId = '';
  incidentType = 0;
  status = 0;
  injured = 0;
  dead = 0;
  vehiclesInvolved = 0;
  incidentDescription = '';
  // PermitEvent (10-12).
  permitId = '';
  projectName = '';
  permitStage = 0;
  // CaseEvent (10-15).
  serviceRequestId = '';
  caseStage = 0;
  serviceCode = '';
  urgency = 0;
  channel = 0;
  caseDescription = '';
  /** Whether the bytes decoded (the event may still be invalid): `event_id` is then known. */
  decoded = false;

  reset(): void {
    this.eventId = '';
    this.source = '';
    this.hasEventTime = false;
    this.resetTimestamp();
    this.hasLocation = false;
    this.resetLocation();
    this.hasObservation = false;
    this.resetObservation();
    this.hasIncident = false;
    this.resetIncident();
    this.permitId = '';
    this.projectName = '';
    this.permitStage = 0;
    this.serviceRequestId = '';
    this.caseStage = 0;
    this.serviceCode = '';
    this.urgency = 0;
    this.channel = 0;
    this.caseDescription = '';
    this.decoded = false;
  }

  resetTimestamp(): void {
    this.secondsLo = 0;
    this.secondsHi = 0;
    this.nanos = 0;
  }

  resetLocation(): void {
    this.hasGridId = false;
    this.gridId = '';
    this.hasPoint = false;
    this.resetPoint();
  }

  resetPoint(): void {
    this.lat = 0;
    this.lon = 0;
  }

  resetObservation(): void {
    this.refRoadSegment = '';
    this.roadClass = 0;
    this.laneId = 0;
    this.intensity = 0;
    this.occupancy = 0;
    this.averageVehicleSpeed = 0;
  }

  resetIncident(): void {
    this.incidentId = '';
    this.incidentType = 0;
    this.status = 0;
    this.injured = 0;
    this.dead = 0;
    this.vehiclesInvolved = 0;
    this.incidentDescription = '';
  }
}

// Decoding is synchronous and never re-entered: one set of fields serves every record.
const fields = new Fields();

// ---------------------------------------------------------------------------------------------
// Wire reading, as protobufjs' generated decoders and its Reader do it.

function indexOutOfRange(r: Reader, writeLength?: number): RangeError {
  return new RangeError(`index out of range: ${r.pos} + ${writeLength || 1} > ${r.len}`);
}

/**
 * Enters a sub-message of `length` bytes at nesting `depth`: narrows the reader to it and returns
 * the outer limit for {@link leave}.
 */
function enter(r: Reader, length: number, depth: number): number {
  if (depth > Reader.recursionLimit) throw new Error('maximum nesting depth exceeded');
  const end = r.pos + length;
  if (end > r.len) throw new RangeError('index out of range');
  const outer = r.len;
  r.len = end;
  return outer;
}

/** Leaves a sub-message entered with {@link enter}, which must have been read to its end. */
function leave(r: Reader, outer: number): void {
  if (r.pos !== r.len) throw new RangeError('index out of range');
  r.len = outer;
}

let varintHi = 0;

/**
 * Reads an int64 varint (protobufjs' `readLongVarint`, verbatim, errors included) without
 * allocating: returns the low 32 bits and leaves the high 32 bits in `varintHi`.
 */
function readVarint64(r: Reader): number {
  const buf = r.buf;
  let lo = 0;
  let hi = 0;
  let i = 0;
  varintHi = 0;
  if (r.len - r.pos > 4) {
    for (; i < 4; ++i) {
      lo = (lo | ((buf[r.pos]! & 127) << (i * 7))) >>> 0;
      if (buf[r.pos++]! < 128) return lo;
    }
    lo = (lo | ((buf[r.pos]! & 127) << 28)) >>> 0;
    hi = (hi | ((buf[r.pos]! & 127) >> 4)) >>> 0;
    varintHi = hi;
    if (buf[r.pos++]! < 128) return lo;
    i = 0;
  } else {
    for (; i < 3; ++i) {
      if (r.pos >= r.len) throw indexOutOfRange(r);
      lo = (lo | ((buf[r.pos]! & 127) << (i * 7))) >>> 0;
      if (buf[r.pos++]! < 128) return lo;
    }
    // protobufjs reads the 4th byte unchecked (past the limit it is `undefined`, i.e. 0).
    lo = (lo | (((buf[r.pos++] as number) & 127) << (i * 7))) >>> 0;
    return lo;
  }
  if (r.len - r.pos > 4) {
    for (; i < 5; ++i) {
      hi = (hi | ((buf[r.pos]! & 127) << (i * 7 + 3))) >>> 0;
      varintHi = hi;
      if (buf[r.pos++]! < 128) return lo;
    }
  } else {
    for (; i < 5; ++i) {
      if (r.pos >= r.len) throw indexOutOfRange(r);
      hi = (hi | ((buf[r.pos]! & 127) << (i * 7 + 3))) >>> 0;
      varintHi = hi;
      if (buf[r.pos++]! < 128) return lo;
    }
  }
  throw new Error('invalid varint encoding');
}

/** `google.protobuf.Timestamp` into `f.seconds*` and `f.nanos`. */
function readTimestamp(r: Reader, length: number, depth: number, f: Fields): void {
  const outer = enter(r, length, depth);
  f.hasEventTime = true;
  f.resetTimestamp();
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        f.secondsLo = readVarint64(r);
        f.secondsHi = varintHi;
        break;
      case 2:
        f.nanos = r.int32();
        break;
      default:
        r.skipType(tag & 7, depth);
    }
  }
  leave(r, outer);
}

/** `citybrain.v1.GeoPoint`. */
function readPoint(r: Reader, length: number, depth: number, f: Fields): void {
  const outer = enter(r, length, depth);
  f.hasPoint = true;
  f.resetPoint();
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        f.lat = r.double();
        break;
      case 2:
        f.lon = r.double();
        break;
      default:
        r.skipType(tag & 7, depth);
    }
  }
  leave(r, outer);
}

/** `citybrain.v1.Location`. */
function readLocation(r: Reader, length: number, depth: number, f: Fields): void {
  const outer = enter(r, length, depth);
  f.hasLocation = true;
  f.resetLocation();
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        f.gridId = r.string();
        f.hasGridId = true;
        break;
      case 2:
        readPoint(r, r.uint32(), depth + 1, f);
        break;
      default:
        r.skipType(tag & 7, depth);
    }
  }
  leave(r, outer);
}

/** Fields 1-4, shared by every event message; false for any other field number. */
function readEnvelopeField(r: Reader, fieldNumber: number, f: Fields): boolean {
  switch (fieldNumber) {
    case 1:
      f.eventId = r.string();
      return true;
    case 2:
      readTimestamp(r, r.uint32(), 1, f);
      return true;
    case 3:
      f.source = r.string();
      return true;
    case 4:
      readLocation(r, r.uint32(), 1, f);
      return true;
    default:
      return false;
  }
}

/** `citybrain.v1.TrafficFlowObserved`. */
function readObservation(r: Reader, length: number, depth: number, f: Fields): void {
  const outer = enter(r, length, depth);
  f.hasObservation = true;
  f.resetObservation();
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        f.refRoadSegment = r.string();
        break;
      case 2:
        f.roadClass = r.int32();
        break;
      case 3:
        f.laneId = r.int32();
        break;
      case 4:
        f.intensity = r.int32();
        break;
      case 5:
        f.occupancy = r.double();
        break;
      case 6:
        f.averageVehicleSpeed = r.double();
        break;
      default:
        r.skipType(tag & 7, depth);
    }
  }
  leave(r, outer);
}

/** `citybrain.v1.RoadAccident`. */
function readIncident(r: Reader, length: number, depth: number, f: Fields): void {
  const outer = enter(r, length, depth);
  f.hasIncident = true;
  f.resetIncident();
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        f.incidentId = r.string();
        break;
      case 2:
        f.incidentType = r.int32();
        break;
      case 3:
        f.status = r.int32();
        break;
      case 4:
        f.injured = r.int32();
        break;
      case 5:
        f.dead = r.int32();
        break;
      case 6:
        f.vehiclesInvolved = r.int32();
        break;
      case 7:
        f.incidentDescription = r.string();
        break;
      default:
        r.skipType(tag & 7, depth);
    }
  }
  leave(r, outer);
}

// The top-level messages: read to the end of the buffer (no length, so no final check).

function readTrafficEvent(r: Reader, f: Fields): void {
  const end = r.len;
  while (r.pos < end) {
    const tag = r.uint32();
    const fieldNumber = tag >>> 3;
    if (readEnvelopeField(r, fieldNumber, f)) continue;
    if (fieldNumber === 10) readObservation(r, r.uint32(), 1, f);
    else if (fieldNumber === 11) readIncident(r, r.uint32(), 1, f);
    else r.skipType(tag & 7, 0);
  }
}

function readPermitEvent(r: Reader, f: Fields): void {
  const end = r.len;
  while (r.pos < end) {
    const tag = r.uint32();
    const fieldNumber = tag >>> 3;
    if (readEnvelopeField(r, fieldNumber, f)) continue;
    if (fieldNumber === 10) f.permitId = r.string();
    else if (fieldNumber === 11) f.projectName = r.string();
    else if (fieldNumber === 12) f.permitStage = r.int32();
    else r.skipType(tag & 7, 0);
  }
}

function readCaseEvent(r: Reader, f: Fields): void {
  const end = r.len;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
      case 2:
      case 3:
      case 4:
        readEnvelopeField(r, tag >>> 3, f);
        break;
      case 10:
        f.serviceRequestId = r.string();
        break;
      case 11:
        f.caseStage = r.int32();
        break;
      case 12:
        f.serviceCode = r.string();
        break;
      case 13:
        f.urgency = r.int32();
        break;
      case 14:
        f.channel = r.int32();
        break;
      case 15:
        f.caseDescription = r.string();
        break;
      default:
        r.skipType(tag & 7, 0);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks and mapping, in the order of `event-from-wire.ts` (the first violation wins).

/** An enum's domain values by wire number, built from the loaded proto so both stay in step. */
interface EnumTable<D extends string> {
  readonly codec: EnumCodec<D, string>;
  readonly byNumber: readonly (D | undefined)[];
  /** Wire names by number (`Enum.valuesById`): what `toObject` turns a known number into. */
  readonly names: Readonly<Record<number, string>>;
}

function enumTable<D extends string, W extends string>(
  codec: EnumCodec<D, W>,
  protoName: string,
): EnumTable<D> {
  const names = protobufRoot().lookupEnum(protoName).valuesById;
  const byNumber: (D | undefined)[] = [];
  for (const [id, name] of Object.entries(names)) {
    if (Number(id) >= 0) byNumber[Number(id)] = codec.fromWire(name as W);
  }
  return { codec, byNumber, names };
}

interface Tables {
  readonly roadClass: EnumTable<TrafficObservation['roadClass']>;
  readonly incidentType: EnumTable<TrafficIncident['incidentType']>;
  readonly incidentStatus: EnumTable<TrafficIncident['status']>;
  readonly permitStage: EnumTable<PermitEvent['stage']>;
  readonly caseStage: EnumTable<CaseEvent['stage']>;
  readonly caseUrgency: EnumTable<CaseEvent['urgency']>;
  readonly caseChannel: EnumTable<CaseEvent['channel']>;
  /** Message names for `malformed-protobuf` details, e.g. `TrafficEvent`. */
  readonly typeNames: Readonly<Record<EventFamily, string>>;
}

let cachedTables: Tables | undefined;

// Built on first use, not at import: loading the proto files is the proto package's lazy job.
function tables(): Tables {
  if (cachedTables === undefined) {
    const root = protobufRoot();
    cachedTables = {
      roadClass: enumTable(ROAD_CLASS, 'citybrain.v1.RoadClass'),
      incidentType: enumTable(INCIDENT_TYPE, 'citybrain.v1.IncidentType'),
      incidentStatus: enumTable(INCIDENT_STATUS, 'citybrain.v1.IncidentStatus'),
      permitStage: enumTable(PERMIT_STAGE, 'citybrain.v1.PermitStage'),
      caseStage: enumTable(CASE_STAGE, 'citybrain.v1.CaseStage'),
      caseUrgency: enumTable(CASE_URGENCY, 'citybrain.v1.CaseUrgency'),
      caseChannel: enumTable(CASE_CHANNEL, 'citybrain.v1.CaseChannel'),
      typeNames: {
        traffic: root.lookupType(TYPE_NAMES.trafficEvent).name,
        permit: root.lookupType(TYPE_NAMES.permitEvent).name,
        case: root.lookupType(TYPE_NAMES.caseEvent).name,
      },
    };
  }
  return cachedTables;
}

/** A required enum field from its wire number; the violations are `requireEnum`'s. */
function enumValue<D extends string>(table: EnumTable<D>, field: string, number: number): D {
  const value = number >= 0 && number < table.byNumber.length ? table.byNumber[number] : undefined;
  return value ?? requireEnum(table.codec, field, table.names[number] ?? number);
}

function eventTimeMs(f: Fields): number {
  if (!f.hasEventTime) throw new Violation('missing-field', 'event_time', 'missing');
  // int64 → number: exact below 2^53, and beyond it the rounded value is not safe either.
  const seconds = (f.secondsHi | 0) * 4_294_967_296 + f.secondsLo;
  if (!Number.isSafeInteger(seconds)) {
    // The decimal text of the signed int64, as long.js' `toString` gives it to `toObject`.
    const text = BigInt.asIntN(64, (BigInt(f.secondsHi >>> 0) << 32n) | BigInt(f.secondsLo >>> 0)).toString();
    throw new Violation('invalid-field', 'event_time', `seconds ${text} is not an integer`);
  }
  const ms = timestampPartsToMs(seconds, f.nanos);
  if (typeof ms === 'string') throw new Violation('invalid-field', 'event_time', ms);
  return requireTimeInRange('event_time', ms, EVENT_TIME_RANGE_MS);
}

function location(f: Fields): EventLocation {
  if (!f.hasLocation) throw new Violation('location-missing', 'location', 'missing');
  if (f.hasPoint) {
    return {
      kind: 'point',
      lat: requireInRange('location.point.lat', f.lat, -90, 90),
      lon: requireInRange('location.point.lon', f.lon, -180, 180),
    };
  }
  if (f.hasGridId) return { kind: 'grid', gridId: requireNonEmpty('location.grid_id', f.gridId) };
  throw new Violation('location-missing', 'location', 'neither grid_id nor point is set');
}

function trafficEvent(f: Fields, t: Tables): TrafficObservation | TrafficIncident {
  const eventId = requireNonEmpty('event_id', f.eventId);
  const time = eventTimeMs(f);
  const where = location(f);
  if (f.hasIncident) {
    return {
      family: 'traffic',
      type: 'incident',
      eventId,
      eventTimeMs: time,
      source: f.source,
      location: where,
      incidentId: requireNonEmpty('incident.incident_id', f.incidentId),
      incidentType: enumValue(t.incidentType, 'incident.incident_type', f.incidentType),
      status: enumValue(t.incidentStatus, 'incident.status', f.status),
      injured: requireCount('incident.injured', f.injured),
      dead: requireCount('incident.dead', f.dead),
      vehiclesInvolved: requireCount('incident.vehicles_involved', f.vehiclesInvolved),
      description: f.incidentDescription,
    };
  }
  if (f.hasObservation) {
    return {
      family: 'traffic',
      type: 'observation',
      eventId,
      eventTimeMs: time,
      source: f.source,
      location: where,
      refRoadSegment: requireNonEmpty('observation.ref_road_segment', f.refRoadSegment),
      roadClass: enumValue(t.roadClass, 'observation.road_class', f.roadClass),
      laneId: requireCount('observation.lane_id', f.laneId),
      intensity: requireCount('observation.intensity', f.intensity),
      occupancy: requireInRange('observation.occupancy', f.occupancy, 0, 1),
      averageVehicleSpeedKmh: requireInRange(
        'observation.average_vehicle_speed',
        f.averageVehicleSpeed,
        0,
        MAX_SPEED_KMH,
      ),
    };
  }
  throw new Violation('payload-missing', 'payload', 'neither observation nor incident is set');
}

function permitEvent(f: Fields, t: Tables): PermitEvent {
  return {
    family: 'permit',
    eventId: requireNonEmpty('event_id', f.eventId),
    eventTimeMs: eventTimeMs(f),
    source: f.source,
    location: location(f),
    permitId: requireNonEmpty('permit_id', f.permitId),
    projectName: f.projectName,
    stage: enumValue(t.permitStage, 'stage', f.permitStage),
  };
}

function caseEvent(f: Fields, t: Tables): CaseEvent {
  return {
    family: 'case',
    eventId: requireNonEmpty('event_id', f.eventId),
    eventTimeMs: eventTimeMs(f),
    source: f.source,
    location: location(f),
    caseId: requireNonEmpty('service_request_id', f.serviceRequestId),
    stage: enumValue(t.caseStage, 'stage', f.caseStage),
    serviceCode: requireNonEmpty('service_code', f.serviceCode),
    urgency: enumValue(t.caseUrgency, 'urgency', f.urgency),
    channel: enumValue(t.caseChannel, 'channel', f.channel),
    description: f.caseDescription,
  };
}

/**
 * Protobuf bytes of an input event of `family` (`TrafficEvent`, `PermitEvent` or `CaseEvent`)
 * straight to the checked domain event: the same event, or the same violation, as
 * `eventFromWire(family, wireFromProtobuf(type, bytes))`, without building the wire object.
 *
 * @throws Violation (`malformed-protobuf` when the bytes do not decode, else the contract's).
 */
export function eventFromProtobuf(family: EventFamily, bytes: Uint8Array): CityEvent {
  const t = tables();
  const f = fields;
  f.reset();
  try {
    const r = Reader.create(bytes);
    switch (family) {
      case 'traffic':
        readTrafficEvent(r, f);
        break;
      case 'permit':
        readPermitEvent(r, f);
        break;
      case 'case':
        readCaseEvent(r, f);
        break;
    }
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Violation('malformed-protobuf', undefined, `not a ${t.typeNames[family]}: ${detail}`, {
      cause: err,
    });
  }
  f.decoded = true;
  switch (family) {
    case 'traffic':
      return trafficEvent(f, t);
    case 'permit':
      return permitEvent(f, t);
    case 'case':
      return caseEvent(f, t);
  }
}

/**
 * The `event_id` of the record {@link eventFromProtobuf} last read, when its bytes decoded and the
 * id is not empty: a rejected event's id, to correlate the dead letter with its source.
 */
export function eventIdOfLastProtobufEvent(): string | undefined {
  return fields.decoded && fields.eventId !== '' ? fields.eventId : undefined;
}
