import type { EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import { readToEnd, type IncomingBatch, type IncomingRecord, type OutgoingRecord } from '@citybrain/kafka';
import type { PipelineEvent, SourceProgress } from '@citybrain/pipeline';

// Headers of a repartitioned record: where its source record was (the area task feeds the pipeline
// the SOURCE partition and offset, so watermarks stay per source partition), the source key, and on
// a progress record the source's event time.
const SRC_TOPIC = 'x-citybrain-src-topic';
const SRC_PARTITION = 'x-citybrain-src-partition';
const SRC_OFFSET = 'x-citybrain-src-offset';
const SRC_KEY = 'x-citybrain-src-key';
const PROGRESS = 'x-citybrain-progress-ms';
// On a progress record: '1' when the source batch read its partition to the end, else '0'.
const AT_END = 'x-citybrain-src-at-end';
const INTERNAL = new Set([SRC_TOPIC, SRC_PARTITION, SRC_OFFSET, SRC_KEY, PROGRESS, AT_END]);

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
 * area, on its area's partition (with the source's coordinates and key in headers, its timestamp
 * kept), then one progress record per repartition partition carrying the largest event time of the
 * batch, so that every area task hears the source moved even when none of the events were its own,
 * and whether the batch read the source to its end (an area task idles a source only then).
 */
export function repartitionRecords(
  topic: string,
  partitions: number,
  partitionOf: (areaId: string) => number,
  batch: IncomingBatch,
  events: readonly PipelineEvent<IncomingRecord>[],
): OutgoingRecord[] {
  const out: OutgoingRecord[] = [];
  let maxEventMs = Number.NEGATIVE_INFINITY;
  let maxTimestampMs = Number.NEGATIVE_INFINITY;
  for (const { event, ref } of events) {
    if (event.eventTimeMs > maxEventMs) maxEventMs = event.eventTimeMs;
    if (ref.timestampMs > maxTimestampMs) maxTimestampMs = ref.timestampMs;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ref.headers)) if (v !== undefined && !INTERNAL.has(k)) headers[k] = v;
    headers[SRC_TOPIC] = ref.topic;
    headers[SRC_PARTITION] = String(ref.partition);
    headers[SRC_OFFSET] = ref.offset;
    if (ref.key !== null) headers[SRC_KEY] = ref.key.toString('base64');
    out.push({
      topic,
      partition: partitionOf(event.areaId),
      key: event.areaId,
      value: ref.value,
      headers,
      timestampMs: ref.timestampMs,
    });
  }
  const atEnd = readToEnd(batch) ? '1' : '0';
  if (Number.isFinite(maxEventMs))
    for (let p = 0; p < partitions; p++)
      out.push({
        topic,
        partition: p,
        key: `\u0000progress/${batch.topic}/${batch.partition}`,
        value: null,
        headers: {
          [SRC_TOPIC]: batch.topic,
          [SRC_PARTITION]: String(batch.partition),
          [PROGRESS]: String(maxEventMs),
          [AT_END]: atEnd,
        },
        timestampMs: maxTimestampMs,
      });
  return out;
}

/** A repartition batch read back: runs of source records (in order), and the sources' progress. */
export interface RepartitionedBatch {
  /** Consecutive records of one source partition, as batches of that partition. */
  readonly runs: IncomingBatch[];
  readonly progress: SourceProgress[];
}

/**
 * Reads a batch of the repartition topic back into source records (topic, partition, offset, key,
 * headers and timestamp of the source, value untouched) and progress reports. Records that do not
 * carry the source headers are not ours and are skipped.
 */
export function readRepartitioned(
  batch: IncomingBatch,
  familyOf: (topic: string) => EventFamily | undefined,
): RepartitionedBatch {
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
    const topic = r.headers[SRC_TOPIC];
    const partition = Number(r.headers[SRC_PARTITION]);
    if (topic === undefined || !Number.isInteger(partition)) continue;
    const family = familyOf(topic);
    if (family === undefined) continue;
    const progressMs = r.headers[PROGRESS];
    if (progressMs !== undefined) {
      const eventTimeMs = Number(progressMs);
      if (Number.isFinite(eventTimeMs))
        progress.push({
          partition: `${topic}/${partition}`,
          family,
          eventTimeMs,
          readToEnd: r.headers[AT_END] === '1',
        });
      continue;
    }
    const offset = r.headers[SRC_OFFSET];
    if (offset === undefined) continue;
    const previous = run[0];
    if (previous && (previous.topic !== topic || previous.partition !== partition)) flush();
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(r.headers)) if (!INTERNAL.has(k)) headers[k] = v;
    const key = r.headers[SRC_KEY];
    run.push({
      topic,
      partition,
      offset,
      key: key === undefined ? null : Buffer.from(key, 'base64'),
      value: r.value,
      headers,
      timestampMs: r.timestampMs,
    });
  }
  flush();
  return { runs, progress };
}
