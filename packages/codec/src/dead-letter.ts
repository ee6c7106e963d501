/** Names of the headers a dead-lettered record carries, besides its original headers. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-citybrain-dlq-reason',
  message: 'x-citybrain-dlq-message',
  topic: 'x-citybrain-dlq-topic',
  partition: 'x-citybrain-dlq-partition',
  offset: 'x-citybrain-dlq-offset',
  failedAt: 'x-citybrain-dlq-failed-at',
  eventId: 'x-citybrain-dlq-event-id',
} as const;

/** Longest `x-citybrain-dlq-message` written, in characters; longer messages are cut. */
export const MAX_DEAD_LETTER_MESSAGE_LENGTH = 1000;

/** Why and where a record failed. */
export interface DeadLetterInfo {
  /** Stable machine reason, e.g. an `InvalidRecordReason` such as `missing-field`. */
  readonly reason: string;
  /** Human message naming the field, e.g. `event_time: missing`. */
  readonly message: string;
  /** Topic, partition and offset of the original record. */
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset, as a decimal string (offsets exceed 2^53). */
  readonly offset: string;
  /** When processing failed, epoch ms (processing time). */
  readonly failedAtMs: number;
  /** The record's `event_id`, when it could be read. */
  readonly eventId?: string | undefined;
}

/**
 * The `x-citybrain-dlq-*` headers of a dead-lettered record. Publish the original key and value
 * untouched, with these headers added to the original ones (so that `content-type` still tells
 * how to read the value). `failedAtMs` defaults to now; `failed-at` is written as RFC 3339.
 */
export function deadLetterHeaders(
  info: Omit<DeadLetterInfo, 'failedAtMs'> & { readonly failedAtMs?: number },
): Record<string, string> {
  const message =
    info.message.length > MAX_DEAD_LETTER_MESSAGE_LENGTH
      ? `${info.message.slice(0, MAX_DEAD_LETTER_MESSAGE_LENGTH - 1)}…`
      : info.message;
  return {
    [DEAD_LETTER_HEADERS.reason]: info.reason,
    [DEAD_LETTER_HEADERS.message]: message,
    [DEAD_LETTER_HEADERS.topic]: info.topic,
    [DEAD_LETTER_HEADERS.partition]: String(info.partition),
    [DEAD_LETTER_HEADERS.offset]: info.offset,
    [DEAD_LETTER_HEADERS.failedAt]: new Date(info.failedAtMs ?? Date.now()).toISOString(),
    ...(info.eventId === undefined ? {} : { [DEAD_LETTER_HEADERS.eventId]: info.eventId }),
  };
}

/**
 * Reads the `x-citybrain-dlq-*` headers back, or `undefined` when a required one is absent or
 * unreadable (the record is not a citybrain dead letter).
 */
export function parseDeadLetterHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): DeadLetterInfo | undefined {
  const { reason, message, topic, partition, offset, failedAt, eventId } = Object.fromEntries(
    Object.entries(DEAD_LETTER_HEADERS).map(([key, name]) => [key, headers[name]]),
  ) as Record<keyof typeof DEAD_LETTER_HEADERS, string | undefined>;
  if (reason === undefined || message === undefined || topic === undefined || offset === undefined)
    return undefined;
  const partitionNumber = Number(partition);
  const failedAtMs = failedAt === undefined ? Number.NaN : Date.parse(failedAt);
  if (!Number.isInteger(partitionNumber) || !Number.isFinite(failedAtMs)) return undefined;
  return {
    reason,
    message,
    topic,
    partition: partitionNumber,
    offset,
    failedAtMs,
    ...(eventId === undefined ? {} : { eventId }),
  };
}
