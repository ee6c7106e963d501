/**
 * Base of every error thrown by `@citybrain/grid`. Each subclass has a stable `name` and `code`
 * that callers and logs can match on, says whether retrying could help (`retriable`) and keeps
 * the underlying error in `cause`.
 */
export abstract class GridError extends Error {
  /** Stable machine-readable code, e.g. `GRID_REGISTRY_INVALID`. */
  abstract readonly code: string;
  /** Whether the same call could succeed if retried; registry data errors never do. */
  abstract readonly retriable: boolean;

  protected constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** One problem found while loading a grid registry. */
export interface GridRegistryIssue {
  /** Where the problem is, e.g. `grids[12]`, `areas`, `version`, or `(yaml)` for syntax errors. */
  readonly path: string;
  /** The id of the entry at `path`, when the entry has one. */
  readonly id?: string;
  /** What is wrong, e.g. `parent L99 is not a large grid`. */
  readonly reason: string;
}

/** Renders an issue as `grids[12] (G013): parent L99 is not a large grid`. */
export function formatGridRegistryIssue(issue: GridRegistryIssue): string {
  return `${issue.path}${issue.id === undefined ? '' : ` (${issue.id})`}: ${issue.reason}`;
}

/**
 * The registry data (YAML text or object) is invalid. `issues` names every bad entry found, so one
 * run shows them all; the message lists them one per line.
 */
export class GridRegistryError extends GridError {
  override readonly name = 'GridRegistryError';
  readonly code = 'GRID_REGISTRY_INVALID';
  readonly retriable = false;
  /** Every problem found, in file order within each check. */
  readonly issues: readonly GridRegistryIssue[];

  constructor(issues: readonly GridRegistryIssue[], options?: { readonly cause?: unknown }) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `invalid grid registry (${count}):\n${issues.map((i) => `  ${formatGridRegistryIssue(i)}`).join('\n')}`,
      options,
    );
    this.issues = Object.freeze([...issues]);
  }
}
