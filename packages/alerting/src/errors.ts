/**
 * Base of every error thrown by `@citybrain/alerting`: a stable `name` and `code`, whether retrying
 * could help (`retriable`, never for these data errors), the underlying error in `cause`.
 */
export abstract class AlertingError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_MATCHER`. */
  abstract readonly code: string;
  /** Whether the same call could succeed if retried. */
  abstract readonly retriable: boolean;

  protected constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** A matcher, silence or inhibit rule is invalid; `field` names the part at fault (e.g. `matchers[1].value`). */
export class InvalidAlertingInputError extends AlertingError {
  override readonly name = 'InvalidAlertingInputError';
  readonly code = 'INVALID_ALERTING_INPUT';
  readonly retriable = false;
  constructor(
    /** The field at fault, e.g. `matchers[0].value`. */
    readonly field: string,
    /** What is wrong with it. */
    readonly reason: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${field}: ${reason}`, options);
  }
}
