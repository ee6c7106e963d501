/**
 * Error codes of the simulator's scenario generator. Stable: callers may switch on them.
 * - `SCENARIO_OPTIONS_INVALID`: the options given to `generateScenario` / `plannedIncidents` are out of range.
 */
export type SimulatorErrorCode = 'SCENARIO_OPTIONS_INVALID';

/** Base class of every error thrown by the simulator's scenario generator. */
export class SimulatorError extends Error {
  override readonly name: string = 'SimulatorError';
  /** Stable machine-readable code. */
  readonly code: SimulatorErrorCode;
  /** Whether retrying the same call can succeed. Option errors never can. */
  readonly retriable: boolean;

  constructor(code: SimulatorErrorCode, message: string, options?: { cause?: unknown; retriable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options?.retriable ?? false;
  }
}

/** One rejected option: where it is (e.g. `grids.3.centroid.lat`) and what is wrong with it. */
export interface ScenarioOptionIssue {
  readonly path: string;
  readonly message: string;
}

/** The scenario options are invalid. Names every bad key at once, not only the first. */
export class ScenarioOptionsError extends SimulatorError {
  override readonly name = 'ScenarioOptionsError';
  /** Every rejected option, in the order the schema found them. */
  readonly issues: readonly ScenarioOptionIssue[];

  constructor(issues: readonly ScenarioOptionIssue[], options?: { cause?: unknown }) {
    super(
      'SCENARIO_OPTIONS_INVALID',
      `invalid scenario options: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
    this.issues = issues;
  }
}
