/** Stable machine codes of {@link ProtoError}s. */
export type ProtoErrorCode = 'PROTO_LOAD_FAILED';

/**
 * Base error of `@citybrain/proto`. `code` is stable; `retriable` is false for every error here
 * because the proto files ship with the code: a failure to load them is a packaging defect.
 */
export class ProtoError extends Error {
  override readonly name: string = 'ProtoError';
  /** Stable machine code. */
  readonly code: ProtoErrorCode;
  /** Whether retrying the same operation may succeed. */
  readonly retriable: boolean = false;

  constructor(code: ProtoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The `.proto` files could not be read or parsed. */
export class ProtoLoadError extends ProtoError {
  override readonly name = 'ProtoLoadError';
  /** The proto root directory the files were loaded from. */
  readonly protoRootDir: string;

  constructor(protoRootDir: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('PROTO_LOAD_FAILED', `cannot load the citybrain proto files from ${protoRootDir}: ${detail}`, {
      cause,
    });
    this.protoRootDir = protoRootDir;
  }
}
