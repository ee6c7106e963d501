import {
  activeAlertRecord,
  alertRecord,
  deadLetterHeaders,
  gridStateRecord,
  closedCaseRecord,
  kpiFactRecord,
  openCaseRecord,
  type RecordFormat,
} from '@citybrain/codec';
import type { IncomingRecord, OutgoingRecord } from '@citybrain/kafka';
import type { PipelineOutput } from '@citybrain/pipeline';
import type { RejectedRecord } from '@citybrain/ingest';
import type { OpenCaseChanges } from '@citybrain/rules';

/** The processor's output topics. */
export interface OutputTopics {
  readonly alerts: string;
  readonly deadLetter: string;
  readonly late: string;
  readonly gridState: string;
  readonly activeAlerts: string;
  readonly cases: string;
  readonly kpi: string;
}

/** How the processor writes its outputs. */
export interface OutputFormats {
  /** Format of the alerts topic (`CITYBRAIN_ALERTS_FORMAT`). */
  readonly alerts: RecordFormat;
}

/**
 * The records one pipeline step writes: alerts (stamped with the step's processing time), dead
 * letters (with the reason), late events (the source record untouched, with where it was late), each
 * grid's newest final window per measure, the active-alerts view in step with the alerts, the
 * open-case view's changes and the step's KPI facts (the same facts the KPI metrics count) — all in
 * the step's transaction, so never out of step.
 */
export function outputRecords(
  topics: OutputTopics,
  formats: OutputFormats,
  out: PipelineOutput<IncomingRecord>,
  rejected: readonly RejectedRecord[],
  step: {
    /** The open-case view's changes of this step. */
    readonly cases?: OpenCaseChanges;
    /** The step's processing time (from the input records): the alert records' timestamp. */
    readonly processingTimeMs?: number;
  } = {},
): OutgoingRecord[] {
  const records: OutgoingRecord[] = [];
  const { cases = { upserts: [], closed: [] }, processingTimeMs } = step;
  // An alert record carries the processing time that raised it (the input records' time, not the
  // commit's), so the alerts of a period are found by timestamp, as a backtest of it looks for them.
  const stamp =
    processingTimeMs !== undefined && processingTimeMs > 0 ? { timestampMs: processingTimeMs } : {};
  for (const alert of out.alerts) {
    records.push({ ...alertRecord(topics.alerts, alert, formats.alerts), ...stamp });
    records.push({ ...activeAlertRecord(topics.activeAlerts, alert, formats.alerts), ...stamp });
  }
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
  for (const c of cases.upserts) records.push(openCaseRecord(topics.cases, c));
  for (const c of cases.closed) records.push(closedCaseRecord(topics.cases, c.kind, c.caseId));
  for (const c of out.kpi.closures)
    records.push(kpiFactRecord(topics.kpi, { kind: 'work-order-closed', ...c }));
  for (const p of out.kpi.permitLeadTimes)
    records.push(kpiFactRecord(topics.kpi, { kind: 'permit-issued', ...p }));
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
