import * as grpc from '@grpc/grpc-js';
import { alertFromWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { loadGrpcObject, type AlertServiceClient, type WireAlert } from '@citybrain/proto';
import { toWireRequest, type AlertFilter } from './alert-filter';
import { channelCredentials, clientOptions, type ConnectionSettings } from './connection';
import { GatewayClientError } from './errors';

/**
 * A gRPC client of `citybrain.v1.AlertService`: plaintext to `address`, or as `settings` say (TLS,
 * bearer token).
 */
export function createAlertClient(
  address: string,
  settings: ConnectionSettings = { address },
): AlertServiceClient {
  const AlertService = loadGrpcObject().citybrain.v1.AlertService;
  return new AlertService(address, channelCredentials(settings), clientOptions(settings));
}

/** Whether an error is a gRPC status error. */
export function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === 'number';
}

/**
 * The one place where gRPC failures become CLI errors: INVALID_ARGUMENT keeps the gateway's details
 * (which name the field, e.g. `grid_ids[0]: unknown grid "G999"`); UNAVAILABLE and DEADLINE_EXCEEDED
 * mean the gateway cannot be reached.
 */
export function toClientError(err: unknown, address: string): GatewayClientError {
  if (err instanceof GatewayClientError) return err;
  if (!isServiceError(err))
    return new GatewayClientError('failed', err instanceof Error ? err.message : String(err));
  // grpc-js appends an empty "Resolution note:" to connection errors.
  const details = (err.details || err.message).replace(/\s*Resolution note:\s*$/, '');
  switch (err.code) {
    case grpc.status.INVALID_ARGUMENT:
      return new GatewayClientError(
        'invalid-argument',
        `the alert gateway rejected the request: ${details}`,
        {
          cause: err,
        },
      );
    case grpc.status.UNAUTHENTICATED:
      return new GatewayClientError(
        'refused',
        `the alert gateway refused the token: ${details} (use --token or CITYBRAIN_TOKEN)`,
        {
          cause: err,
        },
      );
    case grpc.status.PERMISSION_DENIED:
      return new GatewayClientError('refused', `not allowed: ${details}`, { cause: err });
    case grpc.status.NOT_FOUND:
      return new GatewayClientError('invalid-argument', `not found: ${details}`, { cause: err });
    case grpc.status.UNAVAILABLE:
    case grpc.status.DEADLINE_EXCEEDED:
      return new GatewayClientError(
        'unreachable',
        `cannot reach the alert gateway at ${address}: ${details}`,
        {
          cause: err,
        },
      );
    default:
      return new GatewayClientError('failed', `${grpc.status[err.code]}: ${details}`, { cause: err });
  }
}

/**
 * Waits until the client's channel is connected. Rejects with an `unreachable` GatewayClientError that says why
 * (e.g. `connect ECONNREFUSED`) when it is not within `timeoutMs`.
 */
export async function connect(client: AlertServiceClient, address: string, timeoutMs: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve())),
    );
  } catch {
    // waitForReady only says "deadline"; a call that does not wait for the channel carries the last
    // connection error (e.g. "No connection established. Last error: connect ECONNREFUSED ...").
    try {
      await listActiveAlerts(client, address, {}, 2_000);
    } catch (err: unknown) {
      throw toClientError(err, address);
    }
  }
}

/**
 * Decodes a wire alert; `undefined` (with the reason passed to `onInvalid`) when it breaks the contract,
 * so that one bad message does not end a watch.
 */
export function decodeWireAlert(wire: WireAlert, onInvalid?: (reason: string) => void): Alert | undefined {
  try {
    return alertFromWire(wire);
  } catch (err: unknown) {
    onInvalid?.(err instanceof Error ? err.message : String(err));
    return undefined;
  }
}

/**
 * `ListActiveAlerts`: the alerts firing now that match `filter`.
 * @throws GatewayClientError `unreachable`, `invalid-argument` or `failed`.
 */
export async function listActiveAlerts(
  client: AlertServiceClient,
  address: string,
  filter: Partial<AlertFilter> = {},
  timeoutMs = 10_000,
): Promise<Alert[]> {
  const request = toWireRequest({ areaIds: [], gridIds: [], severities: [], kinds: [], ...filter });
  try {
    const response = await new Promise<{ alerts: WireAlert[]; silencedAlertIds: string[] }>(
      (resolve, reject) =>
        client.ListActiveAlerts(request, { deadline: Date.now() + timeoutMs }, (err, res) =>
          err || !res ? reject(err ?? new Error('empty response')) : resolve(res),
        ),
    );
    // The committee is also listed silenced and inhibited alerts, flagged: the CLI shows what is not muted.
    const silenced = new Set(response.silencedAlertIds);
    return response.alerts
      .filter((w) => !silenced.has(w.alertId))
      .flatMap((wire) => decodeWireAlert(wire) ?? []);
  } catch (err: unknown) {
    throw toClientError(err, address);
  }
}
