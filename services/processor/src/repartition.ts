import type { EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import { readToEnd, type IncomingBatch, type IncomingRecord, type OutgoingRecord } from '@citybrain/kafka';
import type { PipelineEvent, SourceProgress } from '@citybrain/pipeline';

// A repartitioned record says where its source record was (the area task feeds the pipeline the
// SOURCE partition and offset, so watermarks stay per source partition) and carries the source key;
// a progress record carries the source's event time. Two formats; readers read both, because a
// rolling upgrade mixes them (`CITYBRAIN_REPARTITION_FORMAT`):
// - 1 (releases up to 2026-11-29): the source's value untouched, its coordinates in 4–5 string
//   headers (decoded, copied and re-encoded by the Kafka client for every record, twice);
// - 2: the coordinates in a small binary prefix of the value, only the source's own headers as
//   headers (see `writePrefix`).

/** Format of the records a route task writes to the repartition topic. */
export type RepartitionFormat = 1 | 2;

// Format 1's headers.
const SRC_TOPIC = 'x-citybrain-src-topic';
const SRC_PARTITION = 'x-citybrain-src-partition';
const SRC_OFFSET = 'x-citybrain-src-offset';
const SRC_KEY = 'x-citybrain-src-key';
const PROGRESS = 'x-citybrain-progress-ms';
// On a progress record: '1' when the source batch read its partition to the end, else '0'.
const AT_END = 'x-citybrain-src-at-end';
const INTERNAL = new Set([SRC_TOPIC, SRC_PARTITION, SRC_OFFSET, SRC_KEY, PROGRESS, AT_END]);

// Format 2's prefix: [version 2][kind][family][source partition: varint], then
//   an event:    [source offset: varint][key length + 1: varint, 0 for none][key], the source value;
//   a progress:  [largest event time: float64 BE][read to its end: 0 | 1].
const VERSION_2 = 2;
const KIND_EVENT = 0;
const KIND_PROGRESS = 1;
const FAMILIES: readonly EventFamily[] = ['traffic', 'permit', 'case'];
const FAMILY_CODE: Readonly<Record<EventFamily, number>> = { traffic: 0, permit: 1, case: 2 };

/** The default name of the internal repartition topic of a processor group. */
export const repartitionTopicOf = (groupId: string): string => `${groupId}.events-by-area`;

/**
 * Which repartition partition carries an area: areas in id order, dealt round-robin over the
 * partitions, so that areas spread evenly (a hash of 9 ids over 6 partitions rarely does) and every
 * instance with the same grid file agrees. Grids of no known area never get here (dead-lettered).
 */
export function areaPartitioner(registry: GridRegistry, partitions: number): (areaId: string) => number {
  const ids = registry.areas.map((a) => a.id).sort();
  const index = new Map(ids.map((id, i) => [id, i % partitions]));
  return (areaId) => index.get(areaId) ?? 0;
}

/**
 * The repartition records of one source batch: each located event's source record, keyed by its
 * area, on its area's partition (with the source's coordinates and key, its timestamp kept), then
 * one progress record per repartition partition carrying the largest event time of the batch, so
 * that every area task hears the source moved even when none of the events were its own, and whether
 * the batch read the source to its end (an area task idles a source only then).
 */
export function repartitionRecords(
  topic: string,
  partitions: number,
  partitionOf: (areaId: string) => number,
  batch: IncomingBatch,
  family: EventFamily,
  events: readonly PipelineEvent<IncomingRecord>[],
  format: RepartitionFormat = 2,
): OutgoingRecord[] {
  const out: OutgoingRecord[] = [];
  let maxEventMs = Number.NEGATIVE_INFINITY;
  let maxTimestampMs = Number.NEGATIVE_INFINITY;
  for (const { event, ref } of events) {
    if (event.eventTimeMs > maxEventMs) maxEventMs = event.eventTimeMs;
    if (ref.timestampMs > maxTimestampMs) maxTimestampMs = ref.timestampMs;
    out.push(
      format === 1
        ? eventRecordV1(topic, partitionOf(event.areaId), event.areaId, ref)
        : eventRecordV2(topic, partitionOf(event.areaId), event.areaId, family, ref),
    );
  }
  const atEnd = readToEnd(batch);
  if (Number.isFinite(maxEventMs))
    for (let p = 0; p < partitions; p++)
      out.push({
        topic,
        partition: p,
        key: `\u0000progress/${batch.topic}/${batch.partition}`,
        timestampMs: maxTimestampMs,
        ...(format === 1
          ? {
              value: null,
              headers: {
                [SRC_TOPIC]: batch.topic,
                [SRC_PARTITION]: String(batch.partition),
                [PROGRESS]: String(maxEventMs),
                [AT_END]: atEnd ? '1' : '0',
              },
            }
          : { value: progressValueV2(family, batch.partition, maxEventMs, atEnd) }),
      });
  return out;
}

/** The source record's own headers, without any of ours (a reader would take them for coordinates). */
function sourceHeaders(ref: IncomingRecord): Record<string, string> | undefined {
  let headers: Record<string, string> | undefined;
  for (const k in ref.headers) {
    const v = ref.headers[k];
    if (v !== undefined && !INTERNAL.has(k)) (headers ??= {})[k] = v;
  }
  return headers;
}

function eventRecordV1(
  topic: string,
  partition: number,
  areaId: string,
  ref: IncomingRecord,
): OutgoingRecord {
  const headers: Record<string, string> = sourceHeaders(ref) ?? {};
  headers[SRC_TOPIC] = ref.topic;
  headers[SRC_PARTITION] = String(ref.partition);
  headers[SRC_OFFSET] = ref.offset;
  if (ref.key !== null) headers[SRC_KEY] = ref.key.toString('base64');
  return { topic, partition, key: areaId, value: ref.value, headers, timestampMs: ref.timestampMs };
}

function eventRecordV2(
  topic: string,
  partition: number,
  areaId: string,
  family: EventFamily,
  ref: IncomingRecord,
): OutgoingRecord {
  const key = ref.key;
  const value = ref.value ?? EMPTY;
  const offset = Number(ref.offset);
  const prefix = 3 + varintSize(ref.partition) + varintSize(offset) + varintSize((key?.length ?? -1) + 1);
  const buf = Buffer.allocUnsafe(prefix + (key?.length ?? 0) + value.length);
  let at = writeHead(buf, KIND_EVENT, family, ref.partition);
  at = writeVarint(buf, at, offset);
  at = writeVarint(buf, at, (key?.length ?? -1) + 1);
  if (key !== null) at += key.copy(buf, at);
  buf.set(value, at);
  const headers = sourceHeaders(ref);
  return {
    topic,
    partition,
    key: areaId,
    value: buf,
    timestampMs: ref.timestampMs,
    ...(headers && { headers }),
  };
}

function progressValueV2(
  family: EventFamily,
  partition: number,
  eventTimeMs: number,
  atEnd: boolean,
): Buffer {
  const buf = Buffer.allocUnsafe(3 + varintSize(partition) + 9);
  const at = writeHead(buf, KIND_PROGRESS, family, partition);
  buf.writeDoubleBE(eventTimeMs, at);
  buf[at + 8] = atEnd ? 1 : 0;
  return buf;
}

const EMPTY = Buffer.alloc(0);

function writeHead(buf: Buffer, kind: number, family: EventFamily, partition: number): number {
  buf[0] = VERSION_2;
  buf[1] = kind;
  buf[2] = FAMILY_CODE[family];
  return writeVarint(buf, 3, partition);
}

/** Bytes of an unsigned LEB128 varint of a non-negative safe integer. */
function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

function writeVarint(buf: Buffer, at: number, n: number): number {
  while (n >= 128) {
    buf[at++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}

/** A repartition batch read back: runs of source records (in order), and the sources' progress. */
export interface RepartitionedBatch {
  /** Consecutive records of one source partition, as batches of that partition. */
  readonly runs: IncomingBatch[];
  readonly progress: SourceProgress[];
}

/** The processor's input topic of each event family, and back. */
export interface SourceTopics {
  familyOf(topic: string): EventFamily | undefined;
  topicOf(family: EventFamily): string;
}

/**
 * Reads a batch of the repartition topic back into source records (topic, partition, offset, key,
 * headers and timestamp of the source, value untouched) and progress reports, in either format.
 * Records that are in neither, or name a source that is not an input, are not ours and are skipped.
 */
export function readRepartitioned(batch: IncomingBatch, sources: SourceTopics): RepartitionedBatch {
  const runs: IncomingBatch[] = [];
  const progress: SourceProgress[] = [];
  let run: IncomingRecord[] = [];
  const flush = () => {
    const first = run[0];
    if (first)
      runs.push({ topic: first.topic, partition: first.partition, records: run, highWatermark: '-1' });
    run = [];
  };
  for (const r of batch.records) {
    const read = r.headers[SRC_TOPIC] !== undefined ? readV1(r, sources) : readV2(r, sources);
    if (read === undefined) continue;
    if ('eventTimeMs' in read) {
      progress.push(read);
      continue;
    }
    const previous = run[0];
    if (previous && (previous.topic !== read.topic || previous.partition !== read.partition)) flush();
    run.push(read);
  }
  flush();
  return { runs, progress };
}

function readV1(r: IncomingRecord, sources: SourceTopics): IncomingRecord | SourceProgress | undefined {
  const topic = r.headers[SRC_TOPIC]!;
  const partition = Number(r.headers[SRC_PARTITION]);
  const family = sources.familyOf(topic);
  if (family === undefined || !Number.isInteger(partition)) return undefined;
  const progressMs = r.headers[PROGRESS];
  if (progressMs !== undefined) {
    const eventTimeMs = Number(progressMs);
    return Number.isFinite(eventTimeMs)
      ? { partition: `${topic}/${partition}`, family, eventTimeMs, readToEnd: r.headers[AT_END] === '1' }
      : undefined;
  }
  const offset = r.headers[SRC_OFFSET];
  if (offset === undefined) return undefined;
  const headers: Record<string, string | undefined> = {};
  for (const k in r.headers) if (!INTERNAL.has(k)) headers[k] = r.headers[k];
  const key = r.headers[SRC_KEY];
  return {
    topic,
    partition,
    offset,
    key: key === undefined ? null : Buffer.from(key, 'base64'),
    value: r.value,
    headers,
    timestampMs: r.timestampMs,
  };
}

function readV2(r: IncomingRecord, sources: SourceTopics): IncomingRecord | SourceProgress | undefined {
  const v = r.value;
  if (v === null || v.length < 4 || v[0] !== VERSION_2) return undefined;
  const family = FAMILIES[v[2]!];
  if (family === undefined) return undefined;
  const topic = sources.topicOf(family);
  const cursor = { at: 3 };
  const partition = readVarint(v, cursor);
  if (partition === undefined) return undefined;
  if (v[1] === KIND_PROGRESS) {
    if (v.length < cursor.at + 9) return undefined;
    const eventTimeMs = v.readDoubleBE(cursor.at);
    return Number.isFinite(eventTimeMs)
      ? { partition: `${topic}/${partition}`, family, eventTimeMs, readToEnd: v[cursor.at + 8] === 1 }
      : undefined;
  }
  if (v[1] !== KIND_EVENT) return undefined;
  const offset = readVarint(v, cursor);
  const keyLength = readVarint(v, cursor);
  if (offset === undefined || keyLength === undefined || cursor.at + Math.max(0, keyLength - 1) > v.length)
    return undefined;
  const keyEnd = cursor.at + keyLength - 1;
  return {
    topic,
    partition,
    offset: String(offset),
    key: keyLength === 0 ? null : v.subarray(cursor.at, keyEnd),
    value: v.subarray(keyLength === 0 ? cursor.at : keyEnd),
    headers: r.headers,
    timestampMs: r.timestampMs,
  };
}

/** Reads an unsigned LEB128 varint at `cursor.at`, moving it; undefined when truncated or too long. */
function readVarint(buf: Buffer, cursor: { at: number }): number | undefined {
  let n = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    const b = buf[cursor.at++];
    if (b === undefined) return undefined;
    n += (b & 127) * scale;
    if (b < 128) return n;
    scale *= 128;
  }
  return undefined;
}
