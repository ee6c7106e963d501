import { CONTENT_TYPE_HEADER, CONTENT_TYPES, encodeEvent, type RecordFormat } from '@citybrain/codec';
import type { CityEvent } from '@citybrain/domain';
import type { OutgoingRecord } from '@citybrain/kafka';

/** FNV-1a, 32 bits: a stable hash so that a record's format depends on its id only. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The format of an event's record: JSON for about `jsonFraction` of the events, chosen by a hash of the
 * event id (no randomness, so a rerun with the same seed sends the same bytes).
 */
export function formatOf(eventId: string, jsonFraction: number): RecordFormat {
  return fnv1a(eventId) / 2 ** 32 < jsonFraction ? 'json' : 'protobuf';
}

/** The Kafka record of an event on its family's topic (`topic`, which may carry a suffix), keyed by grid. */
export function eventRecord(
  event: CityEvent,
  topic: string,
  key: string,
  format: RecordFormat,
): OutgoingRecord {
  const { value, headers } = encodeEvent(event, format);
  return { topic, key, value, headers };
}

/**
 * A malformed record standing next to `event` on the same topic and key, to exercise the processor's
 * dead-letter path. Odd `n` gives garbage bytes announced as protobuf (a length-delimited field cut short
 * inside its length varint); even `n` gives the event's protobuf JSON without its `eventTime`.
 */
export function malformedRecord(n: number, event: CityEvent, topic: string, key: string): OutgoingRecord {
  if (n % 2 === 1) {
    return {
      topic,
      key,
      value: Buffer.from([0x0a, 0xff, 0xff, 0xff]),
      headers: { [CONTENT_TYPE_HEADER]: CONTENT_TYPES.protobuf, 'x-citybrain-simulated': 'malformed' },
    };
  }
  const json = JSON.parse(Buffer.from(encodeEvent(event, 'json').value).toString('utf8')) as Record<
    string,
    unknown
  >;
  delete json['eventTime'];
  delete json['event_time'];
  return {
    topic,
    key,
    value: Buffer.from(JSON.stringify(json)),
    headers: { [CONTENT_TYPE_HEADER]: CONTENT_TYPES.json, 'x-citybrain-simulated': 'malformed' },
  };
}
