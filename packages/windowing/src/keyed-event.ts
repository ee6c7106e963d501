/** One input record of the engine. */
export interface KeyedEvent<E> {
  /** Aggregation key, e.g. a grid id. State of different keys never interacts. */
  readonly key: string;
  /**
   * Event time, epoch ms: a whole number within ±8.64e15 (see `isEventTimeMs`). Other events (NaN,
   * infinite, fractional, beyond the date range) are returned in `invalid`.
   */
  readonly timestampMs: number;
  /** Source partition, e.g. `"city.traffic.v1/3"`. The watermark is tracked per partition. */
  readonly partition: string;
  /** The payload handed to the aggregator. */
  readonly value: E;
}

/**
 * One engine input: a batch of events received at processing time `nowMs`, or a processing-time
 * tick that lets idleness and the processing-time fallback advance the watermark while no events
 * arrive. `nowMs` is processing (wall-clock) time, epoch ms, supplied by the caller so that the
 * engine stays pure and testable.
 */
export type EngineInput<E> =
  | {
      readonly kind: 'events';
      readonly events: readonly KeyedEvent<E>[];
      readonly nowMs: number;
      readonly readToEnd?: ReadToEnd;
    }
  | { readonly kind: 'tick'; readonly nowMs: number; readonly readToEnd?: ReadToEnd }
  /**
   * The source partitions now assigned to this operator (e.g. after a Kafka rebalance). A partition
   * that has not delivered an event yet holds the watermark back until it does or goes idle, so the
   * first batch of one partition cannot make another partition's older events late. Partitions no
   * longer listed are forgotten.
   */
  | { readonly kind: 'assign'; readonly partitions: readonly string[]; readonly nowMs: number };

/**
 * Per source partition (`topic/partition`), whether it has been read to its end as of an input:
 * what the watermark option `idleRequiresEnd` needs (applied after the input's events, before the
 * watermark advances). Partitions not listed keep what they were last reported.
 */
export type ReadToEnd = ReadonlyMap<string, boolean>;
