import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  commonEnvSchema,
  durationMs,
  parseEnv,
  port,
  positiveInt,
  toCommonConfig,
  type CommonConfig,
  type Env,
} from '@citybrain/config';

const DEFAULT_GRIDS_FILE = fileURLToPath(
  new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url),
);

const gatewayEnvSchema = commonEnvSchema.extend({
  CITYBRAIN_GRPC_HOST: z.string().min(1).default('127.0.0.1'),
  CITYBRAIN_GRPC_PORT: port.default(50051),
  CITYBRAIN_GATEWAY_METRICS_PORT: port.default(9465),
  CITYBRAIN_GRIDS_FILE: z.string().min(1).default(DEFAULT_GRIDS_FILE),
  /** Messages a subscriber may fall behind before it is cut off with RESOURCE_EXHAUSTED. */
  CITYBRAIN_SUBSCRIBER_QUEUE_LIMIT: positiveInt.default(1000),
  CITYBRAIN_HEARTBEAT_INTERVAL_MS: positiveInt.default(15_000),
  CITYBRAIN_GATEWAY_GROUP_PREFIX: z.string().min(1).default('citybrain-alert-gateway'),
  CITYBRAIN_GRPC_SHUTDOWN_GRACE_MS: durationMs.default(5_000),
});

/** The gateway's parsed, frozen configuration. */
export interface GatewayConfig extends CommonConfig {
  readonly grpc: { readonly host: string; readonly port: number; readonly shutdownGraceMs: number };
  readonly gridsFile: string;
  readonly subscriberQueueLimit: number;
  readonly heartbeatIntervalMs: number;
  readonly groupPrefix: string;
}

/**
 * Parses the gateway's configuration from environment variables.
 * @throws ConfigError naming every bad variable.
 */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const e = parseEnv(gatewayEnvSchema, env);
  return Object.freeze({
    ...toCommonConfig(e, 'alert-gateway', e.CITYBRAIN_GATEWAY_METRICS_PORT),
    grpc: Object.freeze({
      host: e.CITYBRAIN_GRPC_HOST,
      port: e.CITYBRAIN_GRPC_PORT,
      shutdownGraceMs: e.CITYBRAIN_GRPC_SHUTDOWN_GRACE_MS,
    }),
    gridsFile: e.CITYBRAIN_GRIDS_FILE,
    subscriberQueueLimit: e.CITYBRAIN_SUBSCRIBER_QUEUE_LIMIT,
    heartbeatIntervalMs: e.CITYBRAIN_HEARTBEAT_INTERVAL_MS,
    groupPrefix: e.CITYBRAIN_GATEWAY_GROUP_PREFIX,
  });
}
