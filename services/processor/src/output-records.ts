import { alertRecord, deadLetterHeaders, gridStateRecord, type RecordFormat } from '@citybrain/codec';
import type { IncomingRecord, OutgoingRecord } from '@citybrain/kafka';
import type { PipelineOutput } from '@citybrain/pipeline';
import type { RejectedRecord } from './decode-batch';

/** The processor's output topics. */
export interface OutputTopics {
  readonly alerts: string;
  readonly deadLetter: string;
  readonly late: string;
  readonly gridState: string;
}

/** How the processor writes its outputs. */
export interface OutputFormats {
  /** Format of the alerts topic (`CITYBRAIN_ALERTS_FORMAT`). */
  readonly alerts: RecordFormat;
}

/**
 * The records one pipeline step writes: alerts, dead letters (with the reason), late events (the
 * source record untouched, with where it was late), and each grid's newest final window per measure.
 */
export function outputRecords(
  topics: OutputTopics,
  formats: OutputFormats,
  out: PipelineOutput<IncomingRecord>,
  rejected: readonly RejectedRecord[],
): OutgoingRecord[] {
  const records: OutgoingRecord[] = [];
  for (const alert of out.alerts) records.push(alertRecord(topics.alerts, alert, formats.alerts));
  records.push(...deadLetterRecords(topics.deadLetter, rejected));
  for (const l of out.late) {
    records.push({
      topic: topics.late,
      key: l.ref.key,
      value: l.ref.value,
      headers: {
        ...definedHeaders(l.ref.headers),
        'x-citybrain-late-window': l.window,
        'x-citybrain-late-window-end': new Date(l.windowEndMs).toISOString(),
        'x-citybrain-late-watermark': new Date(l.watermarkMs).toISOString(),
        'x-citybrain-late-topic': l.ref.topic,
        'x-citybrain-late-partition': String(l.ref.partition),
        'x-citybrain-late-offset': l.ref.offset,
      },
    });
  }
  for (const { gridId, name, startMs, endMs, aggregates } of out.gridState)
    records.push(gridStateRecord(topics.gridState, gridId, { name, startMs, endMs, aggregates }));
  return records;
}

/** The dead-letter records of rejected input records: the record untouched, with why and where from. */
export function deadLetterRecords(topic: string, rejected: readonly RejectedRecord[]): OutgoingRecord[] {
  return rejected.map((r) => ({
    topic,
    key: r.record.key,
    value: r.record.value,
    headers: {
      ...definedHeaders(r.record.headers),
      ...deadLetterHeaders({
        reason: r.reason,
        message: r.message,
        topic: r.record.topic,
        partition: r.record.partition,
        offset: r.record.offset,
      }),
    },
  }));
}

function definedHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  return out;
}
