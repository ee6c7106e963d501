/**
 * The processor's input edge, shared by the processor and `citybrain rules backtest` so that a
 * replay reads every record exactly as production does: {@link decodeBatch} turns one Kafka batch
 * into located pipeline events (protobuf or JSON by the `content-type` header, validated against the
 * contract, checked against its topic, bounded in event time, resolved to a grid) and the records
 * that cannot enter, each with a bounded reason for the dead-letter topic.
 *
 * @example
 * ```ts
 * import { decodeBatch } from '@citybrain/ingest';
 * const { events, rejected } = decodeBatch(batch, 'traffic', TOPIC_BY_FAMILY.traffic, registry);
 * const out = pipeline.processBatch(events, nowMs);
 * ```
 */
export {
  decodeBatch,
  DEFAULT_MAX_FUTURE_SKEW_MS,
  FUTURE_EVENT_TIME,
  MISSING_KEY,
  type DecodeOptions,
  type DecodedBatch,
  type RejectedRecord,
} from './decode-batch';
