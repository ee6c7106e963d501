import { LOADER_OPTIONS, protobufRoot } from '@citybrain/proto';
import type { Type } from 'protobufjs';
import { fromProtoJson, toProtoJson } from './proto-json';
import { Violation } from './violation';

// The two record formats meet here: both end in the object shape that
// `type.toObject(message, LOADER_OPTIONS)` gives, which is also what gRPC hands out.

const types = new Map<string, Type>();

/** The protobufjs type of a fully qualified message name, cached. */
export function messageType(fullName: string): Type {
  let type = types.get(fullName);
  if (type === undefined) {
    type = protobufRoot().lookupType(fullName);
    types.set(fullName, type);
  }
  return type;
}

/**
 * Protobuf bytes to the wire object shape.
 *
 * @throws Violation (`malformed-protobuf`) when the bytes are not a message of `type`.
 */
export function wireFromProtobuf(type: Type, bytes: Uint8Array): unknown {
  try {
    return type.toObject(type.decode(bytes), LOADER_OPTIONS);
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Violation('malformed-protobuf', undefined, `not a ${type.name}: ${detail}`, { cause: err });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Protobuf-JSON bytes to the wire object shape, through the same `fromObject` → `toObject` path
 * as the binary format.
 *
 * @throws Violation (`malformed-json` for text that is not a JSON object, `invalid-field` for a
 *   field of the wrong type).
 */
export function wireFromJson(type: Type, bytes: Uint8Array): unknown {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Violation('malformed-json', undefined, detail, { cause: err });
  }
  const plain = fromProtoJson(type, json);
  const problem = type.verify(plain);
  if (problem !== null) throw new Violation('invalid-field', undefined, problem);
  return type.toObject(type.fromObject(plain), LOADER_OPTIONS);
}

/** A wire object (permissive input shape) to protobuf bytes. */
export function wireToProtobuf(type: Type, wire: object): Uint8Array {
  return type.encode(type.fromObject(wire)).finish();
}

const utf8Encoder = new TextEncoder();

/** A wire object (permissive input shape) to protobuf-JSON bytes. */
export function wireToJson(type: Type, wire: object): Uint8Array {
  const object = type.toObject(type.fromObject(wire), { longs: String, enums: String });
  return utf8Encoder.encode(JSON.stringify(toProtoJson(type, object)));
}
