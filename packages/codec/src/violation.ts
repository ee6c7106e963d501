import type { InvalidRecordDetails, InvalidRecordReason } from './errors';

/**
 * Thrown by the converters when a wire object breaks the contract; the public entry points catch
 * it and return an `InvalidEventError` or `InvalidAlertError` that adds the record's context.
 * Internal: never escapes the package.
 */
export class Violation extends Error {
  override readonly name = 'Violation';
  readonly reason: InvalidRecordReason;
  readonly field: string | undefined;
  readonly detail: string;

  constructor(
    reason: InvalidRecordReason,
    field: string | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(field === undefined ? detail : `${field}: ${detail}`, options);
    this.reason = reason;
    this.field = field;
    this.detail = detail;
  }

  /** The details without `undefined` members, as `exactOptionalPropertyTypes` wants them. */
  details(): InvalidRecordDetails {
    return {
      reason: this.reason,
      detail: this.detail,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.cause === undefined ? {} : { cause: this.cause }),
    };
  }
}
