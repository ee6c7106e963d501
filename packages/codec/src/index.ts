/**
 * Kafka record codecs of citybrain: wire messages (`@citybrain/proto`) ↔ domain objects
 * (`@citybrain/domain`). Decoding validates: a bad record comes back as an `InvalidEventError`
 * with a stable `reason`, ready for the dead-letter topic. No I/O.
 *
 * @example
 * ```ts
 * import { decodeEvent, encodeEvent, deadLetterHeaders, TOPICS, TOPIC_BY_FAMILY } from '@citybrain/codec';
 *
 * const { value, headers } = encodeEvent(event, 'json'); // producer side (simulator)
 * await producer.send({ topic: TOPIC_BY_FAMILY[event.family], messages: [{ key: event.eventId, value, headers }] });
 *
 * const result = decodeEvent({ topic: TOPICS.traffic, value: message.value, headers }); // consumer side
 * if (!result.ok) {
 *   const { reason, message: why, topic, eventId } = result.error;
 *   const dlq = deadLetterHeaders({ reason, message: why, topic, partition, offset: message.offset, eventId });
 *   // publish the original key and value to TOPICS.deadLetter with { ...headers, ...dlq }
 * }
 * ```
 */
export { TOPICS, TOPIC_BY_FAMILY, INPUT_TOPICS, familyOfTopic, type Topic } from './topics';
export {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPES,
  formatOfContentType,
  headerValue,
  type RecordFormat,
} from './content-type';
export {
  decodeEvent,
  encodeEvent,
  topicOfEvent,
  type DecodeEventResult,
  type EncodedRecord,
  type EventRecord,
} from './event-codec';
export { eventToWire, type WireEventInput } from './event-to-wire';
export { EVENT_TIME_RANGE_MS } from './field-checks';
export { MAX_SPEED_KMH } from './event-from-wire';
export {
  ALERT_HEADERS,
  activeAlertRecord,
  alertRecord,
  decodeAlert,
  decodeAlertRecord,
  encodeAlert,
  type ActiveAlertRecord,
  type AlertRecord,
  type DecodeAlertResult,
} from './alert-codec';
export { alertToWire, alertFromWire } from './alert-wire';
export { severityToWire, severityFromWire, alertKindToWire, alertKindFromWire } from './enum-codec';
export {
  DEAD_LETTER_HEADERS,
  MAX_DEAD_LETTER_MESSAGE_LENGTH,
  deadLetterHeaders,
  parseDeadLetterHeaders,
  type DeadLetterInfo,
} from './dead-letter';
export {
  CodecError,
  InvalidEventError,
  InvalidAlertError,
  INVALID_RECORD_REASONS,
  type CodecErrorCode,
  type InvalidRecordReason,
  type InvalidRecordDetails,
} from './errors';
export {
  gridStateRecord,
  decodeGridStateRecord,
  type GridWindow,
  type GridStateRecord,
} from './grid-state-codec';
export {
  caseViewKey,
  openCaseRecord,
  closedCaseRecord,
  decodeOpenCaseRecord,
  type CaseViewRecord,
} from './case-view-codec';
export { kpiFactRecord, decodeKpiFactRecord, type KpiFact, type KpiFactRecord } from './kpi-fact-codec';
