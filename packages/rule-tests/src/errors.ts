/**
 * Base class of the errors of `@citybrain/rule-tests`. Rule tests are pure, so none is retriable:
 * the same file fails the same way again.
 */
export class RuleTestError extends Error {
  /** Stable machine-readable code, e.g. `RULE_TEST_FILE_INVALID`. */
  readonly code: string;
  readonly retriable = false;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleTestError';
    this.code = code;
  }
}

/** One problem of a rule-test file: the path of the bad entry and what is wrong with it. */
export interface RuleTestFileIssue {
  readonly path: string;
  readonly message: string;
}

/** A rule-test file failed validation; `issues` names every bad entry. */
export class RuleTestFileError extends RuleTestError {
  readonly issues: readonly RuleTestFileIssue[];

  constructor(issues: readonly RuleTestFileIssue[]) {
    super(
      'RULE_TEST_FILE_INVALID',
      `invalid rule-test file: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'RuleTestFileError';
    this.issues = issues;
  }
}
