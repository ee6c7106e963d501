import type { Enum, Field, Type } from 'protobufjs';
import { formatRfc3339, parseRfc3339 } from './timestamp';
import { Violation } from './violation';

// The protobuf JSON mapping (proto3) on top of protobufjs reflection. protobufjs' own
// `fromObject` is lenient (it silently drops unknown enum names and cannot read RFC 3339
// timestamps or snake_case names), so JSON records are first normalised here into the plain
// object `Type.verify` / `Type.fromObject` expect, with every type mismatch reported by field.

const TIMESTAMP = '.google.protobuf.Timestamp';
const INT32_RANGE = {
  int32: [-0x8000_0000, 0x7fff_ffff],
  sint32: [-0x8000_0000, 0x7fff_ffff],
  sfixed32: [-0x8000_0000, 0x7fff_ffff],
  uint32: [0, 0xffff_ffff],
  fixed32: [0, 0xffff_ffff],
} as const;
const INT64_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

// Field names are looked up for every field of every JSON record: computed once per field.
const protoNames = new WeakMap<Field, string>();

/** The proto (snake_case) name of a field loaded with camelCase names. */
export function protoName(field: Field): string {
  let name = protoNames.get(field);
  if (name === undefined) {
    name = field.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    protoNames.set(field, name);
  }
  return name;
}

// `ReflectionObject.fullName` is a getter that joins the parents' names on every call (10 % of a
// JSON record's decoding when read per field): whether a type is the Timestamp is remembered.
const timestampTypes = new WeakMap<Type, boolean>();

function isTimestamp(type: Type): boolean {
  let is = timestampTypes.get(type);
  if (is === undefined) {
    is = type.fullName === TIMESTAMP;
    timestampTypes.set(type, is);
  }
  return is;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnum(resolved: Type | Enum | null): resolved is Enum {
  return resolved !== null && 'values' in resolved;
}

const typeNameOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function invalid(path: string, detail: string): Violation {
  return new Violation('invalid-field', path, detail);
}

function numberFromJson(path: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw invalid(path, `number expected, got ${typeNameOf(value)} ${JSON.stringify(value)}`);
}

function scalarFromJson(field: Field, path: string, value: unknown): unknown {
  switch (field.type) {
    case 'string':
      if (typeof value === 'string') return value;
      throw invalid(path, `string expected, got ${typeNameOf(value)}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw invalid(path, `boolean expected, got ${typeNameOf(value)}`);
    case 'bytes':
      if (typeof value === 'string') return value; // base64; fromObject decodes it
      throw invalid(path, `base64 string expected, got ${typeNameOf(value)}`);
    case 'double':
    case 'float':
      return numberFromJson(path, value);
    default: {
      const number = numberFromJson(path, value);
      if (!Number.isInteger(number)) throw invalid(path, `integer expected, got ${String(value)}`);
      const range = INT32_RANGE[field.type as keyof typeof INT32_RANGE] as
        readonly [number, number] | undefined;
      if (range !== undefined && (number < range[0] || number > range[1])) {
        throw invalid(path, `${number} is outside the range of ${field.type}`);
      }
      if (INT64_TYPES.has(field.type) && !Number.isSafeInteger(number)) {
        throw invalid(path, `${String(value)} is too large`);
      }
      return number;
    }
  }
}

function valueFromJson(field: Field, path: string, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved === null) return scalarFromJson(field, path, value);
  if (isEnum(resolved)) {
    if (typeof value === 'string') {
      const number = resolved.values[value];
      if (number === undefined)
        throw invalid(path, `unknown ${resolved.name} value ${JSON.stringify(value)}`);
      return number;
    }
    if (typeof value === 'number' && Number.isInteger(value) && resolved.valuesById[value] !== undefined)
      return value;
    throw invalid(path, `${resolved.name} name expected, got ${JSON.stringify(value)}`);
  }
  if (isTimestamp(resolved)) {
    if (typeof value !== 'string')
      throw invalid(path, `RFC 3339 timestamp string expected, got ${typeNameOf(value)}`);
    const parts = parseRfc3339(value);
    if (parts === undefined) throw invalid(path, `${JSON.stringify(value)} is not an RFC 3339 timestamp`);
    return parts;
  }
  return fromProtoJson(resolved, value, path);
}

/**
 * Normalises a parsed protobuf-JSON value of message `type` into the plain object that
 * `type.verify` and `type.fromObject` accept: camelCase or snake_case keys become the loaded
 * (camelCase) names, enum names become numbers, RFC 3339 strings become timestamps, numeric
 * strings become numbers. `null` means absent and unknown keys are ignored, as a binary decoder
 * ignores unknown fields.
 *
 * @throws Violation (`invalid-field`) naming the first offending field by its proto path.
 */
export function fromProtoJson(type: Type, json: unknown, path = ''): Record<string, unknown> {
  if (!isPlainObject(json)) {
    throw path === ''
      ? new Violation('malformed-json', undefined, `a JSON object expected, got ${typeNameOf(json)}`)
      : invalid(path, `object expected, got ${typeNameOf(json)}`);
  }
  const out: Record<string, unknown> = {};
  const seen = new Map<string, string>();
  for (const field of type.fieldsArray) {
    const name = protoName(field);
    const fieldPath = path === '' ? name : `${path}.${name}`;
    // The loaded (camelCase) name or the proto name; `null` means absent. No array per field.
    const camel = field.name;
    const hasCamel = Object.hasOwn(json, camel) && json[camel] !== null;
    const hasProto = name !== camel && Object.hasOwn(json, name) && json[name] !== null;
    if (hasCamel && hasProto) throw invalid(fieldPath, `given twice, as ${camel} and ${name}`);
    const key = hasCamel ? camel : hasProto ? name : undefined;
    if (key === undefined) continue;
    const value = json[key];
    if (field.map) {
      if (!isPlainObject(value)) throw invalid(fieldPath, `object expected, got ${typeNameOf(value)}`);
      const map: Record<string, unknown> = {};
      for (const [mapKey, mapValue] of Object.entries(value)) {
        map[mapKey] = valueFromJson(field, `${fieldPath}[${JSON.stringify(mapKey)}]`, mapValue);
      }
      out[field.name] = map;
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw invalid(fieldPath, `array expected, got ${typeNameOf(value)}`);
      out[field.name] = value.map((item: unknown, index) =>
        valueFromJson(field, `${fieldPath}[${index}]`, item),
      );
    } else {
      out[field.name] = valueFromJson(field, fieldPath, value);
    }
    if (field.partOf !== null) {
      const other = seen.get(field.partOf.name);
      if (other !== undefined)
        throw invalid(fieldPath, `${other} is set too, but only one of ${field.partOf.name} may be`);
      seen.set(field.partOf.name, name);
    }
  }
  return out;
}

function valueToJson(field: Field, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved === null || isEnum(resolved)) {
    return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  }
  if (isTimestamp(resolved)) {
    const timestamp = value as { seconds?: string | number; nanos?: number };
    return formatRfc3339({ seconds: Number(timestamp.seconds ?? 0), nanos: timestamp.nanos ?? 0 });
  }
  return toProtoJson(resolved, value as Record<string, unknown>);
}

/**
 * Writes the protobuf JSON mapping of an object that `type.toObject` produced with
 * `{ longs: String, enums: String }` (no defaults, no virtual oneof fields): camelCase names,
 * enum names, RFC 3339 timestamps, `"NaN"` / `"Infinity"` for non-finite numbers.
 */
export function toProtoJson(type: Type, object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    if (field.map) {
      out[field.name] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          valueToJson(field, item),
        ]),
      );
    } else if (field.repeated) {
      out[field.name] = (value as unknown[]).map((item) => valueToJson(field, item));
    } else {
      out[field.name] = valueToJson(field, value);
    }
  }
  return out;
}
