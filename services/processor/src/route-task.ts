import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { EventFamily } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import type { IncomingBatch } from '@citybrain/kafka';
import type { StoreChanges, TaskLogic, TaskStep } from '@citybrain/stream-runtime';
import type { Accounting } from './accounting';
import { decodeBatch } from '@citybrain/ingest';
import { deadLetterRecords } from './output-records';
import { repartitionRecords, type RepartitionFormat } from './repartition';

/** What a route task needs. */
export interface RouteTaskDeps {
  readonly registry: GridRegistry;
  /** Event family per input topic. */
  readonly familyOf: ReadonlyMap<string, EventFamily>;
  readonly deadLetterTopic: string;
  readonly repartition: {
    readonly topic: string;
    readonly partitions: number;
    readonly partitionOf: (areaId: string) => number;
    readonly format: RepartitionFormat;
  };
  readonly accounting: Accounting;
  readonly maxFutureSkewMs: number;
}

/**
 * A route task (the first sub-topology, one per input partition index): decodes and validates its
 * input partitions' records as the processor always has (dead letters, future event times), locates
 * each event's grid and area, and writes each good record to the repartition topic keyed by its area,
 * with its source and time, plus the source's progress to every repartition partition. Stateless: its
 * only state is its input offsets, committed in the same transaction as what it wrote.
 */
export class RouteTask implements TaskLogic {
  constructor(private readonly deps: RouteTaskDeps) {}

  restore(): TaskStep {
    return { records: [] };
  }

  process(batch: IncomingBatch): TaskStep {
    const { deps } = this;
    const family = deps.familyOf.get(batch.topic);
    if (!family) throw new Error(`unexpected topic ${batch.topic}`);
    const decoded = decodeBatch(batch, family, TOPIC_BY_FAMILY[family], deps.registry, {
      maxFutureSkewMs: deps.maxFutureSkewMs,
    });
    const { topic, partitions, partitionOf, format } = deps.repartition;
    return {
      records: [
        ...deadLetterRecords(deps.deadLetterTopic, decoded.rejected),
        ...repartitionRecords(topic, partitions, partitionOf, batch, family, decoded.events, format),
      ],
      committed: () =>
        deps.accounting.batch(batch.topic, batch.partition, batch.records.length, decoded.rejected),
    };
  }

  punctuate(): TaskStep {
    return { records: [] };
  }

  changes(): StoreChanges {
    return NO_CHANGES;
  }

  snapshot(): ReadonlyMap<string, string> {
    return NO_STATE;
  }
}

const NO_STATE: ReadonlyMap<string, string> = new Map();
const NO_CHANGES: StoreChanges = { upserts: NO_STATE, deletes: new Set() };
