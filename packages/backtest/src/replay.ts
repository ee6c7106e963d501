import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { Alert, EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import { decodeBatch } from '@citybrain/ingest';
import type { IncomingBatch, IncomingRecord } from '@citybrain/kafka';
import { CityPipeline, type PartitionsByFamily, type PipelineSettings } from '@citybrain/pipeline';
import type { RuleSet } from '@citybrain/rules';

/** An alert message of the replay, with the processing time of the step that raised it. */
export interface ReplayedAlert {
  readonly alert: Alert;
  /** Processing time of the step (the newest record timestamp read so far), epoch ms. */
  readonly atMs: number;
}

/** What a {@link Replay} needs: the processor's settings, a rule set and the input topics. */
export interface ReplayOptions {
  /** The processor's window and watermark settings (its `CITYBRAIN_*` variables). */
  readonly settings: PipelineSettings;
  /** How far an event may be ahead of its record's timestamp, ms (`CITYBRAIN_MAX_FUTURE_SKEW`). */
  readonly maxFutureSkewMs: number;
  readonly ruleSet: RuleSet;
  readonly registry: GridRegistry;
  /** The input topics by family (names may carry a deployment suffix). */
  readonly inputs: Readonly<Record<EventFamily, string>>;
  /** Every input partition the processor's task owns, by topic. */
  readonly partitions: ReadonlyMap<string, readonly number[]>;
}

/** Counts of a replay so far. */
export interface ReplayCounts {
  readonly records: number;
  /** Records that entered the pipeline. */
  readonly events: number;
  /** Records the processor would have dead-lettered. */
  readonly rejected: number;
  /** Events the processor would have sent to the late topic. */
  readonly late: number;
}

/**
 * The processor's task replayed offline: the same decode ({@link decodeBatch}) and the same
 * {@link CityPipeline}, fresh, with the task's partitions assigned at the first batch and processing
 * time taken from the records' timestamps (the running maximum), as the processor's stream thread
 * does. Writes nothing: alerts are collected with the processing time that raised them. Pure.
 */
export class Replay {
  private readonly pipeline: CityPipeline<IncomingRecord>;
  private readonly familyOf: ReadonlyMap<string, EventFamily>;
  private nowMs = Number.NEGATIVE_INFINITY;
  private assigned = false;
  private readonly collected: ReplayedAlert[] = [];
  private counts = { records: 0, events: 0, rejected: 0, late: 0 };

  constructor(private readonly options: ReplayOptions) {
    const { registry } = options;
    this.pipeline = new CityPipeline<IncomingRecord>(
      options.settings,
      options.ruleSet,
      (gridId) => registry.grid(gridId)?.areaId,
    );
    this.familyOf = new Map(
      Object.entries(options.inputs).map(([family, topic]) => [topic, family as EventFamily]),
    );
  }

  /** Processes one batch of one input partition. @throws Error for a topic that is not an input. */
  process(batch: IncomingBatch): void {
    const family = this.familyOf.get(batch.topic);
    if (family === undefined) throw new Error(`unexpected topic ${batch.topic}`);
    for (const r of batch.records) if (r.timestampMs > this.nowMs) this.nowMs = r.timestampMs;
    const nowMs = this.nowMs;
    if (!this.assigned) {
      // As the processor's fresh task: its partitions are assigned at the first processing time.
      this.assigned = true;
      this.take(this.pipeline.assign(this.byFamily(), nowMs).alerts, nowMs);
    }
    const decoded = decodeBatch(batch, family, TOPIC_BY_FAMILY[family], this.options.registry, {
      maxFutureSkewMs: this.options.maxFutureSkewMs,
    });
    const out = this.pipeline.processBatch(decoded.events, nowMs);
    this.take(out.alerts, nowMs);
    this.counts = {
      records: this.counts.records + batch.records.length,
      events: this.counts.events + decoded.events.length,
      rejected: this.counts.rejected + decoded.rejected.length,
      late: this.counts.late + out.late.length,
    };
  }

  /** Every alert message raised so far, in order. */
  get alerts(): readonly ReplayedAlert[] {
    return this.collected;
  }

  /** Counts so far. */
  get progress(): ReplayCounts {
    return this.counts;
  }

  private take(alerts: readonly Alert[], atMs: number): void {
    for (const alert of alerts) this.collected.push({ alert, atMs });
  }

  private byFamily(): PartitionsByFamily {
    const names = (family: EventFamily) => {
      const topic = this.options.inputs[family];
      return (this.options.partitions.get(topic) ?? []).map((p) => `${topic}/${p}`);
    };
    return { traffic: names('traffic'), permit: names('permit'), case: names('case') };
  }
}
