import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, logLevel, parseEnv, port, type Env } from '@citybrain/config';

// Spelled from the repository root so that the configuration reference shows where it is.
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../services/board/dist', import.meta.url));

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const path = z.string().min(1).optional();

const boardEnvSchema = z.object({
  /** Interface the board's HTTP server listens on (`0.0.0.0` in containers). */
  CITYBRAIN_BOARD_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the board: the page, its assets, the gRPC-Web bridge and `/healthz`. */
  CITYBRAIN_BOARD_PORT: port.default(8080),
  /** The built single-page app (`pnpm --filter @citybrain/board build` writes it). */
  CITYBRAIN_BOARD_STATIC_DIR: z.string().min(1).default(DEFAULT_STATIC_DIR),
  /** PEM certificate chain of the board's HTTPS (set with CITYBRAIN_BOARD_TLS_KEY; unset: plain HTTP). */
  CITYBRAIN_BOARD_TLS_CERT: path,
  /** PEM private key of the board's HTTPS. */
  CITYBRAIN_BOARD_TLS_KEY: path,
  /** The alert gateway's gRPC address, `host:port`. */
  CITYBRAIN_BOARD_GATEWAY_ADDRESS: z.string().min(1).default('127.0.0.1:50051'),
  /** Plaintext gRPC to the gateway, explicitly chosen (a gateway with CITYBRAIN_GRPC_INSECURE=true). */
  CITYBRAIN_BOARD_GATEWAY_INSECURE: bool.default(false),
  /** PEM CA bundle the gateway's certificate must chain to (default: the system's roots). */
  CITYBRAIN_BOARD_GATEWAY_CA: path,
  /** PEM client certificate presented to a gateway that requires mutual TLS (with CITYBRAIN_BOARD_GATEWAY_KEY). */
  CITYBRAIN_BOARD_GATEWAY_CERT: path,
  /** PEM private key of that client certificate. */
  CITYBRAIN_BOARD_GATEWAY_KEY: path,
  /** Port of the board server's Prometheus `/metrics` (and `/healthz`), like every service's metrics port. */
  CITYBRAIN_BOARD_METRICS_PORT: port.default(9466),
  /** Interface of the metrics port (`0.0.0.0` in containers). */
  CITYBRAIN_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  CITYBRAIN_LOG_LEVEL: logLevel.default('info'),
  CITYBRAIN_LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
});

/** How the board reaches the gateway. */
export type GatewayTransport =
  | { readonly kind: 'insecure' }
  | {
      readonly kind: 'tls';
      readonly caFile: string | undefined;
      /** Both set for mutual TLS. */
      readonly certFile: string | undefined;
      readonly keyFile: string | undefined;
    };

/** The board server's parsed, frozen configuration. */
export interface BoardConfig {
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** HTTPS when set. */
    readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  };
  readonly staticDir: string;
  /** Where `/metrics` listens. */
  readonly metrics: { readonly host: string; readonly port: number };
  readonly gateway: { readonly address: string; readonly transport: GatewayTransport };
  readonly log: { readonly level: z.infer<typeof logLevel>; readonly format: 'json' | 'pretty' };
}

/**
 * Parses the board server's configuration from environment variables.
 * @throws ConfigError naming every bad variable.
 */
export function loadBoardConfig(env: Env): BoardConfig {
  const e = parseEnv(boardEnvSchema, env);
  const issues: { key: string; message: string }[] = [];
  const pair = (a: keyof typeof e, b: keyof typeof e) => {
    if (Boolean(e[a]) !== Boolean(e[b]))
      issues.push({ key: e[a] ? b : a, message: `set together with ${e[a] ? a : b}` });
  };
  pair('CITYBRAIN_BOARD_TLS_CERT', 'CITYBRAIN_BOARD_TLS_KEY');
  pair('CITYBRAIN_BOARD_GATEWAY_CERT', 'CITYBRAIN_BOARD_GATEWAY_KEY');
  if (
    e.CITYBRAIN_BOARD_GATEWAY_INSECURE &&
    (e.CITYBRAIN_BOARD_GATEWAY_CA || e.CITYBRAIN_BOARD_GATEWAY_CERT || e.CITYBRAIN_BOARD_GATEWAY_KEY)
  )
    issues.push({
      key: 'CITYBRAIN_BOARD_GATEWAY_INSECURE',
      message: 'true contradicts the TLS files set (CITYBRAIN_BOARD_GATEWAY_CA/_CERT/_KEY)',
    });
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze({
    http: {
      host: e.CITYBRAIN_BOARD_HOST,
      port: e.CITYBRAIN_BOARD_PORT,
      tls:
        e.CITYBRAIN_BOARD_TLS_CERT && e.CITYBRAIN_BOARD_TLS_KEY
          ? { certFile: e.CITYBRAIN_BOARD_TLS_CERT, keyFile: e.CITYBRAIN_BOARD_TLS_KEY }
          : undefined,
    },
    staticDir: e.CITYBRAIN_BOARD_STATIC_DIR,
    metrics: { host: e.CITYBRAIN_METRICS_HOST, port: e.CITYBRAIN_BOARD_METRICS_PORT },
    gateway: {
      address: e.CITYBRAIN_BOARD_GATEWAY_ADDRESS,
      transport: e.CITYBRAIN_BOARD_GATEWAY_INSECURE
        ? { kind: 'insecure' as const }
        : {
            kind: 'tls' as const,
            caFile: e.CITYBRAIN_BOARD_GATEWAY_CA,
            certFile: e.CITYBRAIN_BOARD_GATEWAY_CERT,
            keyFile: e.CITYBRAIN_BOARD_GATEWAY_KEY,
          },
    },
    log: { level: e.CITYBRAIN_LOG_LEVEL, format: e.CITYBRAIN_LOG_FORMAT },
  });
}
