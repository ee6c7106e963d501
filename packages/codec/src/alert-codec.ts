import type { Alert } from '@citybrain/domain';
import { TYPE_NAMES, type WireAlert } from '@citybrain/proto';
import { alertToWire, parseWireAlert } from './alert-wire';
import { InvalidAlertError } from './errors';
import { Violation } from './violation';
import { messageType, wireFromProtobuf, wireToProtobuf } from './wire-message';

/** Result of {@link decodeAlert}. */
export type DecodeAlertResult =
  { readonly ok: true; readonly alert: Alert } | { readonly ok: false; readonly error: InvalidAlertError };

/** Encodes an alert as a protobuf `citybrain.v1.Alert` (the value of a `city.alerts.v1` record). */
export function encodeAlert(alert: Alert): Uint8Array {
  return wireToProtobuf(messageType(TYPE_NAMES.alert), alertToWire(alert));
}

/** Decodes and checks a protobuf `citybrain.v1.Alert`. Never throws on input. */
export function decodeAlert(bytes: Uint8Array | null): DecodeAlertResult {
  try {
    if (bytes === null || bytes.length === 0) throw new Violation('empty-value', undefined, 'empty value');
    const wire = wireFromProtobuf(messageType(TYPE_NAMES.alert), bytes) as WireAlert;
    return { ok: true, alert: parseWireAlert(wire) };
  } catch (err: unknown) {
    if (err instanceof Violation) return { ok: false, error: new InvalidAlertError(err.details()) };
    throw err;
  }
}
