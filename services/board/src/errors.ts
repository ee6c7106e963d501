/** Why the board server refused or failed something. */
export type BoardErrorCode = 'static-dir-missing' | 'bad-request' | 'gateway-unavailable';

/** A typed error of the board server. */
export class BoardError extends Error {
  override readonly name = 'BoardError';
  constructor(
    readonly code: BoardErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Only a gateway that is not reachable yet may answer later. */
  get retriable(): boolean {
    return this.code === 'gateway-unavailable';
  }
}
