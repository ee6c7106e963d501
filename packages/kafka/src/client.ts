import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@citybrain/observability';

/** Settings of a Kafka client. */
export interface KafkaClientSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Connection timeout, ms (kafkajs default 1000 is short for a busy two-core machine). */
  readonly connectionTimeoutMs?: number;
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
}

/** Creates a client whose kafkajs logs go to the service's structured logger. */
export function createKafkaClient(settings: KafkaClientSettings, logger: Logger): KafkaClient {
  const log = logger.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? 5000,
    requestTimeout: 30_000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
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
  return { kafka, settings, logger: log };
}
