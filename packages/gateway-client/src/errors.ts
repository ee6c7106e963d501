/**
 * Why a call to the alert gateway (or the settings for it) failed. Stable: the `citybrain` command
 * maps each to its exit code, and scripts may rely on those.
 * - `usage`: unknown subcommand or flag, or a bad flag value (exit 2);
 * - `invalid-argument`: the gateway rejected the request, e.g. an unknown grid (exit 2);
 * - `unreachable`: no connection to the alert gateway (exit 1);
 * - `refused`: the gateway refused the token, or the caller's role does not allow the request (exit 3);
 * - `failed`: any other failure of a call (exit 1).
 */
export type GatewayClientErrorCode = 'usage' | 'invalid-argument' | 'unreachable' | 'refused' | 'failed';

const EXIT_CODES: Readonly<Record<GatewayClientErrorCode, number>> = {
  usage: 2,
  'invalid-argument': 2,
  unreachable: 1,
  refused: 3,
  failed: 1,
};

/** Base class of the gateway client's errors: a stable code, the process exit code it maps to, and `retriable`. */
export class GatewayClientError extends Error {
  override readonly name: string = 'GatewayClientError';
  readonly code: GatewayClientErrorCode;
  /** Whether trying again later can succeed (the gateway may come up). */
  readonly retriable: boolean;

  constructor(code: GatewayClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retriable = code === 'unreachable';
  }

  /** The process exit code: 2 for a bad command or request, 3 when refused, 1 otherwise. */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** The caller's settings (a command line's flags) are wrong: the message names the bad one. */
export class GatewayClientUsageError extends GatewayClientError {
  override readonly name = 'GatewayClientUsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}
