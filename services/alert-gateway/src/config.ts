import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  commonEnvSchema,
  duration,
  durationMs,
  parseEnv,
  port,
  positiveInt,
  toCommonConfig,
  type CommonConfig,
  type Env,
} from '@citybrain/config';
import { ConfigError } from '@citybrain/config';
import type { SilencePolicy } from './silence-policy';

const DEFAULT_GRIDS_FILE = fileURLToPath(
  new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url),
);

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const path = z.string().min(1).optional();

const gatewayEnvSchema = commonEnvSchema.extend({
  CITYBRAIN_GRPC_HOST: z.string().min(1).default('127.0.0.1'),
  CITYBRAIN_GRPC_PORT: port.default(50051),
  CITYBRAIN_GATEWAY_METRICS_PORT: port.default(9465),
  /**
   * Optional plaintext port serving only grpc.health.v1 (for probes that cannot speak TLS, such as
   * Kubernetes' gRPC probe) while the API port requires (mutual) TLS.
   */
  CITYBRAIN_GRPC_HEALTH_PORT: port.optional(),
  CITYBRAIN_GRIDS_FILE: z.string().min(1).default(DEFAULT_GRIDS_FILE),
  /** Messages a subscriber may fall behind before it is cut off with RESOURCE_EXHAUSTED. */
  CITYBRAIN_SUBSCRIBER_QUEUE_LIMIT: positiveInt.default(1000),
  /** Stream entries kept for resuming; an older resume position gets FAILED_PRECONDITION. */
  CITYBRAIN_REPLAY_BUFFER_SIZE: positiveInt.default(10_000),
  /** Resolved alerts kept for ListAlerts/GetAlert (the oldest go first). */
  CITYBRAIN_RESOLVED_ALERTS_KEPT: positiveInt.default(10_000),
  CITYBRAIN_HEARTBEAT_INTERVAL_MS: positiveInt.default(15_000),
  CITYBRAIN_GATEWAY_GROUP_PREFIX: z.string().min(1).default('citybrain-alert-gateway'),
  CITYBRAIN_GRPC_SHUTDOWN_GRACE_MS: durationMs.default(5_000),
  /** Plaintext gRPC, explicitly chosen (development, tests); otherwise TLS is required. */
  CITYBRAIN_GRPC_INSECURE: bool.default(false),
  /**
   * Plaintext gRPC binds a loopback address only, unless this says otherwise (a container whose port
   * is published on the host's loopback, as the compose file does).
   */
  CITYBRAIN_GRPC_INSECURE_ALLOW_REMOTE: bool.default(false),
  /** PEM certificate chain and private key of the server. */
  CITYBRAIN_GRPC_TLS_CERT: path,
  CITYBRAIN_GRPC_TLS_KEY: path,
  /** PEM CA bundle that client certificates must chain to: setting it turns on mutual TLS. */
  CITYBRAIN_GRPC_TLS_CLIENT_CA: path,
  /** YAML file of Alertmanager-style inhibit rules; default: scope="area" mutes scope="grid" of the same areaId. */
  CITYBRAIN_INHIBIT_RULES_FILE: path,
  /** YAML file of bearer tokens with their role and scope; unset only with CITYBRAIN_GRPC_INSECURE=true. */
  CITYBRAIN_TOKENS_FILE: path,
  /** Longest silence an area officer or grid worker may create (e.g. `24h`); the committee has no bound. */
  CITYBRAIN_SILENCE_MAX_DURATION: duration.default(24 * 3_600_000),
  /** Whether grid workers may create silences (on their own grid only). */
  CITYBRAIN_SILENCE_GRID_WORKERS: bool.default(false),
  /** PublishEvents refuses an event dated more than this (e.g. `5m`) ahead of the gateway's clock. */
  CITYBRAIN_MAX_FUTURE_SKEW: duration.default(5 * 60_000),
  /** Largest encoded event PublishEvents accepts, bytes; the gRPC server refuses larger messages outright. */
  CITYBRAIN_INGEST_MAX_EVENT_BYTES: positiveInt.default(64 * 1024),
  /** Largest sum of encoded events in one PublishEvents call, bytes (bounds one call's memory). */
  CITYBRAIN_INGEST_MAX_CALL_BYTES: positiveInt.default(16 * 1024 * 1024),
  /** Bytes of events all PublishEvents calls may hold at once; beyond it a call gets RESOURCE_EXHAUSTED. */
  CITYBRAIN_INGEST_MAX_INFLIGHT_BYTES: positiveInt.default(64 * 1024 * 1024),
  /**
   * Largest producer request PublishEvents writes, bytes of event values: kept well under the broker's
   * `max.message.bytes` (1 MiB by default), so a large call is written as several requests.
   */
  CITYBRAIN_INGEST_MAX_BATCH_BYTES: positiveInt.default(512 * 1024),
  /**
   * Latency tracing (a debugging aid, off by default): an alert read from Kafka with this label is
   * logged (`msg: "trace"`, `hop: "gateway-read"` when its batch arrived, `"gateway-sent"` once
   * written to the subscribers' streams, with `atMs`). `pnpm bench:latency --hops` sets `incidentId`.
   */
  CITYBRAIN_GATEWAY_TRACE_LABEL: z.string().min(1).optional(),
});

/** How the gRPC server secures its connections. */
export type TransportSecurity =
  | { readonly kind: 'insecure' }
  | {
      readonly kind: 'tls';
      readonly certFile: string;
      readonly keyFile: string;
      /** Set for mutual TLS: client certificates must chain to this CA. */
      readonly clientCaFile?: string;
    };

/** Kafka topics the gateway reads besides the alerts (its own, compacted, and the processor's views). */
export interface GatewayTopics {
  /** Acknowledgements, keyed by alert id (JSON). */
  readonly acks: string;
  /** Silences, keyed by silence id (JSON). */
  readonly silences: string;
  /** The processor's latest window results, keyed by grid id (JSON). */
  readonly gridState: string;
  /** The processor's open work orders and permits, keyed `<kind>/<caseId>` (JSON; tombstones). */
  readonly cases: string;
  /** The processor's KPI facts, keyed by area (JSON). */
  readonly kpi: string;
}

/** The gateway's parsed, frozen configuration. */
export interface GatewayConfig extends CommonConfig {
  readonly grpc: {
    readonly host: string;
    readonly port: number;
    /** Plaintext health-only port, if any. */
    readonly healthPort: number | undefined;
    readonly shutdownGraceMs: number;
  };
  readonly security: TransportSecurity;
  /** The tokens file; absent = no authentication (every caller is the committee; insecure mode only). */
  readonly tokensFile: string | undefined;
  /** The inhibit-rules file; absent = the default rule. */
  readonly inhibitRulesFile: string | undefined;
  readonly gatewayTopics: GatewayTopics;
  readonly gridsFile: string;
  readonly subscriberQueueLimit: number;
  /** Stream entries kept for resuming (the replay buffer). */
  readonly replayBufferSize: number;
  readonly resolvedAlertsKept: number;
  readonly heartbeatIntervalMs: number;
  readonly groupPrefix: string;
  /** `CITYBRAIN_GATEWAY_TRACE_LABEL`: alerts with this label are traced in the log; absent: none. */
  readonly traceLabel: string | undefined;
  /** PublishEvents' bounds. */
  readonly ingest: IngestLimits;
  /** Who may silence what, for how long. */
  readonly silences: SilencePolicy;
}

/** The bounds of PublishEvents (see the `CITYBRAIN_INGEST_*` variables). */
export interface IngestLimits {
  /** How far ahead of the gateway's clock an event may be dated, ms. */
  readonly maxFutureSkewMs: number;
  readonly maxEventBytes: number;
  readonly maxCallBytes: number;
  readonly maxInflightBytes: number;
  readonly maxBatchBytes: number;
}

/** Whether a host to bind is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Parses the gateway's configuration from environment variables.
 * @throws ConfigError naming every bad variable.
 */
export function loadGatewayConfig(env: Env): GatewayConfig {
  const e = parseEnv(gatewayEnvSchema, env);
  const issues: { key: string; message: string }[] = [];
  let security: TransportSecurity = { kind: 'insecure' };
  if (!e.CITYBRAIN_GRPC_INSECURE) {
    if (!e.CITYBRAIN_GRPC_TLS_CERT)
      issues.push({
        key: 'CITYBRAIN_GRPC_TLS_CERT',
        message: 'required unless CITYBRAIN_GRPC_INSECURE=true',
      });
    if (!e.CITYBRAIN_GRPC_TLS_KEY)
      issues.push({ key: 'CITYBRAIN_GRPC_TLS_KEY', message: 'required unless CITYBRAIN_GRPC_INSECURE=true' });
    if (!e.CITYBRAIN_TOKENS_FILE)
      issues.push({ key: 'CITYBRAIN_TOKENS_FILE', message: 'required unless CITYBRAIN_GRPC_INSECURE=true' });
    if (e.CITYBRAIN_GRPC_TLS_CERT && e.CITYBRAIN_GRPC_TLS_KEY)
      security = {
        kind: 'tls',
        certFile: e.CITYBRAIN_GRPC_TLS_CERT,
        keyFile: e.CITYBRAIN_GRPC_TLS_KEY,
        ...(e.CITYBRAIN_GRPC_TLS_CLIENT_CA ? { clientCaFile: e.CITYBRAIN_GRPC_TLS_CLIENT_CA } : {}),
      };
  }
  if (
    e.CITYBRAIN_GRPC_INSECURE &&
    !e.CITYBRAIN_GRPC_INSECURE_ALLOW_REMOTE &&
    !isLoopback(e.CITYBRAIN_GRPC_HOST)
  )
    issues.push({
      key: 'CITYBRAIN_GRPC_HOST',
      message: `plaintext gRPC (CITYBRAIN_GRPC_INSECURE=true) binds a loopback address only, not ${e.CITYBRAIN_GRPC_HOST}; use TLS, or set CITYBRAIN_GRPC_INSECURE_ALLOW_REMOTE=true`,
    });
  if (e.CITYBRAIN_INGEST_MAX_CALL_BYTES < e.CITYBRAIN_INGEST_MAX_EVENT_BYTES)
    issues.push({
      key: 'CITYBRAIN_INGEST_MAX_CALL_BYTES',
      message: 'must be >= CITYBRAIN_INGEST_MAX_EVENT_BYTES',
    });
  if (e.CITYBRAIN_INGEST_MAX_BATCH_BYTES < e.CITYBRAIN_INGEST_MAX_EVENT_BYTES)
    issues.push({
      key: 'CITYBRAIN_INGEST_MAX_BATCH_BYTES',
      message: 'must be >= CITYBRAIN_INGEST_MAX_EVENT_BYTES',
    });
  if (issues.length > 0) throw new ConfigError(issues);
  const suffix = e.CITYBRAIN_TOPIC_SUFFIX;
  const common = toCommonConfig(e, 'alert-gateway', e.CITYBRAIN_GATEWAY_METRICS_PORT);
  return Object.freeze({
    ...common,
    grpc: Object.freeze({
      host: e.CITYBRAIN_GRPC_HOST,
      port: e.CITYBRAIN_GRPC_PORT,
      healthPort: e.CITYBRAIN_GRPC_HEALTH_PORT,
      shutdownGraceMs: e.CITYBRAIN_GRPC_SHUTDOWN_GRACE_MS,
    }),
    security: Object.freeze(security),
    tokensFile: e.CITYBRAIN_TOKENS_FILE,
    inhibitRulesFile: e.CITYBRAIN_INHIBIT_RULES_FILE,
    gatewayTopics: Object.freeze({
      acks: `city.acks.v1${suffix}`,
      silences: `city.silences.v1${suffix}`,
      gridState: common.topics.gridState,
      cases: common.topics.cases,
      kpi: common.topics.kpi,
    }),
    gridsFile: e.CITYBRAIN_GRIDS_FILE,
    subscriberQueueLimit: e.CITYBRAIN_SUBSCRIBER_QUEUE_LIMIT,
    replayBufferSize: e.CITYBRAIN_REPLAY_BUFFER_SIZE,
    resolvedAlertsKept: e.CITYBRAIN_RESOLVED_ALERTS_KEPT,
    heartbeatIntervalMs: e.CITYBRAIN_HEARTBEAT_INTERVAL_MS,
    groupPrefix: e.CITYBRAIN_GATEWAY_GROUP_PREFIX,
    traceLabel: e.CITYBRAIN_GATEWAY_TRACE_LABEL,
    silences: Object.freeze({
      maxDurationMs: e.CITYBRAIN_SILENCE_MAX_DURATION,
      gridWorkersMaySilence: e.CITYBRAIN_SILENCE_GRID_WORKERS,
    }),
    ingest: Object.freeze({
      maxFutureSkewMs: e.CITYBRAIN_MAX_FUTURE_SKEW,
      maxEventBytes: e.CITYBRAIN_INGEST_MAX_EVENT_BYTES,
      maxCallBytes: e.CITYBRAIN_INGEST_MAX_CALL_BYTES,
      maxInflightBytes: e.CITYBRAIN_INGEST_MAX_INFLIGHT_BYTES,
      maxBatchBytes: e.CITYBRAIN_INGEST_MAX_BATCH_BYTES,
    }),
  });
}
