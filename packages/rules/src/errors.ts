/**
 * Base class of every error thrown by `@citybrain/rules`. Rules are pure, so none of these errors is
 * retriable: the same input fails the same way again.
 */
export class RulesError extends Error {
  /** Stable machine-readable code, e.g. `RULES_CONFIG_INVALID`. */
  readonly code: string;
  /** Retrying the same call cannot succeed: rules do no I/O. */
  readonly retriable = false;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RulesError';
    this.code = code;
  }
}

/** One problem found in a rule file: the path of the bad entry and what is wrong with it. */
export interface RulesConfigIssue {
  /** Path of the bad entry, e.g. `rules[2](traffic-congestion).condition.op`; empty for the root. */
  readonly path: string;
  readonly message: string;
}

/** A rule file failed validation (`parseRuleSet`); `issues` names every bad entry. */
export class RulesConfigError extends RulesError {
  readonly issues: readonly RulesConfigIssue[];

  constructor(issues: readonly RulesConfigIssue[], options?: { cause?: unknown }) {
    super(
      'RULES_CONFIG_INVALID',
      `invalid rules config: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
    this.name = 'RulesConfigError';
    this.issues = issues;
  }
}

/** A speed given to `congestionLevel` is not a finite, non-negative number of km/h. */
export class InvalidSpeedError extends RulesError {
  readonly speedKmh: number;

  constructor(speedKmh: number) {
    super('RULES_INVALID_SPEED', `speed must be a finite number ≥ 0 km/h, got ${speedKmh}`);
    this.name = 'InvalidSpeedError';
    this.speedKmh = speedKmh;
  }
}
