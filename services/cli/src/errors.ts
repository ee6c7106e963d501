/**
 * Why a `citybrain` command failed. Stable: scripts may rely on the exit code each one maps to.
 * - `usage`: unknown subcommand or flag, or a bad flag value (exit 2);
 * - `invalid-argument`: the gateway rejected the request, e.g. an unknown grid (exit 2);
 * - `unreachable`: no connection to the alert gateway (exit 1);
 * - `refused`: the gateway refused the token, or the caller's role does not allow the request (exit 3);
 * - `failed`: any other failure of a call (exit 1).
 */
export type CliErrorCode = 'usage' | 'invalid-argument' | 'unreachable' | 'refused' | 'failed';

const EXIT_CODES: Readonly<Record<CliErrorCode, number>> = {
  usage: 2,
  'invalid-argument': 2,
  unreachable: 1,
  refused: 3,
  failed: 1,
};

/** Base class of the CLI's errors: a stable code, the process exit code it maps to, and `retriable`. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly code: CliErrorCode;
  /** Whether trying again later can succeed (the gateway may come up). */
  readonly retriable: boolean;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retriable = code === 'unreachable';
  }

  /** The process exit code: 2 for a bad command or request, 3 when refused, 1 otherwise. */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** The command line is wrong: the message says what, and the usage text follows it. */
export class CliUsageError extends CliError {
  override readonly name = 'CliUsageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}
