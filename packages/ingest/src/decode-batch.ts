import { decodeEvent } from '@citybrain/codec';
import type { EventFamily, LocatedEvent } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import type { PipelineEvent } from '@citybrain/pipeline';

/** A record that cannot enter the pipeline, with a bounded machine reason and a human message. */
export interface RejectedRecord {
  readonly record: IncomingRecord;
  readonly reason: string;
  readonly message: string;
  /** The event's `source` when the record decoded (for per-source counts of future-dated events). */
  readonly source?: string;
}

/** Reason of a record whose event time is too far ahead of the record's own timestamp. */
export const FUTURE_EVENT_TIME = 'future-event-time';
/** Reason of a record without a key: its grid's ordering would not be guaranteed. */
export const MISSING_KEY = 'missing-key';
/** The default bound on how far an event's time may run ahead of its record's timestamp: 5 minutes. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** How the input edge bounds what it lets into the pipeline. */
export interface DecodeOptions {
  /**
   * How far an event's time may be ahead of its Kafka record's timestamp, ms; beyond it the record is
   * dead-lettered as {@link FUTURE_EVENT_TIME}. Default {@link DEFAULT_MAX_FUTURE_SKEW_MS}.
   */
  readonly maxFutureSkewMs?: number;
}

/** A batch split into events for the pipeline and records for the dead-letter topic. */
export interface DecodedBatch {
  readonly events: PipelineEvent<IncomingRecord>[];
  readonly rejected: RejectedRecord[];
}

/**
 * The processor's input edge: decodes each record (protobuf or JSON, told apart by its
 * `content-type` header) into a domain event, checks it belongs on this topic, and resolves its
 * location to a grid. Never throws on input: every failure becomes a {@link RejectedRecord}.
 *
 * Two guards keep one careless or hostile producer from harming every grid:
 * - a record without a key is refused ({@link MISSING_KEY}): records are keyed by grid so that one
 *   grid's events keep their order on one partition, and a null key spreads them over partitions;
 * - an event dated more than `maxFutureSkewMs` after its record's timestamp is refused
 *   ({@link FUTURE_EVENT_TIME}): one event dated 2100 would otherwise move the watermark past every
 *   open window, and all the city's later events would be late. The reference is the record's own
 *   timestamp, not the processor's clock, so that a replay of the same log decides the same way (the
 *   broker bounds that timestamp in turn: with `LogAppendTime` it is the broker's clock, with
 *   `CreateTime` Kafka ≥ 4 refuses one more than `message.timestamp.after.max.ms` — an hour by default —
 *   ahead of it). Too-old events are not refused here: they are late, as before.
 *
 * @param codecTopic the codec's canonical topic name for the batch's family (topic names may carry
 *   a deployment suffix; the codec chooses the message type by the canonical name).
 */
export function decodeBatch(
  batch: IncomingBatch,
  family: EventFamily,
  codecTopic: string,
  registry: GridRegistry,
  options: DecodeOptions = {},
): DecodedBatch {
  const maxSkewMs = options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  const events: PipelineEvent<IncomingRecord>[] = [];
  const rejected: RejectedRecord[] = [];
  const partition = `${batch.topic}/${batch.partition}`;
  for (const record of batch.records) {
    if (record.key === null || record.key.length === 0) {
      rejected.push({
        record,
        reason: MISSING_KEY,
        message: 'the record has no key (key records by grid id)',
      });
      continue;
    }
    const decoded = decodeEvent({ topic: codecTopic, value: record.value, headers: record.headers });
    if (!decoded.ok) {
      rejected.push({ record, reason: decoded.error.reason, message: decoded.error.message });
      continue;
    }
    const event = decoded.event;
    if (event.family !== family) {
      rejected.push({
        record,
        reason: 'wrong-topic',
        message: `a ${event.family} event on the ${family} topic`,
      });
      continue;
    }
    if (event.eventTimeMs - record.timestampMs > maxSkewMs) {
      rejected.push({
        record,
        reason: FUTURE_EVENT_TIME,
        source: event.source,
        message:
          `event_time ${new Date(event.eventTimeMs).toISOString()} is more than ${maxSkewMs} ms ahead of ` +
          `the record's timestamp ${new Date(record.timestampMs).toISOString()} (source ${JSON.stringify(event.source)})`,
      });
      continue;
    }
    const where = registry.resolve(event.location);
    if (!where.ok) {
      rejected.push({
        record,
        reason: where.reason,
        message: describeLocation(event.location, where.reason),
      });
      continue;
    }
    // The decoded event is this call's own fresh object: locate it in place rather than copy every
    // field of every record.
    const place = event as { gridId?: string; areaId?: string };
    place.gridId = where.gridId;
    place.areaId = where.areaId;
    const located = event as LocatedEvent;
    events.push({ event: located, partition, offset: Number(record.offset), ref: record });
  }
  return { events, rejected };
}

function describeLocation(location: LocatedEvent['location'], reason: string): string {
  return location.kind === 'grid'
    ? `location.grid_id ${JSON.stringify(location.gridId)}: ${reason}`
    : `location.point (${location.lat}, ${location.lon}): ${reason}`;
}
