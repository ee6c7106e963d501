import { parseArgs } from 'node:util';

/** The demo's command line. */
export interface DemoFlags {
  /** Run the simulator day after day until Ctrl-C. */
  readonly forever: boolean;
  /** Simulated minutes (per day with `forever`). */
  readonly cityMinutes: number;
  /** Event-time ms per wall ms; 0 = as fast as possible. */
  readonly compression: number;
  readonly seed: number;
  readonly help: boolean;
}

/** Help text of `deploy/bin/demo`. */
export const DEMO_USAGE = `usage: deploy/bin/demo [--forever] [--city-minutes N] [--compression X] [--seed N]

Starts a Kafka broker (unless KAFKA_BROKERS names one), the processor and the alert gateway, feeds
them a simulated Longgang morning and prints every alert as it arrives, then a summary. Exits 0 when
every rule raised at least one alert.

  --city-minutes N   simulated minutes                              (default 90)
  --compression X    event-time ms per wall ms, 0 = flat out        (default 90: 90 city minutes per wall minute)
  --seed N           scenario seed                                  (default 42)
  --forever          keep simulating, day after day, until Ctrl-C
`;

/** A bad demo flag. */
export class DemoFlagError extends Error {
  override readonly name = 'DemoFlagError';
  readonly code = 'DEMO_FLAG_INVALID';
  readonly retriable = false;
}

function number(
  flag: string,
  text: string | undefined,
  fallback: number,
  check: (n: number) => boolean,
  what: string,
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new DemoFlagError(`${flag}: "${text}" is not ${what}`);
  return n;
}

/**
 * Parses the demo's flags.
 * @throws DemoFlagError naming the bad flag.
 */
export function parseDemoFlags(argv: readonly string[]): DemoFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        forever: { type: 'boolean', default: false },
        'city-minutes': { type: 'string' },
        compression: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err: unknown) {
    throw new DemoFlagError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  return {
    forever: values.forever,
    cityMinutes: number(
      '--city-minutes',
      values['city-minutes'],
      90,
      (n) => n > 0,
      'a positive number of minutes',
    ),
    compression: number('--compression', values.compression, 90, (n) => n >= 0, 'a number >= 0'),
    seed: number(
      '--seed',
      values.seed,
      42,
      (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32,
      'an integer in [0, 2^32)',
    ),
    help: values.help,
  };
}
