/**
 * Error codes of `@citybrain/windowing`. Stable: callers may switch on them.
 * - `WINDOW_SPEC_INVALID`: a window assigner, watermark option or engine option is out of range.
 * - `SNAPSHOT_INVALID`: a snapshot cannot be restored (wrong version, wrong window kind, malformed).
 */
export type WindowingErrorCode = 'WINDOW_SPEC_INVALID' | 'SNAPSHOT_INVALID';

/** Base class of every error thrown by `@citybrain/windowing`. */
export class WindowingError extends Error {
  override readonly name: string = 'WindowingError';
  /** Stable machine-readable code. */
  readonly code: WindowingErrorCode;
  /** Whether retrying the same call can succeed. Configuration and snapshot errors never can. */
  readonly retriable: boolean;

  constructor(code: WindowingErrorCode, message: string, options?: { cause?: unknown; retriable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options?.retriable ?? false;
  }
}

/** A window assigner, watermark option or engine option is invalid. Names the offending field and value. */
export class WindowSpecError extends WindowingError {
  override readonly name = 'WindowSpecError';
  /** The option that is wrong, e.g. `sizeMs` or `watermark.idleTimeoutMs`. */
  readonly field: string;
  /** The rejected value. */
  readonly value: unknown;

  constructor(field: string, value: unknown, requirement: string) {
    super('WINDOW_SPEC_INVALID', `${field} must be ${requirement}, got ${String(value)}`);
    this.field = field;
    this.value = value;
  }
}

/** A snapshot cannot be restored into the engine it was given to. */
export class SnapshotError extends WindowingError {
  override readonly name = 'SnapshotError';
  /** What was wrong with the snapshot, e.g. `version` or `windows.kind`. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('SNAPSHOT_INVALID', message, options);
    this.field = field;
  }
}
