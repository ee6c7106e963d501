/**
 * The kafkajs patch's produce fast path (`recordBatch/v0/uncompressedEncoder.js`, used by Produce
 * v3 and later for uncompressed batches) must write the very bytes kafkajs' own Record and
 * RecordBatch modules write — the broker checks the CRC and parses every varint, and a one-byte
 * slip corrupts a batch. These tests call kafkajs' internal modules (the patch leaves the
 * originals in place) and a copy of the original partition encoder, over many random batches.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);

/** kafkajs' Encoder, as far as these tests use it. */
interface KafkaEncoder {
  readonly buffer: Buffer;
  size(): number;
  writeInt32(value: number): KafkaEncoder;
  writeEncoder(value: KafkaEncoder): KafkaEncoder;
}
type EncoderClass = new () => KafkaEncoder;
type Headers = Record<string, string | Buffer | null | (string | Buffer | null)[] | undefined>;
interface Message {
  key?: string | Buffer | null | number;
  value?: string | Buffer | null;
  timestamp?: string | number | null;
  headers?: Headers | null;
}
interface PartitionEntry {
  partition: number;
  messages: Message[];
  transactionalId?: string | null;
  firstSequence?: number;
  producerId?: number | string;
  producerEpoch?: number;
}
interface DecodedRecord {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  batchContext: object;
}
interface DecodedBatch {
  firstTimestamp: string;
  maxTimestamp: string;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  inTransaction: boolean;
  records: DecodedRecord[];
}

const Encoder = require('kafkajs/src/protocol/encoder') as EncoderClass;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => {
  readInt32(): number;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: object) => KafkaEncoder;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: object) => Promise<KafkaEncoder>;
};
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  decoder: InstanceType<typeof Decoder>,
) => Promise<DecodedBatch>;
const { encodeUncompressedPartition } =
  require('kafkajs/src/protocol/recordBatch/v0/uncompressedEncoder') as {
    encodeUncompressedPartition: (entry: PartitionEntry) => KafkaEncoder | null;
  };
const produceV3 = require('kafkajs/src/protocol/requests/produce/v3/request') as (request: object) => {
  encode(): Promise<KafkaEncoder>;
};
const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (
  buffer: Buffer,
  start?: number,
  end?: number,
) => number;
const Long = require('kafkajs/src/utils/long') as { fromInt(value: number): unknown };

/**
 * kafkajs 2.2.4's partition encoder of Produce v3 exactly as it shipped (uncompressed), before the
 * patch put the fast path in front of it: the reference the fast path must match byte for byte.
 */
async function referencePartition({
  partition,
  messages,
  transactionalId,
  firstSequence,
  producerId,
  producerEpoch,
}: PartitionEntry): Promise<Buffer> {
  const dateNow = Date.now();
  const messageTimestamps = messages
    .map((m) => m.timestamp)
    .filter((timestamp) => timestamp != null)
    .sort();
  const timestamps = messageTimestamps.length === 0 ? [dateNow] : messageTimestamps;
  const firstTimestamp = timestamps[0]!;
  const maxTimestamp = timestamps[timestamps.length - 1];
  const records = messages.map((message, i) =>
    Record({
      ...message,
      offsetDelta: i,
      timestampDelta: Number(message.timestamp || dateNow) - Number(firstTimestamp),
    }),
  );
  const recordBatch = await RecordBatch({
    compression: 0,
    records,
    firstTimestamp,
    maxTimestamp,
    producerId,
    producerEpoch,
    firstSequence,
    transactional: !!transactionalId,
    lastOffsetDelta: records.length - 1,
  });
  return new Encoder().writeInt32(partition).writeInt32(recordBatch.size()).writeEncoder(recordBatch).buffer;
}

/** The fast path's partition entry; its CRC is checked against the byte-at-a-time reference. */
function fast(entry: PartitionEntry): Buffer {
  const encoded = encodeUncompressedPartition(entry);
  if (encoded === null) throw new Error('the fast path declined a batch it should encode');
  const bytes = encoded.buffer;
  // the entry: partition (4), record set size (4), then the batch, whose CRC at 17 covers 21 on
  expect(bytes.readUInt32BE(8 + 17)).toBe(referenceCrc32C(bytes.subarray(8 + 21)));
  return bytes;
}

/** Decodes a partition entry written by either encoder with kafkajs' own record batch decoder. */
async function decodePartition(entry: Buffer): Promise<DecodedBatch> {
  const decoder = new Decoder(entry);
  decoder.readInt32(); // partition
  decoder.readInt32(); // record set size
  return decodeRecordBatch(decoder);
}

/** The first differing byte, for a readable failure instead of two long hex strings. */
function firstDifference(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `byte ${i}: ${a[i]} != ${b[i]}`;
  return a.length === b.length ? 'none' : `lengths ${a.length} != ${b.length}`;
}

/** Byte-at-a-time CRC-32C (Castagnoli, reflected 0x82F63B78): the method kafkajs shipped. */
function referenceCrc32C(buffer: Uint8Array): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

const NOW = 1_764_460_800_123;

// Strings of every kind: ASCII, multi-byte, astral, lone surrogates, empty, long.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc
    .array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 3 })
    .map((units) => String.fromCharCode(...units)),
  fc.constant(''),
  fc.string({ minLength: 100, maxLength: 400 }),
);
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
  fc.uint8Array({ minLength: 100, maxLength: 2000 }).map((a) => Buffer.from(a)),
  // a view into a larger buffer, as kafkajs' own decoder hands out
  fc.uint8Array({ minLength: 8, maxLength: 60 }).map((a) => Buffer.from(a).subarray(3, a.length - 2)),
);
const keyOrValue = fc.oneof(fc.constant(null), fc.constant(undefined), text, bytes);
const headerValue = fc.oneof(text, bytes);
const headers = fc.option(
  fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })),
    fc.oneof(
      { weight: 4, arbitrary: headerValue },
      { weight: 1, arbitrary: fc.array(headerValue, { maxLength: 4 }) },
    ),
    { maxKeys: 6 },
  ),
  { nil: undefined },
);

/**
 * Timestamps of one batch: all of one digit count, where kafkajs' string sort and a numeric one
 * agree (see `numeric first and max timestamps` for the others); absent ones, strings (with
 * leading zeros too) and numbers (0 included: kafkajs uses now for its delta).
 */
const timestampsOf = (digits: number) => {
  const low = digits === 1 ? 0 : 10 ** (digits - 1);
  const high = 10 ** digits - 1;
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: low, max: high }),
    fc.integer({ min: low, max: high }).map(String),
    fc.integer({ min: 0, max: high }).map((n) => String(n).padStart(digits, '0')),
  );
};

const batch = (maxRecords: number) =>
  fc.integer({ min: 1, max: 15 }).chain((digits) =>
    fc.record({
      partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      messages: fc.array(
        fc.record(
          { key: keyOrValue, value: keyOrValue, timestamp: timestampsOf(digits), headers },
          { requiredKeys: ['value'] },
        ),
        { minLength: 1, maxLength: maxRecords },
      ),
      transactionalId: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
      firstSequence: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }),
      producerId: fc.option(
        fc.oneof(
          fc.constant(-1),
          fc.integer({ min: 0, max: 2 ** 40 }),
          fc.bigInt({ min: 0n, max: 2n ** 62n }).map(String),
        ),
        { nil: undefined },
      ),
      producerEpoch: fc.option(fc.integer({ min: -1, max: 32767 }), { nil: undefined }),
    }),
  ) as fc.Arbitrary<PartitionEntry>;

describe('the uncompressed record batch fast path', () => {
  beforeEach(() => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the bytes kafkajs writes, for any batch', async () => {
    await fc.assert(
      fc.asyncProperty(batch(40), async (entry) => {
        const expected = await referencePartition(entry);
        const actual = fast(entry);
        expect(firstDifference(actual, expected)).toBe('none');
      }),
      { numRuns: 400 },
    );
  });

  it('writes the bytes kafkajs writes for batches of thousands of records', async () => {
    await fc.assert(
      fc.asyncProperty(batch(5000), async (entry) => {
        expect(firstDifference(fast(entry), await referencePartition(entry))).toBe('none');
      }),
      { numRuns: 6 },
    );
    const thousands: PartitionEntry = {
      partition: 7,
      messages: Array.from({ length: 4321 }, (_, i) => ({
        key: i % 3 === 0 ? null : `area-${i}`,
        value: Buffer.alloc(i % 300, i),
        timestamp: String(NOW - 60_000 + ((i * 7919) % 120_000)),
        headers: { trace: `t-${i}`, source: ['a', Buffer.from([i & 0xff])], empty: '' },
      })),
      transactionalId: 'tx',
      firstSequence: 12,
      producerId: '4000000000',
      producerEpoch: 3,
    };
    expect(firstDifference(fast(thousands), await referencePartition(thousands))).toBe('none');
  });

  it('is what the Produce request encodes for an uncompressed batch', async () => {
    // digit counts that differ: only the fast path takes the numeric minimum as first timestamp
    const messages: Message[] = [
      { value: 'late', timestamp: '1000' },
      { value: 'early', timestamp: '999' },
    ];
    const request = produceV3({
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: 't', partitions: [{ partition: 0, messages }] }],
    });
    const body = (await request.encode()).buffer;
    const entry = fast({ partition: 0, messages, producerId: Long.fromInt(-1) as number });
    expect(body.subarray(body.length - entry.length).equals(entry)).toBe(true);
    const decoded = await decodePartition(entry);
    expect(decoded.firstTimestamp).toBe('999');
  });

  it('writes numeric first and max timestamps where digit counts differ', async () => {
    const decoded = await decodePartition(
      fast({
        partition: 1,
        messages: [
          { value: 'a', timestamp: '1000' },
          { value: 'b', timestamp: 999 },
          { value: 'c' },
          { value: 'd', timestamp: '20' },
        ],
      }),
    );
    // kafkajs' string sort gave first '1000' and max '999'
    expect(decoded.firstTimestamp).toBe('20');
    expect(decoded.maxTimestamp).toBe('1000');
    expect(decoded.records.map((r) => r.timestamp)).toEqual(['1000', '999', String(NOW), '20']);
  });

  it('round-trips through kafkajs decoder: keys, values, headers (arrays and null), offsets, timestamps', async () => {
    const decoded = await decodePartition(
      fast({
        partition: 3,
        transactionalId: 'tx-1',
        producerId: '123456789012',
        producerEpoch: 7,
        firstSequence: 42,
        messages: [
          {
            key: 'k€y',
            value: Buffer.from([0, 1, 2]),
            timestamp: '1764460800000',
            headers: { a: 'x', b: ['1', Buffer.from('2')] },
          },
          { key: null, value: null, timestamp: '1764460799000', headers: { n: null, m: [null, 'v'] } },
          { value: 'v'.repeat(300), timestamp: '1764460801000' },
        ],
      }),
    );
    expect(decoded).toMatchObject({
      firstTimestamp: '1764460799000',
      maxTimestamp: '1764460801000',
      producerId: '123456789012',
      producerEpoch: 7,
      firstSequence: 42,
      inTransaction: true,
    });
    const [first, second, third] = decoded.records;
    expect(first).toMatchObject({
      key: Buffer.from('k€y'),
      value: Buffer.from([0, 1, 2]),
      offset: '0',
      timestamp: '1764460800000',
    });
    expect(first!.headers).toEqual({ a: Buffer.from('x'), b: [Buffer.from('1'), Buffer.from('2')] });
    expect(second).toMatchObject({ key: null, value: null, offset: '1', timestamp: '1764460799000' });
    // a null header value is the protocol's null (kafkajs' own path threw on it)
    expect(second!.headers).toEqual({ n: null, m: [null, Buffer.from('v')] });
    expect(third).toMatchObject({ value: Buffer.from('v'.repeat(300)), offset: '2', headers: {} });
  });

  it('leaves inputs it does not reproduce exactly to kafkajs path', () => {
    const declined: Message[] = [
      { value: 'a', timestamp: '17644608000001234' }, // more than 15 digits
      { value: 'a', timestamp: '-5' },
      { value: 'a', timestamp: 'soon' },
      { value: 'a', timestamp: '' },
      { value: 'a', timestamp: -1 },
      { value: 'a', timestamp: 1.5 },
      { value: 'a', key: 5 },
      { value: 'a', headers: { h: undefined } },
      { value: 'a', headers: { h: [undefined as unknown as string] } },
      { value: 'a', headers: null },
    ];
    for (const message of declined) {
      expect(encodeUncompressedPartition({ partition: 0, messages: [message] })).toBeNull();
    }
  });
});

describe('CRC-32C', () => {
  it('matches the known check values', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    // RFC 3720, B.4
    expect(crc32C(Buffer.alloc(32))).toBe(0x8a9136aa);
    expect(crc32C(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32C(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
    expect(crc32C(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)))).toBe(0x113fdb5c);
    expect(crc32C(Buffer.alloc(0))).toBe(0);
  });

  it('equals the byte-at-a-time CRC over any region of any buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (array, a, b) => {
        const buffer = Buffer.from(array);
        const start = array.length === 0 ? 0 : a % (array.length + 1);
        const end = start + (array.length === 0 ? 0 : b % (array.length - start + 1));
        expect(crc32C(buffer, start, end)).toBe(referenceCrc32C(buffer.subarray(start, end)));
        expect(crc32C(buffer)).toBe(referenceCrc32C(buffer));
      }),
      { numRuns: 500 },
    );
  });
});

/** kafkajs' Encoder methods the raw record builder below uses. */
interface RawEncoder extends KafkaEncoder {
  writeInt8(value: number): RawEncoder;
  writeVarInt(value: number): RawEncoder;
  writeVarLong(value: bigint): RawEncoder;
  writeVarIntBytes(value: Buffer | null): RawEncoder;
  writeVarIntString(value: string | null): RawEncoder;
}
interface RawRecord {
  attributes: number;
  timestampDelta: bigint;
  offsetDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string | null, Buffer | null][];
}
const RecordDecoder = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  decoder: object,
  recordContext: object,
) => object;

/** A record written field by field, so headers can repeat keys anywhere and keys can be null. */
function rawRecord(record: RawRecord): KafkaEncoder {
  const body = (new Encoder() as RawEncoder)
    .writeInt8(record.attributes)
    .writeVarLong(record.timestampDelta)
    .writeVarInt(record.offsetDelta)
    .writeVarIntBytes(record.key)
    .writeVarIntBytes(record.value)
    .writeVarInt(record.headers.length);
  for (const [key, value] of record.headers) body.writeVarIntString(key).writeVarIntBytes(value);
  return (new Encoder() as RawEncoder).writeVarInt(body.size()).writeEncoder(body);
}

/**
 * kafkajs 2.2.4's record loop as it shipped: the reference for the patch's one-pass decoder. It
 * reads the record count at the end of the batch header (61 bytes in).
 */
function referenceRecords(batch: Buffer, recordContext: object): object[] {
  const decoder = new Decoder(batch) as InstanceType<typeof Decoder> & {
    offset: number;
    readArray(reader: (d: { readVarIntBytes(): Buffer | null }) => object): object[];
  };
  decoder.offset = 57;
  return decoder.readArray((d) => RecordDecoder(new Decoder(d.readVarIntBytes()!), recordContext));
}

const rawRecords = fc.array(
  fc.record({
    attributes: fc.integer({ min: -128, max: 127 }),
    timestampDelta: fc.oneof(
      { weight: 8, arbitrary: fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }) },
      // beyond 7 varint bytes: the rest of the batch goes to kafkajs' record decoder
      { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }) },
    ),
    offsetDelta: fc.oneof(fc.nat({ max: 5000 }), fc.nat()),
    key: fc.option(bytes, { nil: null }),
    value: fc.option(bytes, { nil: null }),
    headers: fc.array(
      fc.tuple(
        fc.option(fc.oneof(fc.constantFrom('a', 'b', '1', '__proto__', 'null', 'constructor'), text), {
          nil: null,
        }),
        fc.option(bytes, { nil: null }),
      ),
      { maxLength: 6 },
    ),
  }),
  { maxLength: 30 },
);

describe('the one-pass record decoder', () => {
  it('returns the records kafkajs decoded, for any batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawRecords,
        fc.oneof(
          fc.bigInt({ min: 0n, max: 2n ** 40n }),
          fc.bigInt({ min: 2n ** 53n - 10_000n, max: 2n ** 63n - 1n }),
        ),
        fc.oneof(
          fc.bigInt({ min: 1_000_000_000_000n, max: 2_000_000_000_000n }),
          fc.constant(-1n),
          fc.bigInt({ min: 2n ** 53n - 10_000n, max: 2n ** 62n }),
        ),
        fc.constantFrom(0, 8, 16, 32, 16 | 32, 8 | 16),
        fc.boolean(),
        async (records, firstOffset, firstTimestamp, flags, gzip) => {
          const encoded = await RecordBatch({
            compression: gzip ? 1 : 0,
            records: records.map(rawRecord),
            firstOffset,
            firstTimestamp,
            maxTimestamp: firstTimestamp + 5n,
            lastOffsetDelta: records.length - 1,
          });
          const batch = Buffer.from(encoded.buffer);
          // timestamp type (8) and control (32) flags; the decoder does not check the CRC
          batch.writeInt16BE(batch.readInt16BE(21) | flags, 21);
          const decoded = await decodeRecordBatch(new Decoder(batch));
          expect(decoded.records).toHaveLength(records.length);
          if (records.length === 0) return;
          const context = decoded.records[0]!.batchContext;
          const expected = gzip
            ? await referenceDecompressed(batch, context)
            : referenceRecords(batch, context);
          expect(decoded.records.map(normalized)).toEqual(expected.map(normalized));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * A decoded record as plain data: own entries in order, with each object's prototype, Buffers as
 * hex, functions by name. (toStrictEqual reads `.constructor`, which a header named
 * 'constructor' shadows; kafkajs' fold even folds the inherited `Object` into such a header.)
 */
function normalized(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `buffer:${value.toString('hex')}`;
  if (typeof value === 'function') return `function:${value.name}`;
  if (Array.isArray(value)) return (value as unknown[]).map(normalized);
  if (value === null || typeof value !== 'object') return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  return {
    prototype: prototype === Object.prototype ? 'Object' : String(prototype),
    entries: Object.entries(value as Record<string, unknown>).map(([k, v]): [string, unknown] => [
      k,
      k === 'batchContext' ? v : normalized(v),
    ]),
  };
}

/** The reference loop over a gzip batch's decompressed records. */
async function referenceDecompressed(batch: Buffer, recordContext: object): Promise<object[]> {
  const gzip = require('kafkajs/src/protocol/message/compression/gzip') as {
    decompress(buffer: Buffer): Promise<Buffer>;
  };
  const count = batch.readInt32BE(57);
  const decoder = new Decoder(await gzip.decompress(batch.subarray(61))) as InstanceType<typeof Decoder> & {
    readVarIntBytes(): Buffer | null;
  };
  return Array.from({ length: count }, () =>
    RecordDecoder(new Decoder(decoder.readVarIntBytes()!), recordContext),
  );
}

describe("the consumer batch's offset filter", () => {
  const Batch = require('kafkajs/src/consumer/batch') as new (
    topic: string,
    fetchedOffset: string,
    partitionData: object,
  ) => { messagesWithinOffset: { offset: string }[] };

  it('keeps the messages at or after the fetched offset, as a BigInt comparison does, beyond 2^53 too', () => {
    const around = (base: bigint) => fc.bigInt({ min: base - 3n, max: base + 3n }).map(String);
    const offset = fc.oneof(around(1000n), around(2n ** 53n), around(2n ** 63n - 4n));
    fc.assert(
      fc.property(fc.array(offset, { maxLength: 12 }), offset, (offsets, fetchedOffset) => {
        const messages = offsets.map((o) => ({ offset: o, isControlRecord: false }));
        const batch = new Batch('t', fetchedOffset, { partition: 0, highWatermark: '0', messages });
        expect(batch.messagesWithinOffset.map((m) => m.offset)).toEqual(
          offsets.filter((o) => BigInt(o) >= BigInt(fetchedOffset)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
