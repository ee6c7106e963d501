import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { Alert, EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import { decodeBatch, type DecodedBatch, type RejectedRecord } from '@citybrain/ingest';
import { readToEnd, type IncomingBatch, type IncomingRecord } from '@citybrain/kafka';
import {
  CityPipeline,
  type PartitionsByFamily,
  type PipelineOutput,
  type PipelineSettings,
} from '@citybrain/pipeline';
import { OpenCaseTracker, type RuleSet } from '@citybrain/rules';
import type { StoreChanges, TaskLogic, TaskPartitions, TaskStep } from '@citybrain/stream-runtime';
import type { Accounting } from './accounting';
import { outputRecords, type OutputFormats, type OutputTopics } from './output-records';
import { readRepartitioned, type SourceTopics } from './repartition';

/** The processor's input topics by event family. */
export type InputTopics = Readonly<Record<EventFamily, string>>;

/** What the city task needs. */
export interface CityTaskDeps {
  readonly settings: PipelineSettings;
  readonly registry: GridRegistry;
  readonly inputs: InputTopics;
  readonly outputs: OutputTopics;
  readonly formats: OutputFormats;
  readonly accounting: Accounting;
  /** How far an event may be ahead of its record's timestamp, ms (`CITYBRAIN_MAX_FUTURE_SKEW`). */
  readonly maxFutureSkewMs: number;
  /**
   * Set for an area task: it reads a repartition topic (source records keyed by area, validated by
   * the route tasks, plus the sources' progress) instead of the input topics, and its windows track
   * the watermarks of `sources` — every input partition — not of the repartition partitions.
   */
  readonly repartitioned?: { readonly sources: TaskPartitions };
}

/**
 * The processor's task: decode → {@link CityPipeline} → output records, with the whole pipeline
 * state as store entries for the runtime's changelog. Pure apart from metrics, which it reports only
 * for steps whose commit landed.
 */
export class CityTask implements TaskLogic {
  private pipeline: CityPipeline<IncomingRecord>;
  private pendingAssignment: TaskPartitions | undefined;
  /** What the open-case view topic holds, as far as this task's committed steps wrote it. */
  private readonly cases = new OpenCaseTracker();
  private readonly familyOf: ReadonlyMap<string, EventFamily>;
  /** The input topics as a repartitioned record names them. */
  private readonly sources: SourceTopics;
  /**
   * An area task's sources: whether the last progress each reported was read to its end. Not
   * stored: after a restore the input is read again, and nothing is at its end until reported.
   */
  private readonly sourceAtEnd = new Map<string, boolean>();

  constructor(
    private readonly deps: CityTaskDeps,
    private rules: RuleSet,
  ) {
    this.pipeline = this.build();
    const familyOf = new Map(
      Object.entries(deps.inputs).map(([family, topic]) => [topic, family as EventFamily]),
    );
    this.familyOf = familyOf;
    this.sources = { familyOf: (topic) => familyOf.get(topic), topicOf: (family) => deps.inputs[family] };
  }

  restore(entries: ReadonlyMap<string, string>, assigned: TaskPartitions): TaskStep {
    const partitions = this.deps.repartitioned?.sources ?? assigned;
    this.sourceAtEnd.clear();
    this.pipeline = this.build();
    // Memory may have run ahead of the last commit: publish every open case again (harmless on the
    // compacted view) rather than trust what this task believes it wrote.
    this.cases.reset();
    // A stored state that was never assigned partitions has processed nothing: start it as fresh.
    if (!this.pipeline.restoreStore(entries) || !this.pipeline.assigned) {
      this.pipeline = this.build();
      // A fresh task has no processing time yet: its partitions are assigned at the first one seen,
      // or they would all look idle since the epoch and the first batch could make the others late.
      this.pendingAssignment = partitions;
      return { records: [] };
    }
    this.pendingAssignment = undefined;
    const startedAt = Date.now();
    const out = this.pipeline.assign(this.byFamily(partitions), this.pipeline.processingTimeMs);
    return this.step(out, [], startedAt, this.pipeline.processingTimeMs);
  }

  process(batch: IncomingBatch, nowMs: number): TaskStep {
    if (this.deps.repartitioned) return this.processRepartitioned(batch, nowMs);
    const first = this.assignPending(nowMs);
    const startedAt = Date.now();
    const decoded = this.decode(batch);
    const atEnd = new Map([[`${batch.topic}/${batch.partition}`, readToEnd(batch)]]);
    const out = this.pipeline.processBatch(decoded.events, nowMs, [], atEnd);
    const step = this.step(out, decoded.rejected, startedAt, nowMs);
    return {
      records: [...first.records, ...step.records],
      committed: () => {
        first.committed?.();
        this.deps.accounting.batch(batch.topic, batch.partition, batch.records.length, decoded.rejected);
        step.committed?.();
      },
    };
  }

  /**
   * An area task's batch: source records its route tasks accepted (decoded again here: the records
   * stay the sources' bytes, so late events are forwarded untouched) and the sources' progress. The
   * route tasks counted and dead-lettered the input; nothing is rejected twice.
   */
  private processRepartitioned(batch: IncomingBatch, nowMs: number): TaskStep {
    const first = this.assignPending(nowMs);
    const startedAt = Date.now();
    const { runs, progress } = readRepartitioned(batch, this.sources);
    const events = runs.flatMap((run) => this.decode(run).events);
    // A source is read to its end when its route task last said so AND this task has read everything
    // routed to it: an old "at its end" followed by more of the source's records in the repartition
    // backlog is not.
    for (const p of progress) this.sourceAtEnd.set(p.partition, p.readToEnd === true);
    const routedAll = readToEnd(batch);
    const atEnd = new Map<string, boolean>();
    for (const [topic, ps] of this.deps.repartitioned?.sources ?? [])
      for (const p of ps) {
        const name = `${topic}/${p}`;
        atEnd.set(name, routedAll && (this.sourceAtEnd.get(name) ?? false));
      }
    const step = this.step(this.pipeline.processBatch(events, nowMs, progress, atEnd), [], startedAt, nowMs);
    return {
      records: [...first.records, ...step.records],
      committed: () => {
        first.committed?.();
        step.committed?.();
      },
    };
  }

  private decode(batch: IncomingBatch): DecodedBatch {
    const family = this.familyOf.get(batch.topic);
    if (!family) throw new Error(`unexpected topic ${batch.topic}`);
    return decodeBatch(batch, family, TOPIC_BY_FAMILY[family], this.deps.registry, {
      maxFutureSkewMs: this.deps.maxFutureSkewMs,
    });
  }

  punctuate(nowMs: number): TaskStep {
    const first = this.assignPending(nowMs);
    // The runtime punctuates only while every input partition is read to its end.
    const step = this.step(this.pipeline.tick(nowMs, this.pipeline.allReadToEnd()), [], Date.now(), nowMs);
    return {
      records: [...first.records, ...step.records],
      committed: () => {
        first.committed?.();
        step.committed?.();
      },
    };
  }

  private assignPending(nowMs: number): TaskStep {
    const partitions = this.pendingAssignment;
    if (partitions === undefined) return { records: [] };
    this.pendingAssignment = undefined;
    return this.step(this.pipeline.assign(this.byFamily(partitions), nowMs), [], Date.now(), nowMs);
  }

  /**
   * Swaps in a new rule set (kept windows keep their state) and resolves the alerts of rules that
   * are gone; the processor runs it between batches with {@link StreamThread.runExclusive}.
   */
  reload(next: RuleSet): TaskStep {
    this.rules = next;
    this.cases.reset(); // new deadlines: publish every open case again
    const startedAt = Date.now();
    const resolved = this.pipeline.reload(next);
    const out = this.pipeline.tick(this.pipeline.processingTimeMs);
    return this.step(
      { ...out, alerts: [...resolved, ...out.alerts] },
      [],
      startedAt,
      this.pipeline.processingTimeMs,
    );
  }

  changes(): StoreChanges {
    return this.pipeline.storeChanges();
  }

  /** The rule set in force. */
  get ruleSet(): RuleSet {
    return this.rules;
  }

  snapshot(): ReadonlyMap<string, string> {
    return this.pipeline.storeEntries();
  }

  /** Alerts firing now (for tests and the shutdown log). */
  activeAlerts(): Alert[] {
    return this.pipeline.activeAlerts();
  }

  private build(): CityPipeline<IncomingRecord> {
    return new CityPipeline<IncomingRecord>(
      // Idle only partitions read to their end: the runtime reports which are (batches' high
      // watermarks, the route tasks' progress), so idleness does not depend on read order.
      { ...this.deps.settings, watermark: { ...this.deps.settings.watermark, idleRequiresEnd: true } },
      this.rules,
      (gridId) => this.deps.registry.grid(gridId)?.areaId,
    );
  }

  private byFamily(partitions: TaskPartitions): PartitionsByFamily {
    const names = (topic: string) => (partitions.get(topic) ?? []).map((p) => `${topic}/${p}`);
    return {
      traffic: names(this.deps.inputs.traffic),
      permit: names(this.deps.inputs.permit),
      case: names(this.deps.inputs.case),
    };
  }

  private step(
    out: PipelineOutput<IncomingRecord>,
    rejected: readonly RejectedRecord[],
    startedAtMs: number,
    nowMs: number,
  ): TaskStep {
    const open = this.pipeline.openWorkOrders();
    return {
      records: outputRecords(this.deps.outputs, this.deps.formats, out, rejected, {
        cases: this.cases.changes(this.pipeline.openCases()),
        processingTimeMs: nowMs,
      }),
      committed: () => this.deps.accounting.step(out, open, startedAtMs),
    };
  }
}
