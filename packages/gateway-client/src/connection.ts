import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { GatewayClientUsageError } from './errors';

/** How the CLI reaches the gateway: address, TLS files (absent = plaintext) and a bearer token. */
export interface ConnectionSettings {
  /** `host:port` of the alert gateway. */
  readonly address: string;
  /** TLS: the CA bundle that signed the gateway's certificate; with `certFile`/`keyFile`, mutual TLS. */
  readonly tls?: { readonly caFile: string; readonly certFile?: string; readonly keyFile?: string };
  /** Sent as `authorization: Bearer <token>` on every call. */
  readonly token?: string;
  /** A file holding the token (first line; surrounding white space ignored); read when connecting. */
  readonly tokenFile?: string;
}

/**
 * The bearer token of the settings: the file's first line, or the token given directly.
 * @throws GatewayClientUsageError naming `--token-file` when the file cannot be read or is empty.
 */
export function tokenOf(settings: ConnectionSettings): string | undefined {
  if (settings.tokenFile === undefined) return settings.token;
  const token = read(settings.tokenFile, '--token-file').toString('utf8').split('\n')[0]?.trim() ?? '';
  if (token === '') throw new GatewayClientUsageError(`--token-file: ${settings.tokenFile} holds no token`);
  return token;
}

function read(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err: unknown) {
    throw new GatewayClientUsageError(
      `${flag}: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Channel credentials for the settings.
 * @throws GatewayClientUsageError naming the flag whose file cannot be read.
 */
export function channelCredentials(settings: ConnectionSettings): grpc.ChannelCredentials {
  const { tls } = settings;
  if (!tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(
    read(tls.caFile, '--ca'),
    tls.keyFile ? read(tls.keyFile, '--key') : null,
    tls.certFile ? read(tls.certFile, '--cert') : null,
  );
}

/**
 * Client options: keepalive within the gateway's policy (a dead gateway is noticed on an idle
 * stream), and an interceptor that adds the bearer token to every call (works over plaintext too).
 */
export function clientOptions(settings: ConnectionSettings): grpc.ClientOptions {
  const token = tokenOf(settings);
  const interceptors: grpc.Interceptor[] =
    token === undefined
      ? []
      : [
          (options, nextCall) =>
            new grpc.InterceptingCall(nextCall(options), {
              start: (metadata, listener, next) => {
                metadata.set('authorization', `Bearer ${token}`);
                next(metadata, listener);
              },
            }),
        ];
  return { 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000, interceptors };
}
