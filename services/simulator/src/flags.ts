import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '@citybrain/config';

/** The simulator's command-line settings, parsed and validated. */
export interface SimulatorFlags {
  /** Seed of the scenario (day `k` of `--forever` uses `seed + k`). */
  readonly seed: number;
  /** Event-time start of the simulated period, epoch ms. */
  readonly startMs: number;
  /** Simulated duration of one run (one "day" with `--forever`), ms of event time. */
  readonly durationMs: number;
  /** Event-time ms per wall ms; 0 sends as fast as possible. */
  readonly compression: number;
  /** Largest number of records per wall second; 0 means unlimited. */
  readonly ratePerSecond: number;
  /** Share of records encoded as protobuf JSON instead of binary protobuf, 0..1. */
  readonly jsonFraction: number;
  /** Every Nth record on the wire is a malformed one (to exercise the dead-letter topic); 0 = none. */
  readonly malformedEvery: number;
  /** Simulate day after day until SIGINT/SIGTERM. */
  readonly forever: boolean;
  /** `--help` was given: print {@link SIMULATOR_USAGE} and do nothing else. */
  readonly help: boolean;
}

/** The defaults: a Longgang weekday morning rush, 90 city minutes in one wall minute. */
export const DEFAULT_FLAGS = Object.freeze({
  seed: 42,
  start: '2026-11-25T07:30:00+08:00',
  cityMinutes: 90,
  compression: 90,
  rate: 0,
  jsonFraction: 0.1,
  malformedEvery: 500,
});

/** Help text of the simulator's command line. */
export const SIMULATOR_USAGE = `usage: simulator [flags]

Publishes a seeded, reproducible scenario of Longgang's city events to Kafka, paced by event time.
Kafka and topic settings come from the environment (KAFKA_BROKERS, CITYBRAIN_TOPIC_SUFFIX, ...).

  --seed N             seed of the scenario                          (default ${DEFAULT_FLAGS.seed})
  --start ISO          event-time start, with an offset              (default ${DEFAULT_FLAGS.start})
  --city-minutes N     simulated minutes per run                     (default ${DEFAULT_FLAGS.cityMinutes})
  --compression X      event-time ms per wall ms, 0 = flat out       (default ${DEFAULT_FLAGS.compression})
  --rate N             most records per second, 0 = unlimited        (default ${DEFAULT_FLAGS.rate})
  --json-fraction F    share of records sent as JSON, 0..1           (default ${DEFAULT_FLAGS.jsonFraction})
  --malformed-every N  every Nth record is malformed, 0 = none       (default ${DEFAULT_FLAGS.malformedEvery})
  --forever            simulate day after day until SIGINT/SIGTERM
  --help               print this help
`;

const number = (what: string) =>
  z.coerce.number({ error: `must be ${what}` }).refine(Number.isFinite, `must be ${what}`);

// Keys are the flags as the operator types them, so that every issue names the flag to fix.
const flagsSchema = z.object({
  '--seed': number('an integer')
    .pipe(z.number().int('must be an integer').min(0, 'must be >= 0').max(0xffff_ffff, 'must be < 2^32'))
    .default(DEFAULT_FLAGS.seed),
  '--start': z
    .string()
    .pipe(
      z.iso.datetime({
        offset: true,
        error: 'must be an ISO-8601 date-time with Z or an offset, e.g. 2026-11-25T07:30:00+08:00',
      }),
    )
    .default(DEFAULT_FLAGS.start),
  '--city-minutes': number('a number of minutes')
    .pipe(
      z
        .number()
        .positive('must be > 0')
        .max(366 * 24 * 60, 'must be at most a year'),
    )
    .default(DEFAULT_FLAGS.cityMinutes),
  '--compression': number('a number')
    .pipe(z.number().min(0, 'must be >= 0'))
    .default(DEFAULT_FLAGS.compression),
  '--rate': number('a number of records per second')
    .pipe(z.number().min(0, 'must be >= 0'))
    .default(DEFAULT_FLAGS.rate),
  '--json-fraction': number('a fraction')
    .pipe(z.number().min(0, 'must be 0..1').max(1, 'must be 0..1'))
    .default(DEFAULT_FLAGS.jsonFraction),
  '--malformed-every': number('an integer')
    .pipe(z.number().int('must be an integer').min(0, 'must be >= 0'))
    .default(DEFAULT_FLAGS.malformedEvery),
});

/**
 * Parses the simulator's command line (`process.argv.slice(2)`).
 * @throws ConfigError naming every bad flag (an unknown flag or a stray argument included).
 */
export function parseSimulatorFlags(argv: readonly string[]): SimulatorFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        start: { type: 'string' },
        'city-minutes': { type: 'string' },
        compression: { type: 'string' },
        rate: { type: 'string' },
        'json-fraction': { type: 'string' },
        'malformed-every': { type: 'string' },
        forever: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err: unknown) {
    // node:util names the offending flag in its message ("Unknown option '--sede'").
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError([{ key: 'command line', message }], { cause: err });
  }
  const { values } = parsed;
  const raw: Record<string, string> = {};
  for (const name of [
    'seed',
    'start',
    'city-minutes',
    'compression',
    'rate',
    'json-fraction',
    'malformed-every',
  ] as const) {
    const value = values[name];
    if (value !== undefined) raw[`--${name}`] = value;
  }
  const result = flagsSchema.safeParse(raw);
  if (!result.success) {
    const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
      key: String(issue.path[0] ?? 'command line'),
      message: issue.message,
    }));
    throw new ConfigError(issues);
  }
  const f = result.data;
  return Object.freeze({
    seed: f['--seed'],
    startMs: Date.parse(f['--start']),
    durationMs: Math.round(f['--city-minutes'] * 60_000),
    compression: f['--compression'],
    ratePerSecond: f['--rate'],
    jsonFraction: f['--json-fraction'],
    malformedEvery: f['--malformed-every'],
    forever: values.forever,
    help: values.help,
  });
}
