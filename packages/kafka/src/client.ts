import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@citybrain/observability';
import { RecordTracer } from './trace';

/** Settings of a Kafka client. */
export interface KafkaClientSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Connection timeout, ms (kafkajs default 1000 is short for a busy two-core machine). */
  readonly connectionTimeoutMs?: number;
  /**
   * A header that marks records to follow through this client's consumers and commits (see
   * {@link RecordTracer}); absent: no tracing.
   */
  readonly traceHeader?: string;
}

/**
 * The Kafka client handle used by the other modules of this package. kafkajs is no longer actively
 * maintained, so it stays behind this package's interface; callers never see its types.
 */
export interface KafkaClient {
  /** @internal */
  readonly kafka: Kafka;
  readonly settings: KafkaClientSettings;
  readonly logger: Logger;
  /** @internal present when `settings.traceHeader` is set. */
  readonly tracer?: RecordTracer;
}

/** Creates a client whose kafkajs logs go to the service's structured logger. */
export function createKafkaClient(settings: KafkaClientSettings, logger: Logger): KafkaClient {
  const log = logger.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? 5000,
    requestTimeout: 30_000,
    // Every kafkajs retry loop that has no retry option of its own uses this one: the seed-broker
    // connect, metadata and coordinator look-ups, and the transactional producer's InitProducerId /
    // AddPartitionsToTxn / EndTxn. Back-offs up to 5 s (the former setting) made a commit in flight
    // during a broker outage notice the broker's return up to 5 s late, nested in an outer retry.
    // Back-offs stay short (≤ 500 ms; a connection attempt to a broker that is down costs nothing)
    // and the count bounds one call to ≈ 4 s: the callers (StreamThread, retryRetriable) wait an
    // outage out themselves.
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 500 },
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ namespace, level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        const fields = { kafkajs: namespace, ...rest };
        // kafkajs is chatty at INFO (joins, rebalances): keep those at debug.
        if (level === logLevel.ERROR) log.error(fields, message);
        else if (level === logLevel.WARN) log.warn(fields, message);
        else log.debug(fields, message);
      },
  });
  return {
    kafka,
    settings,
    logger: log,
    ...(settings.traceHeader ? { tracer: new RecordTracer(settings.traceHeader, log) } : {}),
  };
}
