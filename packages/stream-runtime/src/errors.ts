/** An error of the stream runtime, with whether trying again may help. */
export class StreamRuntimeError extends Error {
  override readonly name = 'StreamRuntimeError';
  readonly code: string;
  readonly retriable: boolean;
  constructor(message: string, options: { code: string; retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.retriable = options.retriable;
  }
}
