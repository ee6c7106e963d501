import { KafkaEdgeError } from './errors';

/** How {@link retryRetriable} retries. */
export interface RetryOptions {
  /** Error code given to failures that are not already a {@link KafkaEdgeError}. */
  readonly code: string;
  /** Give up after this long, ms (default: never — until `shouldStop` says so). */
  readonly timeoutMs?: number;
  /** First back-off, ms (doubles per attempt). Default 100. */
  readonly initialBackoffMs?: number;
  /** Largest back-off, ms. Default 5000. */
  readonly maxBackoffMs?: number;
  /** Also retry errors that are not `retriable` but match (e.g. topic-creation races). */
  readonly alsoRetry?: (err: KafkaEdgeError) => boolean;
  /** Stops retrying (the last error is thrown) once this returns true, e.g. on shutdown. */
  readonly shouldStop?: () => boolean;
  /** Called before each wait, for logs and metrics. */
  readonly onRetry?: (err: KafkaEdgeError, attempt: number, backoffMs: number) => void;
}

/**
 * Runs `work` until it succeeds, retrying with exponential back-off while it fails with an error
 * whose `retriable` flag is set (kafkajs and {@link KafkaEdgeError} both carry it). The one retry
 * loop of citybrain's Kafka edge: call sites never write their own.
 * @throws KafkaEdgeError the first non-retriable error, or the last one once out of time.
 */
export async function retryRetriable<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  const initial = options.initialBackoffMs ?? 100;
  const max = options.maxBackoffMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err: unknown) {
      const edge = KafkaEdgeError.from(err, options.code);
      const retry = edge.retriable || (options.alsoRetry?.(edge) ?? false);
      if (!retry || Date.now() > deadline || (options.shouldStop?.() ?? false)) throw edge;
      const backoffMs = Math.min(initial * 2 ** (attempt - 1), max);
      options.onRetry?.(edge, attempt, backoffMs);
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
