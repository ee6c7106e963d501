/** One bad configuration key and why it is bad. */
export interface ConfigIssue {
  /** The key as the operator wrote it (an environment variable name or a file path + field path). */
  readonly key: string;
  readonly message: string;
}

/**
 * Start-up configuration is invalid. The message names every bad key so an operator can fix them all
 * at once. Never retriable: the service must not start.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly retriable = false;
  constructor(
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i.key}: ${i.message}`).join('\n')}`, options);
  }
}
