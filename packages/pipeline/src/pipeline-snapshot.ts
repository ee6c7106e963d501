import type { EventFamily } from '@citybrain/domain';
import type { CityRuleEngineSnapshot } from '@citybrain/rules';
import type { EngineSnapshot, WatermarkSnapshot } from '@citybrain/windowing';

/** Assigned source partitions (`topic/partition`) by event family. */
export type PartitionsByFamily = Readonly<Record<EventFamily, readonly string[]>>;

/**
 * The whole state of a `CityPipeline`, JSON-serialisable: every window engine (with the measure it
 * was built for), the KPI engine, the event-time clock of the rules' timers and the rule engine.
 * The processor keeps it in a changelogged state store as named entries (see `store-entries.ts`),
 * written in the same transaction as the outputs it produced and the input offsets, so a restore
 * continues exactly where the committed input left off.
 */
export interface PipelineSnapshot {
  readonly version: 2;
  readonly windows: readonly {
    readonly id: string;
    readonly measure: unknown;
    readonly engine: EngineSnapshot;
    readonly maxEventTimeMs: number | null;
  }[];
  readonly kpi: {
    readonly engine: EngineSnapshot;
    readonly maxEventTimeMs: number | null;
    /**
     * Per grid, the congestion level of its latest final KPI window and that window's start, as
     * `[gridId, level, startMs]` (absent in stores written before 2026-11-30: none known then).
     */
    readonly levels?: readonly (readonly [string, number, number])[];
  };
  readonly clock: WatermarkSnapshot;
  readonly rules: CityRuleEngineSnapshot;
  readonly partitions: PartitionsByFamily | null;
  readonly lastNowMs: number;
}
