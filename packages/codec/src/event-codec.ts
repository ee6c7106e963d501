import type { CityEvent, EventFamily } from '@citybrain/domain';
import {
  TYPE_NAMES,
  type WireCaseEvent,
  type WirePermitEvent,
  type WireTrafficEvent,
} from '@citybrain/proto';
import {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPES,
  formatOfContentType,
  headerValue,
  type RecordFormat,
} from './content-type';
import { InvalidEventError } from './errors';
import { caseEventFromWire, permitEventFromWire, trafficEventFromWire } from './event-from-wire';
import { eventToWire } from './event-to-wire';
import { eventFromProtobuf, eventIdOfLastProtobufEvent } from './protobuf-event-reader';
import { familyOfTopic, TOPIC_BY_FAMILY } from './topics';
import { Violation } from './violation';
import { messageType, wireFromJson, wireFromProtobuf, wireToJson, wireToProtobuf } from './wire-message';

/** A Kafka record as the consumer hands it over; header values already decoded as UTF-8. */
export interface EventRecord {
  readonly topic: string;
  /** `null` for a tombstone. */
  readonly value: Uint8Array | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Result of {@link decodeEvent}. */
export type DecodeEventResult =
  | { readonly ok: true; readonly event: CityEvent }
  | { readonly ok: false; readonly error: InvalidEventError };

/** The value and headers of a Kafka record carrying an event. */
export interface EncodedRecord {
  readonly value: Uint8Array;
  /** `content-type` of the chosen format. */
  readonly headers: Record<string, string>;
}

const TYPE_NAME_BY_FAMILY: Readonly<Record<EventFamily, string>> = {
  traffic: TYPE_NAMES.trafficEvent,
  permit: TYPE_NAMES.permitEvent,
  case: TYPE_NAMES.caseEvent,
};

function eventFromWire(family: EventFamily, wire: unknown): CityEvent {
  switch (family) {
    case 'traffic':
      return trafficEventFromWire(wire as WireTrafficEvent);
    case 'permit':
      return permitEventFromWire(wire as WirePermitEvent);
    case 'case':
      return caseEventFromWire(wire as WireCaseEvent);
  }
}

function eventIdOf(wire: unknown): string | undefined {
  const eventId = (wire as { eventId?: unknown } | null)?.eventId;
  return typeof eventId === 'string' && eventId !== '' ? eventId : undefined;
}

// Module level, not a closure per call: decodeEvent runs once per input record.
function rejected(topic: string, violation: Violation, eventId?: string): DecodeEventResult {
  return {
    ok: false,
    error: new InvalidEventError({
      ...violation.details(),
      topic,
      ...(eventId === undefined ? {} : { eventId }),
    }),
  };
}

/**
 * Decodes and validates a record of an input topic into a domain event. The `content-type` header
 * selects protobuf (`application/x-protobuf`, the default when absent) or the protobuf JSON
 * mapping (`application/json`, camelCase or snake_case names); both are checked against the same
 * contract. Never throws on input: a bad record gives `{ ok: false, error }` whose `reason` is
 * stable and whose `message` names the field.
 *
 * Protobuf records take a fast path that reads the bytes straight into the domain event; it gives
 * exactly what the general path gives (see `protobuf-event-reader.ts` and its property test).
 */
export function decodeEvent(record: EventRecord): DecodeEventResult {
  return decodeRecord(record, true);
}

/**
 * {@link decodeEvent} through the general protobuf path (`Type.decode` → `Type.toObject` →
 * `eventFromWire`), which the fast path must match result for result. Internal: the reference
 * of the equivalence property test, not exported from the package entry.
 */
export function referenceDecodeEvent(record: EventRecord): DecodeEventResult {
  return decodeRecord(record, false);
}

function decodeRecord(record: EventRecord, fast: boolean): DecodeEventResult {
  const { topic } = record;

  const family = familyOfTopic(topic);
  if (family === undefined)
    return rejected(topic, new Violation('unknown-topic', undefined, `${topic} is not an input topic`));
  if (record.value === null || record.value.length === 0) {
    return rejected(
      topic,
      new Violation(
        'empty-value',
        undefined,
        record.value === null ? 'tombstone (null value)' : 'empty value',
      ),
    );
  }
  const contentType = headerValue(record.headers, CONTENT_TYPE_HEADER);
  const format = formatOfContentType(contentType);
  if (format === undefined) {
    return rejected(
      topic,
      new Violation('unsupported-content-type', CONTENT_TYPE_HEADER, `${contentType} is not supported`),
    );
  }

  if (format === 'protobuf' && fast) {
    // 90 % of the input: read the bytes straight into the domain event (protobuf-event-reader.ts).
    try {
      return { ok: true, event: eventFromProtobuf(family, record.value) };
    } catch (err: unknown) {
      if (err instanceof Violation) return rejected(topic, err, eventIdOfLastProtobufEvent());
      throw err; // a defect of this package, not of the record
    }
  }

  let wire: unknown;
  try {
    const type = messageType(TYPE_NAME_BY_FAMILY[family]);
    wire = format === 'json' ? wireFromJson(type, record.value) : wireFromProtobuf(type, record.value);
    return { ok: true, event: eventFromWire(family, wire) };
  } catch (err: unknown) {
    if (err instanceof Violation) return rejected(topic, err, eventIdOf(wire));
    throw err; // a defect of this package, not of the record
  }
}

/**
 * Encodes a domain event as the value and headers of a record for its family's topic
 * (`TOPIC_BY_FAMILY[event.family]`), in protobuf (default) or protobuf JSON.
 * `decodeEvent` of the result gives back an equal event.
 */
export function encodeEvent(event: CityEvent, format: RecordFormat = 'protobuf'): EncodedRecord {
  const type = messageType(TYPE_NAME_BY_FAMILY[event.family]);
  const wire = eventToWire(event);
  return {
    value: format === 'json' ? wireToJson(type, wire) : wireToProtobuf(type, wire),
    headers: { [CONTENT_TYPE_HEADER]: CONTENT_TYPES[format] },
  };
}

/** The topic an event is published on. */
export function topicOfEvent(event: CityEvent): string {
  return TOPIC_BY_FAMILY[event.family];
}
