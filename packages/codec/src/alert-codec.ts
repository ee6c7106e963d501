import type { Alert } from '@citybrain/domain';
import { TYPE_NAMES, type WireAlert } from '@citybrain/proto';
import { alertToWire, parseWireAlert } from './alert-wire';
import {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPES,
  formatOfContentType,
  headerValue,
  type RecordFormat,
} from './content-type';
import { InvalidAlertError } from './errors';
import { Violation } from './violation';
import { messageType, wireFromJson, wireFromProtobuf, wireToJson, wireToProtobuf } from './wire-message';

/** Result of {@link decodeAlert}. */
export type DecodeAlertResult =
  { readonly ok: true; readonly alert: Alert } | { readonly ok: false; readonly error: InvalidAlertError };

/**
 * Encodes an alert as a `citybrain.v1.Alert`: protobuf (default), or its protobuf JSON mapping
 * (camelCase names, enum names, RFC 3339 timestamps), the value of a `city.alerts.v1` record.
 */
export function encodeAlert(alert: Alert, format: RecordFormat = 'protobuf'): Uint8Array {
  const type = messageType(TYPE_NAMES.alert);
  const wire = alertToWire(alert);
  return format === 'json' ? wireToJson(type, wire) : wireToProtobuf(type, wire);
}

/** Decodes and checks a `citybrain.v1.Alert` in `format` (default protobuf). Never throws on input. */
export function decodeAlert(bytes: Uint8Array | null, format: RecordFormat = 'protobuf'): DecodeAlertResult {
  try {
    if (bytes === null || bytes.length === 0) throw new Violation('empty-value', undefined, 'empty value');
    const type = messageType(TYPE_NAMES.alert);
    const wire = (format === 'json' ? wireFromJson(type, bytes) : wireFromProtobuf(type, bytes)) as WireAlert;
    return { ok: true, alert: parseWireAlert(wire) };
  } catch (err: unknown) {
    if (err instanceof Violation) return { ok: false, error: new InvalidAlertError(err.details()) };
    throw err;
  }
}

/**
 * Headers of an alert record, so that a reader (kcat, a Kafka UI, a consumer that routes) can filter
 * without decoding the value. Values are the domain's words (`firing`, `high`, grid and area ids).
 */
export const ALERT_HEADERS = {
  alertId: 'x-citybrain-alert-id',
  rule: 'x-citybrain-rule',
  status: 'x-citybrain-status',
  severity: 'x-citybrain-severity',
  grid: 'x-citybrain-grid',
  area: 'x-citybrain-area',
} as const;

/** A record of the alerts topic, ready for a producer (structurally a `@citybrain/kafka` record). */
export interface AlertRecord {
  readonly topic: string;
  /**
   * The alert's area: an area's alerts and its grids' alerts share a partition, so every reader sees
   * them in the order the processor decided them (inhibition — an area alert muting its grids' —
   * then never depends on which partition a reader happens to read first); one alert's messages stay
   * in order too.
   */
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The record that publishes `alert` on the alerts topic in `format` (`CITYBRAIN_ALERTS_FORMAT`):
 * keyed by area, `content-type` naming the format, and the {@link ALERT_HEADERS}. Every
 * writer of alerts (the processor, tests, tools) builds its records here; readers use
 * {@link decodeAlertRecord}.
 */
export function alertRecord(topic: string, alert: Alert, format: RecordFormat = 'protobuf'): AlertRecord {
  return {
    topic,
    key: alert.areaId,
    value: encodeAlert(alert, format),
    headers: {
      [CONTENT_TYPE_HEADER]: CONTENT_TYPES[format],
      [ALERT_HEADERS.alertId]: alert.alertId,
      [ALERT_HEADERS.rule]: alert.rule,
      [ALERT_HEADERS.status]: alert.status,
      [ALERT_HEADERS.severity]: alert.severity,
      [ALERT_HEADERS.grid]: alert.gridId,
      [ALERT_HEADERS.area]: alert.areaId,
    },
  };
}

/** A record of the compacted active-alerts view: the alert, or a tombstone once it resolved. */
export interface ActiveAlertRecord {
  readonly topic: string;
  /** The alert id: compaction keeps each alert's latest message, and deletes it once resolved. */
  readonly key: string;
  readonly value: Uint8Array | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The record that keeps the active-alerts view (a compacted topic) in step with an alert message:
 * a firing alert's message keyed by its id (format and headers as on the alerts topic), and a
 * tombstone when it resolves, so the view holds exactly the firing alerts — what a reader needs to
 * start without reading the whole alerts topic. Read it with {@link decodeAlertRecord}.
 */
export function activeAlertRecord(
  topic: string,
  alert: Alert,
  format: RecordFormat = 'protobuf',
): ActiveAlertRecord {
  if (alert.status === 'resolved')
    return { topic, key: alert.alertId, value: null, headers: { [ALERT_HEADERS.alertId]: alert.alertId } };
  return { ...alertRecord(topic, alert, format), key: alert.alertId };
}

/**
 * Decodes an alerts-topic record whatever its format: the `content-type` header picks protobuf
 * (also when absent, as records written before the header existed) or JSON. Never throws on input;
 * an unknown content type is an `invalid-field` error naming the header.
 */
export function decodeAlertRecord(record: {
  readonly value: Uint8Array | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
}): DecodeAlertResult {
  const contentType = headerValue(record.headers, CONTENT_TYPE_HEADER);
  const format = formatOfContentType(contentType);
  if (format === undefined)
    return {
      ok: false,
      error: new InvalidAlertError(
        new Violation(
          'unsupported-content-type',
          CONTENT_TYPE_HEADER,
          `unsupported content-type ${JSON.stringify(contentType)}`,
        ).details(),
      ),
    };
  return decodeAlert(record.value, format);
}
