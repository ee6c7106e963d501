import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  commonEnvSchema,
  duration,
  durationMs,
  parseEnv,
  positiveInt,
  toCommonConfig,
  type Env,
  type TopicNames,
} from '@citybrain/config';
import type { PipelineSettings } from '@citybrain/pipeline';

/** The rule file shipped with the project (the processor's default too). */
export const SHIPPED_RULES_FILE = fileURLToPath(
  new URL('../../../deploy/config/rules.yaml', import.meta.url),
);

/**
 * The processor's variables that decide what its pipeline does, with the processor's defaults
 * (services/processor/src/config.ts; `backtest-settings.test.ts` checks them against the generated
 * configuration reference): a backtest must run the pipeline exactly as the processor runs it.
 * Not a service's schema: the CLI reads these only for `rules backtest`.
 */
const backtestEnvSchema = commonEnvSchema.extend({
  CITYBRAIN_GRIDS_FILE: z.string().min(1).optional(),
  CITYBRAIN_RULES_FILE: z.string().min(1).optional(),
  CITYBRAIN_WINDOW_GRACE_MS: durationMs.default(0),
  CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS: durationMs.default(5_000),
  CITYBRAIN_IDLE_TIMEOUT_MS: positiveInt.default(10_000),
  CITYBRAIN_IDLE_ADVANCE_AFTER_MS: durationMs.default(30_000),
  CITYBRAIN_EVENT_TIME_RATE: z.coerce.number().positive('must be > 0').default(1),
  CITYBRAIN_MAX_FUTURE_SKEW: duration.default(5 * 60_000),
});

/** What `rules backtest` takes from the environment. */
export interface BacktestSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Input and output topic names (with `CITYBRAIN_TOPIC_SUFFIX` and `CITYBRAIN_OUTPUT_TOPIC_SUFFIX`). */
  readonly topics: TopicNames;
  readonly pipeline: PipelineSettings;
  readonly maxFutureSkewMs: number;
  /** `CITYBRAIN_RULES_FILE`: the rules in force, the default candidate. */
  readonly rulesFile: string;
  /** `CITYBRAIN_GRIDS_FILE`, if set. */
  readonly gridsFile: string | undefined;
}

/**
 * Parses the backtest's settings from the environment.
 * @throws ConfigError naming every bad variable.
 */
export function loadBacktestSettings(env: Env): BacktestSettings {
  const e = parseEnv(backtestEnvSchema, env);
  const common = toCommonConfig(e, 'backtest', 0);
  return Object.freeze({
    brokers: common.kafka.brokers,
    clientId: common.kafka.clientId,
    topics: common.topics,
    pipeline: {
      graceMs: e.CITYBRAIN_WINDOW_GRACE_MS,
      watermark: {
        maxOutOfOrdernessMs: e.CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS,
        idleTimeoutMs: e.CITYBRAIN_IDLE_TIMEOUT_MS,
        idleAdvanceAfterMs: e.CITYBRAIN_IDLE_ADVANCE_AFTER_MS,
        eventTimePerProcessingMs: e.CITYBRAIN_EVENT_TIME_RATE,
      },
    },
    maxFutureSkewMs: e.CITYBRAIN_MAX_FUTURE_SKEW,
    rulesFile: e.CITYBRAIN_RULES_FILE ?? SHIPPED_RULES_FILE,
    gridsFile: e.CITYBRAIN_GRIDS_FILE,
  });
}
