/**
 * An error at citybrain's Kafka edge. `retriable` says whether trying again may succeed (the broker
 * was unreachable, a leader moved), as opposed to a permanent failure (topic config rejected).
 */
export class KafkaEdgeError extends Error {
  override readonly name = 'KafkaEdgeError';
  readonly code: string;
  readonly retriable: boolean;
  readonly topic: string | undefined;
  constructor(
    message: string,
    options: { code: string; retriable: boolean; topic?: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.retriable = options.retriable;
    this.topic = options.topic;
  }

  /** Wraps anything kafkajs threw, keeping its `retriable` flag. */
  static from(err: unknown, code: string, topic?: string): KafkaEdgeError {
    if (err instanceof KafkaEdgeError) return err;
    const retriable = typeof err === 'object' && err !== null && 'retriable' in err && err.retriable === true;
    const message = err instanceof Error ? err.message : String(err);
    return new KafkaEdgeError(`${code}: ${message}`, {
      code,
      retriable,
      cause: err,
      ...(topic === undefined ? {} : { topic }),
    });
  }
}
