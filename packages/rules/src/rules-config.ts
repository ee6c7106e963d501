import { z } from 'zod';
import type { BoundedCongestionLevel, SpeedBandsKmh } from './congestion-level';
import { BOUNDED_CONGESTION_LEVELS, DEFAULT_SPEED_BANDS_KMH } from './congestion-level';
import { RulesConfigError } from './errors';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Settings of the `traffic-congestion` rule. */
export interface TrafficCongestionConfig {
  /** Whether the rule runs. Default true. */
  readonly enabled: boolean;
  /** The least congested level that fires. Default `moderate`. */
  readonly minLevel: BoundedCongestionLevel;
  /** A window with fewer observations of a road class neither fires nor resolves. Default 3. */
  readonly minObservations: number;
  /** Size of the processor's traffic windows, ms. Default 1 min. */
  readonly trafficWindowMs: number;
  /**
   * A firing alert whose grid and road class get no qualifying final window resolves once the
   * watermark passes the last firing window's end by more than this, ms. Must exceed
   * `trafficWindowMs` plus the windowing grace, or alerts flap. Default 5 min.
   */
  readonly staleAfterMs: number;
  /** Speed bands per road class, km/h. Default: the standard's table. */
  readonly speedBandsKmh: SpeedBandsKmh;
}

/** Settings of the `serious-accident` rule. */
export interface SeriousAccidentConfig {
  readonly enabled: boolean;
  /** An ongoing accident with at least this many vehicles fires even without casualties. Default 3. */
  readonly minVehicles: number;
  /**
   * How long, ms of event time past its closing event, a solved/archived incident id is remembered,
   * so that a late `onGoing` update cannot re-open it. Default 1 day.
   */
  readonly closedRetentionMs: number;
}

/** Settings of the `case-backlog-spike` rule. */
export interface CaseBacklogSpikeConfig {
  readonly enabled: boolean;
  /** Received cases per grid window that fire (medium; high at 2×). Default 6. */
  readonly threshold: number;
  /** Size of the processor's case windows, ms; the rule only reads results. Default 10 min. */
  readonly caseWindowMs: number;
  /**
   * A firing alert whose grid gets no final window resolves once the watermark passes the last
   * firing window's end by more than this, ms. Must exceed `caseWindowMs` plus the windowing grace.
   * Default 30 min.
   */
  readonly staleAfterMs: number;
}

/** Settings of the `permit-overdue` rule. */
export interface PermitOverdueConfig {
  readonly enabled: boolean;
  /** Longest time a permit may stay in one non-terminal stage (filed, review), ms. Default 8 days. */
  readonly stageDeadlineMs: number;
  /** The city's commitment from filing to construction permit, ms. Default 8 days. */
  readonly overallDeadlineMs: number;
  /**
   * How long, ms of event time past its terminal event, a finished permit id is remembered, so that a
   * late stage event cannot resurrect it. Default 1 day.
   */
  readonly closedRetentionMs: number;
}

/** Configuration of all rules. Build it with {@link parseRulesConfig} or use {@link defaultRulesConfig}. */
export interface RulesConfig {
  readonly trafficCongestion: TrafficCongestionConfig;
  readonly seriousAccident: SeriousAccidentConfig;
  readonly caseBacklogSpike: CaseBacklogSpikeConfig;
  readonly permitOverdue: PermitOverdueConfig;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The defaults (see each field's doc), deeply frozen. */
export const defaultRulesConfig: RulesConfig = deepFreeze({
  trafficCongestion: {
    enabled: true,
    minLevel: 'moderate',
    minObservations: 3,
    trafficWindowMs: MINUTE_MS,
    staleAfterMs: 5 * MINUTE_MS,
    speedBandsKmh: DEFAULT_SPEED_BANDS_KMH,
  },
  seriousAccident: { enabled: true, minVehicles: 3, closedRetentionMs: DAY_MS },
  caseBacklogSpike: {
    enabled: true,
    threshold: 6,
    caseWindowMs: 10 * MINUTE_MS,
    staleAfterMs: 30 * MINUTE_MS,
  },
  permitOverdue: {
    enabled: true,
    stageDeadlineMs: 8 * DAY_MS,
    overallDeadlineMs: 8 * DAY_MS,
    closedRetentionMs: DAY_MS,
  },
});

const durationMs = z.number().int().positive();
const count = z.number().int().min(1);
const speedKmh = z.number().positive();
const speedBand = z.strictObject({
  mostlyFree: speedKmh,
  light: speedKmh,
  moderate: speedKmh,
  severe: speedKmh,
});

const fullSchema = z
  .strictObject({
    trafficCongestion: z.strictObject({
      enabled: z.boolean(),
      minLevel: z.enum(BOUNDED_CONGESTION_LEVELS as [BoundedCongestionLevel, ...BoundedCongestionLevel[]]),
      minObservations: count,
      trafficWindowMs: durationMs,
      staleAfterMs: durationMs,
      speedBandsKmh: z.strictObject({ expressway: speedBand, arterial: speedBand, secondary: speedBand }),
    }),
    seriousAccident: z.strictObject({
      enabled: z.boolean(),
      minVehicles: count,
      closedRetentionMs: durationMs,
    }),
    caseBacklogSpike: z.strictObject({
      enabled: z.boolean(),
      threshold: count,
      caseWindowMs: durationMs,
      staleAfterMs: durationMs,
    }),
    permitOverdue: z.strictObject({
      enabled: z.boolean(),
      stageDeadlineMs: durationMs,
      overallDeadlineMs: durationMs,
      closedRetentionMs: durationMs,
    }),
  })
  .superRefine((config, ctx) => {
    for (const [roadClass, band] of Object.entries(config.trafficCongestion.speedBandsKmh)) {
      if (!(band.mostlyFree > band.light && band.light > band.moderate && band.moderate > band.severe)) {
        ctx.addIssue({
          code: 'custom',
          path: ['trafficCongestion', 'speedBandsKmh', roadClass],
          message: 'bounds must strictly decrease: mostlyFree > light > moderate > severe',
        });
      }
    }
    const tc = config.trafficCongestion;
    if (tc.staleAfterMs <= tc.trafficWindowMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['trafficCongestion', 'staleAfterMs'],
        message: `must exceed trafficWindowMs (${tc.trafficWindowMs}), or every alert goes stale between windows`,
      });
    }
    const cs = config.caseBacklogSpike;
    if (cs.staleAfterMs <= cs.caseWindowMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['caseBacklogSpike', 'staleAfterMs'],
        message: `must exceed caseWindowMs (${cs.caseWindowMs}), or every alert goes stale between windows`,
      });
    }
  });

// Compile-time guard: the hand-written interface (which carries the docs) and the schema agree.
type SchemaOutput = z.output<typeof fullSchema>;
const _configMatchesSchema: (c: SchemaOutput) => RulesConfig = (c) => c;
const _schemaMatchesConfig: (c: RulesConfig) => SchemaOutput = (c) => c;

const partialBand = speedBand.partial();
const partialSchema = z.strictObject({
  trafficCongestion: fullSchema.shape.trafficCongestion
    .extend({
      speedBandsKmh: z
        .strictObject({ expressway: partialBand, arterial: partialBand, secondary: partialBand })
        .partial(),
    })
    .partial()
    .optional(),
  seriousAccident: fullSchema.shape.seriousAccident.partial().optional(),
  caseBacklogSpike: fullSchema.shape.caseBacklogSpike.partial().optional(),
  permitOverdue: fullSchema.shape.permitOverdue.partial().optional(),
});

/**
 * A partial rules configuration, as {@link rulesConfigSchema} accepts it: any key, at any depth, may
 * be left out (or be `undefined`) and then takes its default.
 */
export type RulesConfigInput = z.input<typeof partialSchema>;

/** `defaults` overridden by the keys of `partial` that are not undefined. */
function withDefaults<T extends object>(
  defaults: T,
  partial: { readonly [K in keyof T]?: T[K] | undefined } | undefined,
): T {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function mergeWithDefaults(input: z.output<typeof partialSchema>): RulesConfig {
  const d = defaultRulesConfig;
  const { speedBandsKmh: bands, ...trafficCongestion } = input.trafficCongestion ?? {};
  return {
    trafficCongestion: {
      ...withDefaults(d.trafficCongestion, trafficCongestion),
      speedBandsKmh: {
        expressway: withDefaults(d.trafficCongestion.speedBandsKmh.expressway, bands?.expressway),
        arterial: withDefaults(d.trafficCongestion.speedBandsKmh.arterial, bands?.arterial),
        secondary: withDefaults(d.trafficCongestion.speedBandsKmh.secondary, bands?.secondary),
      },
    },
    seriousAccident: withDefaults(d.seriousAccident, input.seriousAccident),
    caseBacklogSpike: withDefaults(d.caseBacklogSpike, input.caseBacklogSpike),
    permitOverdue: withDefaults(d.permitOverdue, input.permitOverdue),
  };
}

/**
 * Validates a partial rules configuration (any key may be left out, at any depth), fills in the
 * defaults and yields a deeply frozen {@link RulesConfig}. Unknown keys are errors, reported by path.
 *
 * @example
 * ```ts
 * const config = rulesConfigSchema.parse({ caseBacklogSpike: { threshold: 10 } });
 * ```
 */
export const rulesConfigSchema: z.ZodType<RulesConfig, RulesConfigInput> = partialSchema
  .transform(mergeWithDefaults)
  .pipe(fullSchema)
  .transform((config): RulesConfig => deepFreeze(config));

/**
 * Parses a partial rules configuration into a frozen {@link RulesConfig}.
 *
 * @throws RulesConfigError naming every bad key, e.g. `caseBacklogSpike.threshold: Too small ...`
 */
export function parseRulesConfig(input: unknown): RulesConfig {
  const parsed = rulesConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'unknown key' }));
    }
    return [{ path, message: issue.message }];
  });
  throw new RulesConfigError(issues, { cause: parsed.error });
}
