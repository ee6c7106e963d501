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
 * @param codecTopic the codec's canonical topic name for the batch's family (topic names may carry
 *   a deployment suffix; the codec chooses the message type by the canonical name).
 */
export function decodeBatch(
  batch: IncomingBatch,
  family: EventFamily,
  codecTopic: string,
  registry: GridRegistry,
): DecodedBatch {
  const events: PipelineEvent<IncomingRecord>[] = [];
  const rejected: RejectedRecord[] = [];
  const partition = `${batch.topic}/${batch.partition}`;
  for (const record of batch.records) {
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
    const where = registry.resolve(event.location);
    if (!where.ok) {
      rejected.push({
        record,
        reason: where.reason,
        message: describeLocation(event.location, where.reason),
      });
      continue;
    }
    const located = { ...event, gridId: where.gridId, areaId: where.areaId } as LocatedEvent;
    events.push({ event: located, partition, offset: Number(record.offset), ref: record });
  }
  return { events, rejected };
}

function describeLocation(location: LocatedEvent['location'], reason: string): string {
  return location.kind === 'grid'
    ? `location.grid_id ${JSON.stringify(location.gridId)}: ${reason}`
    : `location.point (${location.lat}, ${location.lon}): ${reason}`;
}
