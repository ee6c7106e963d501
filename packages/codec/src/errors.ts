/**
 * Why a record was rejected. Stable and bounded: metrics label dead-lettered records with it.
 * - `empty-value`: the record has no value (a tombstone) or an empty one.
 * - `unknown-topic`: the topic is not an input topic of citybrain.
 * - `unsupported-content-type`: the `content-type` header is neither protobuf nor JSON.
 * - `malformed-protobuf`: the value is not a protobuf message of the topic's type.
 * - `malformed-json`: the value is not UTF-8 JSON text of an object.
 * - `missing-field`: a required field is absent or empty.
 * - `invalid-field`: a field has the wrong JSON type or a value out of its range.
 * - `unspecified-enum`: an enum field is absent or `*_UNSPECIFIED`.
 * - `location-missing`: the event has neither a grid id nor coordinates.
 * - `payload-missing`: a traffic event has neither an observation nor an incident.
 */
export type InvalidRecordReason =
  | 'empty-value'
  | 'unknown-topic'
  | 'unsupported-content-type'
  | 'malformed-protobuf'
  | 'malformed-json'
  | 'missing-field'
  | 'invalid-field'
  | 'unspecified-enum'
  | 'location-missing'
  | 'payload-missing';

/** Every {@link InvalidRecordReason}, for metrics pre-registration and exhaustive tests. */
export const INVALID_RECORD_REASONS: readonly InvalidRecordReason[] = [
  'empty-value',
  'unknown-topic',
  'unsupported-content-type',
  'malformed-protobuf',
  'malformed-json',
  'missing-field',
  'invalid-field',
  'unspecified-enum',
  'location-missing',
  'payload-missing',
];

/** Stable machine codes of {@link CodecError}s. */
export type CodecErrorCode = 'INVALID_EVENT' | 'INVALID_ALERT';

/**
 * Base error of `@citybrain/codec`. `code` is stable. Codec errors are never `retriable`: the
 * same bytes always fail the same way, so the record belongs in the dead-letter topic.
 */
export class CodecError extends Error {
  override readonly name: string = 'CodecError';
  /** Stable machine code. */
  readonly code: CodecErrorCode;
  /** Whether retrying the same operation may succeed; always false for codec errors. */
  readonly retriable: boolean = false;

  constructor(code: CodecErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Fields shared by {@link InvalidEventError} and {@link InvalidAlertError}. */
export interface InvalidRecordDetails {
  /** Why the record was rejected. */
  readonly reason: InvalidRecordReason;
  /** The offending field as a snake_case proto path, e.g. `observation.occupancy`; absent for whole-record failures. */
  readonly field?: string;
  /** What is wrong, e.g. `missing` or `1.5 is outside [0, 1]`. */
  readonly detail: string;
  /** The underlying parser error, if any. */
  readonly cause?: unknown;
}

function describe(details: InvalidRecordDetails): string {
  return details.field === undefined ? details.detail : `${details.field}: ${details.detail}`;
}

/**
 * A Kafka record that is not a valid city event. `message` names the field, e.g.
 * `event_time: missing`; `reason` is the stable machine code.
 */
export class InvalidEventError extends CodecError {
  override readonly name = 'InvalidEventError';
  /** Why the record was rejected. */
  readonly reason: InvalidRecordReason;
  /** The offending field (snake_case proto path), when one is to blame. */
  readonly field: string | undefined;
  /** The topic the record came from. */
  readonly topic: string;
  /** The record's `event_id` when it could be read, to correlate with the source. */
  readonly eventId: string | undefined;

  constructor(details: InvalidRecordDetails & { readonly topic: string; readonly eventId?: string }) {
    super(
      'INVALID_EVENT',
      describe(details),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.reason = details.reason;
    this.field = details.field;
    this.topic = details.topic;
    this.eventId = details.eventId;
  }
}

/** An alert payload that is not a valid alert. `message` names the field, e.g. `starts_at: missing`. */
export class InvalidAlertError extends CodecError {
  override readonly name = 'InvalidAlertError';
  /** Why the payload was rejected. */
  readonly reason: InvalidRecordReason;
  /** The offending field (snake_case proto path), when one is to blame. */
  readonly field: string | undefined;

  constructor(details: InvalidRecordDetails) {
    super(
      'INVALID_ALERT',
      describe(details),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.reason = details.reason;
    this.field = details.field;
  }
}
