import { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors';

/** Environment variables as the process received them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses environment variables with a zod object schema whose keys ARE the variable names, so that
 * every issue names the variable to fix. Empty strings count as unset. Returns a deeply frozen value.
 *
 * @throws ConfigError naming every bad variable.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(issuesOf(result.error));
  return deepFreeze(result.data);
}

/** Turns zod issues into operator-facing issues keyed by the variable or field path. */
export function issuesOf(error: z.ZodError, prefix = ''): ConfigIssue[] {
  return error.issues.map((issue) => ({
    key: prefix + (issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'),
    message: issue.message,
  }));
}

/** Freezes a value and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** A TCP port, 0 meaning "any free port" (useful in tests). */
export const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be an integer')
  .min(0, 'must be 0..65535')
  .max(65535, 'must be 0..65535');

/** A positive duration in milliseconds. */
export const durationMs = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be an integer number of milliseconds')
  .min(0, 'must be >= 0');

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * A duration with a unit, parsed to milliseconds: `500ms`, `30s`, `5m`, `2h`, `1d`; a bare number is
 * milliseconds. For the few settings named by the issue tracker without a unit in their name.
 */
export const duration = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)?$/, 'must be a duration such as 500ms, 30s, 5m, 2h or 1d')
  .transform((text) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text)!;
    return Math.round(Number(m[1]) * DURATION_UNITS_MS[m[2] ?? 'ms']!);
  });

/** A positive integer. */
export const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int('must be an integer')
  .min(1, 'must be >= 1');

/** A comma-separated list of `host:port` Kafka bootstrap addresses. */
export const brokerList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b.length > 0),
  )
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, 'each broker must be host:port'))
      .min(1, 'at least one broker'),
  );

/** Log levels understood by the logger. */
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
