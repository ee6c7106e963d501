/**
 * Configuration parsed once, at start-up, by a schema (zod), into a frozen typed object. A bad value
 * stops the service with a {@link ConfigError} whose message names every bad key.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { commonEnvSchema, parseEnv, port, toCommonConfig } from '@citybrain/config';
 * const env = parseEnv(commonEnvSchema.extend({ MY_PORT: port.default(8080) }), process.env);
 * const common = toCommonConfig(env, 'my-service', env.MY_PORT);
 * ```
 */
export { ConfigError, type ConfigIssue } from './errors';
export { readConfigFile } from './config-file';
export {
  parseEnv,
  issuesOf,
  deepFreeze,
  port,
  durationMs,
  duration,
  positiveInt,
  brokerList,
  logLevel,
  type Env,
} from './env';
export {
  commonEnvSchema,
  toCommonConfig,
  DEFAULT_TOPICS,
  DEFAULT_KAFKA_BROKERS,
  type CommonConfig,
  type TopicNames,
} from './common';
