import type { EventFamily } from '@citybrain/domain';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvalidRecordReason } from './errors';
import { decodeEvent, referenceDecodeEvent, type DecodeEventResult } from './event-codec';
import { TOPIC_BY_FAMILY } from './topics';

// The fast protobuf path (protobuf-event-reader.ts) against the general one it replaces
// (`Type.decode` → `Type.toObject` → `eventFromWire`): for any bytes, the same event or the same
// rejection (reason, field, message, event id, cause). The generator writes wire fields one by one
// so that it can also write what no encoder would: missing, repeated and unknown fields, wrong
// wire types, groups, both members of a oneof, out-of-range numbers, unknown enum numbers,
// invalid UTF-8 — and then truncates or corrupts the bytes.

const { Writer } = protobuf;
type Writer = protobuf.Writer;

type FieldKind = 'string' | 'int32' | 'enum' | 'double' | 'int64' | { readonly message: Schema };
type Schema = Readonly<Record<number, FieldKind>>;

const TIMESTAMP: Schema = { 1: 'int64', 2: 'int32' };
const POINT: Schema = { 1: 'double', 2: 'double' };
const LOCATION: Schema = { 1: 'string', 2: { message: POINT } };
const ENVELOPE: Schema = { 1: 'string', 2: { message: TIMESTAMP }, 3: 'string', 4: { message: LOCATION } };
const OBSERVATION: Schema = { 1: 'string', 2: 'enum', 3: 'int32', 4: 'int32', 5: 'double', 6: 'double' };
const INCIDENT: Schema = {
  1: 'string',
  2: 'enum',
  3: 'enum',
  4: 'int32',
  5: 'int32',
  6: 'int32',
  7: 'string',
};
const SCHEMAS: Readonly<Record<EventFamily, Schema>> = {
  traffic: { ...ENVELOPE, 10: { message: OBSERVATION }, 11: { message: INCIDENT } },
  permit: { ...ENVELOPE, 10: 'string', 11: 'string', 12: 'enum' },
  case: { ...ENVELOPE, 10: 'string', 11: 'enum', 12: 'string', 13: 'enum', 14: 'enum', 15: 'string' },
};

/** The oneof members of each message that has one, by field number. */
const ONEOFS = new Map<Schema, readonly number[]>([
  [LOCATION, [1, 2]],
  [SCHEMAS.traffic, [10, 11]],
]);

/** A write of one field (tag and value) into a writer. */
type Write = (w: Writer) => void;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;

const tag = (w: Writer, field: number, wireType: number): Writer => w.uint32(((field << 3) | wireType) >>> 0);

const Y2000_S = Date.UTC(2000, 0, 1) / 1000;
const Y2101_S = Date.UTC(2101, 0, 1) / 1000;

const cleanText = fc.constantFrom('seg-1', 'id-7', 'LG-A1-G03', '路面施工');
const text = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('seg-1', 'id-7', 'LG-A1-G03', '路面施工') },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
);

/**
 * A value of a known field: in a clean message always a valid one (every enum accepts 1 and 2,
 * every double field 0..1), in a noisy one often an invalid one too.
 */
function valueWrite(field: number, kind: FieldKind, depth: number, noisy: boolean): fc.Arbitrary<Write> {
  if (typeof kind === 'object') {
    return messageBytes(kind.message, depth + 1, noisy).map(
      (bytes) => (w: Writer) => void tag(w, field, WIRE_BYTES).bytes(bytes),
    );
  }
  switch (kind) {
    case 'string':
      if (!noisy) return cleanText.map((s) => (w: Writer) => void tag(w, field, WIRE_BYTES).string(s));
      return fc.oneof(
        { weight: 8, arbitrary: text.map((s) => (w: Writer) => void tag(w, field, WIRE_BYTES).string(s)) },
        // Any bytes, invalid UTF-8 included.
        {
          weight: 1,
          arbitrary: fc
            .uint8Array({ maxLength: 6 })
            .map((b) => (w: Writer) => void tag(w, field, WIRE_BYTES).bytes(b)),
        },
      );
    case 'int32':
      return (
        noisy
          ? fc.oneof(
              { weight: 3, arbitrary: fc.integer({ min: 0, max: 200 }) },
              { weight: 1, arbitrary: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }) },
            )
          : fc.integer({ min: 0, max: 200 })
      ).map((n) => (w: Writer) => void tag(w, field, WIRE_VARINT).int32(n));
    case 'enum':
      return (
        noisy
          ? fc.oneof(
              { weight: 4, arbitrary: fc.integer({ min: 0, max: 8 }) },
              { weight: 1, arbitrary: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }) },
            )
          : fc.integer({ min: 1, max: 2 })
      ).map((n) => (w: Writer) => void tag(w, field, WIRE_VARINT).int32(n));
    case 'double':
      return (
        noisy
          ? fc.oneof(
              { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
              { weight: 2, arbitrary: fc.double({ min: -200, max: 400, noNaN: true }) },
              { weight: 1, arbitrary: fc.double() }, // NaN, ±Infinity, -0 included
            )
          : fc.double({ min: 0, max: 1, noNaN: true })
      ).map((x) => (w: Writer) => void tag(w, field, WIRE_FIXED64).double(x));
    case 'int64':
      return (
        noisy
          ? fc.oneof(
              { weight: 4, arbitrary: fc.integer({ min: Y2000_S - 100, max: Y2101_S + 100 }).map(BigInt) },
              { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
              { weight: 1, arbitrary: fc.constantFrom(2n ** 53n, -(2n ** 53n), 2n ** 53n - 1n, 0n, -1n) },
            )
          : fc.integer({ min: Y2000_S, max: Y2101_S - 1 }).map(BigInt)
      ).map((s) => (w: Writer) => void tag(w, field, WIRE_VARINT).int64(s.toString()));
  }
}

/** A field that is not in the schema, or a known field number with any wire type. */
function strayWrite(schema: Schema): fc.Arbitrary<Write> {
  const known = Object.keys(schema).map(Number);
  const anyNumber = fc.oneof(
    fc.integer({ min: 1, max: 20 }),
    fc.constantFrom(...known),
    fc.integer({ min: 1, max: 0x1fff_ffff }),
  );
  return fc.oneof(
    fc.tuple(anyNumber, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(
      ([n, v]) =>
        (w: Writer) =>
          void tag(w, n, WIRE_VARINT).uint64(v.toString()),
    ),
    fc.tuple(anyNumber, fc.double()).map(
      ([n, v]) =>
        (w: Writer) =>
          void tag(w, n, WIRE_FIXED64).double(v),
    ),
    fc.tuple(anyNumber, fc.uint8Array({ maxLength: 8 })).map(
      ([n, v]) =>
        (w: Writer) =>
          void tag(w, n, WIRE_BYTES).bytes(v),
    ),
    fc.tuple(anyNumber, fc.integer({ min: 0, max: 0xffff_ffff })).map(
      ([n, v]) =>
        (w: Writer) =>
          void tag(w, n, WIRE_FIXED32).fixed32(v),
    ),
    // A group with a varint inside, closed (or not) by its end tag.
    fc.tuple(anyNumber, fc.nat(1000), fc.boolean()).map(([n, v, closed]) => (w: Writer) => {
      tag(w, n, WIRE_START_GROUP);
      tag(w, 1, WIRE_VARINT).uint32(v);
      if (closed) tag(w, n, WIRE_END_GROUP);
    }),
    // Invalid wire types 6 and 7, and a stray end-group tag.
    fc.tuple(anyNumber, fc.constantFrom(WIRE_END_GROUP, 6, 7)).map(
      ([n, wireType]) =>
        (w: Writer) =>
          void tag(w, n, wireType),
    ),
  );
}

/**
 * A message's bytes: its fields in order — in a clean message all of them (but one member of each
 * oneof, as an encoder writes it), in a noisy one each maybe, plus repeated known fields and stray
 * fields at any place.
 */
function messageBytes(schema: Schema, depth: number, noisy: boolean): fc.Arbitrary<Uint8Array> {
  const entries = Object.entries(schema).map(([n, kind]) => [Number(n), kind] as const);
  const fields = entries.map(([n, kind]) =>
    noisy
      ? fc.option(valueWrite(n, kind, depth, noisy), { freq: 6, nil: undefined })
      : valueWrite(n, kind, depth, noisy),
  );
  const extra =
    noisy && depth <= 2
      ? fc.array(
          fc.tuple(
            fc.oneof(
              strayWrite(schema),
              fc.oneof(...entries.map(([n, kind]) => valueWrite(n, kind, depth, noisy))),
            ),
            fc.nat(),
          ),
          { maxLength: 3 },
        )
      : fc.constant([]);
  const oneofs = ONEOFS.get(schema) ?? [];
  // A clean message may still lack one field (a missing id, time, location, payload or enum).
  const drop = noisy ? fc.constant(-1) : fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, fc.nat());
  return fc.tuple(fc.tuple(...fields), extra, fc.nat(), drop).map(([known, stray, pick, dropped]) => {
    const writes: Write[] = [];
    for (const [i, write] of known.entries()) {
      if (write === undefined || (dropped >= 0 && i === dropped % known.length)) continue;
      // A clean message sets one member of a oneof only.
      const member = oneofs.indexOf(entries[i]![0]);
      if (!noisy && member >= 0 && member !== pick % oneofs.length) continue;
      writes.push(write);
    }
    for (const [write, at] of stray) writes.splice(at % (writes.length + 1), 0, write);
    const w = Writer.create();
    for (const write of writes) write(w);
    return w.finish();
  });
}

/** The event's bytes: whole (clean or noisy), cut short, corrupted, or random. */
function recordBytes(family: EventFamily): fc.Arbitrary<Uint8Array> {
  const schema = SCHEMAS[family];
  const whole = fc.oneof(messageBytes(schema, 0, false), messageBytes(schema, 0, true));
  return fc.oneof(
    { weight: 10, arbitrary: whole },
    {
      weight: 2,
      arbitrary: fc.tuple(whole, fc.nat()).map(([b, n]) => b.slice(0, n % Math.max(1, b.length))),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(whole, fc.nat(), fc.nat(255)).map(([b, i, byte]) => {
        const copy = b.slice();
        if (copy.length > 0) copy[i % copy.length] = byte;
        return copy;
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }) },
  );
}

/** A result as plain data: events with key order, errors with every public member and cause. */
function comparable(result: DecodeEventResult): unknown {
  if (result.ok) return { ok: true, event: result.event, keys: JSON.stringify(Object.keys(result.event)) };
  const { error } = result;
  const cause = error.cause as { name?: unknown; message?: unknown } | undefined;
  return {
    ok: false,
    name: error.name,
    code: error.code,
    reason: error.reason,
    field: error.field,
    message: error.message,
    topic: error.topic,
    eventId: error.eventId,
    retriable: error.retriable,
    cause: cause === undefined ? undefined : { name: cause.name, message: cause.message },
  };
}

const outcomes = new Map<'ok' | InvalidRecordReason, number>();

describe('eventFromProtobuf (the protobuf fast path) matches the general path', () => {
  it('property: the same event or the same rejection for any bytes of all three families', () => {
    const family = fc.constantFrom<EventFamily>('traffic', 'permit', 'case');
    const input = family.chain((f) =>
      fc.record({
        family: fc.constant(f),
        bytes: recordBytes(f),
        // kafkajs hands over Buffers (protobufjs' BufferReader); others pass plain Uint8Arrays (Reader).
        buffer: fc.boolean(),
        contentType: fc.constantFrom<Record<string, string>>(
          {},
          { 'content-type': 'application/x-protobuf' },
        ),
      }),
    );
    fc.assert(
      fc.property(input, ({ family: f, bytes, buffer, contentType }) => {
        const value = buffer ? Buffer.from(bytes) : bytes;
        const record = { topic: TOPIC_BY_FAMILY[f], value, headers: contentType };
        const fast = decodeEvent(record);
        const reference = referenceDecodeEvent(record);
        const key = fast.ok ? 'ok' : fast.error.reason;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        expect(comparable(fast)).toStrictEqual(comparable(reference));
      }),
      { numRuns: 3000 },
    );
  }, 120_000);

  afterAll(() => {
    // The generator must exercise every outcome, or the property above proves little.
    const runs = [...outcomes.values()].reduce((a, b) => a + b, 0);
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(runs * 0.05);
    for (const reason of [
      'malformed-protobuf',
      'missing-field',
      'invalid-field',
      'unspecified-enum',
      'location-missing',
      'payload-missing',
    ] as const) {
      expect(outcomes.get(reason) ?? 0, reason).toBeGreaterThan(0);
    }
  });

  const w = () => Writer.create();
  const timestamp = (seconds: string, nanos = 0) =>
    tag(tag(w(), 1, WIRE_VARINT).int64(seconds), 2, WIRE_VARINT)
      .int32(nanos)
      .finish();
  const gridLocation = (id: string) => tag(w(), 1, WIRE_BYTES).string(id).finish();
  const envelope = (seconds = '1714550400') => {
    const out = w();
    tag(out, 1, WIRE_BYTES).string('e-1');
    tag(out, 2, WIRE_BYTES).bytes(timestamp(seconds));
    tag(out, 3, WIRE_BYTES).string('src');
    tag(out, 4, WIRE_BYTES).bytes(gridLocation('G1'));
    return out;
  };
  const observation = tag(tag(w(), 1, WIRE_BYTES).string('seg'), 2, WIRE_VARINT)
    .int32(2)
    .finish();
  const incident = tag(tag(tag(w(), 1, WIRE_BYTES).string('inc'), 2, WIRE_VARINT).int32(1), 3, WIRE_VARINT)
    .int32(1)
    .finish();

  const cases: readonly [string, EventFamily, Uint8Array][] = [
    ['a valid observation', 'traffic', tag(envelope(), 10, WIRE_BYTES).bytes(observation).finish()],
    [
      'both oneof members: the incident (higher field number) wins',
      'traffic',
      tag(tag(envelope(), 11, WIRE_BYTES).bytes(incident), 10, WIRE_BYTES)
        .bytes(observation)
        .finish(),
    ],
    [
      'seconds beyond 2^53',
      'traffic',
      tag(envelope('-9007199254740993'), 10, WIRE_BYTES).bytes(observation).finish(),
    ],
    [
      'an unknown road class',
      'traffic',
      tag(envelope(), 10, WIRE_BYTES)
        .bytes(new Uint8Array([16, 9]))
        .finish(),
    ],
    [
      'a group among the unknown fields',
      'permit',
      tag(tag(tag(envelope(), 99, WIRE_START_GROUP), 1, WIRE_VARINT).uint32(5), 99, WIRE_END_GROUP).finish(),
    ],
    ['the timestamp cut short', 'case', envelope().finish().slice(0, 12)],
  ];
  for (const [name, family, bytes] of cases) {
    it(name, () => {
      for (const value of [bytes, Buffer.from(bytes)]) {
        const record = { topic: TOPIC_BY_FAMILY[family], value, headers: {} };
        expect(comparable(decodeEvent(record))).toStrictEqual(comparable(referenceDecodeEvent(record)));
      }
    });
  }
});
