import { setTimeout as delay } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import type { Alert } from '@citybrain/domain';
import type { WireAcknowledgement, WireSubscribeRequestInput, WireSubscribeResponse } from '@citybrain/proto';
import { connect, createAlertClient, decodeWireAlert, toClientError } from './alert-client';
import { toWireRequest, type AlertFilter } from './alert-filter';
import type { ConnectionSettings } from './connection';
import { GatewayClientError } from './errors';

/** What {@link watchAlerts} needs. */
export interface WatchOptions {
  /** `host:port` of the alert gateway. */
  readonly address: string;
  readonly filter: AlertFilter;
  /** TLS and token; default plaintext to `address`. */
  readonly connection?: ConnectionSettings;
  /** Receive the alerts firing now first, then the live stream. */
  readonly includeActive?: boolean;
  /** Called for every alert, in stream order. */
  readonly onAlert: (alert: Alert) => void;
  /** Called for every acknowledgement, in stream order. */
  readonly onAcknowledgement?: (ack: WireAcknowledgement) => void;
  /** Called with human notices: stream dropped, reconnecting, reconnected, a bad message skipped. */
  readonly onNotice?: (message: string) => void;
  /** Called each time a stream is (re)established. */
  readonly onConnected?: () => void;
  /** Aborting ends the watch; the promise then resolves. */
  readonly signal: AbortSignal;
  /** How long the first connection may take, ms (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Delay before reconnect attempt `attempt` (1, 2, ...), ms (default {@link reconnectDelayMs}). */
  readonly reconnectDelay?: (attempt: number) => number;
}

/** Statuses after which a new stream may succeed: the gateway restarted, or cut a slow subscriber off. */
const RECONNECT_ON: ReadonlySet<grpc.status> = new Set([
  grpc.status.UNAVAILABLE,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.OK, // the server ended the stream, which it only does when it goes away
]);

/**
 * Delay before reconnect attempt `attempt` (1, 2, ...), ms: 0.5 s doubling up to 15 s, with ±20% jitter
 * (`random` in [0, 1)) so that many watchers do not reconnect in step.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** How a stream ended. */
type StreamEnd =
  | { readonly kind: 'aborted' }
  | {
      readonly kind: 'closed';
      readonly code: grpc.status;
      readonly details: string;
      readonly error?: grpc.ServiceError;
      readonly received: number;
    };

/**
 * Subscribes to the gateway's alerts and hands each one to `onAlert` until `signal` aborts. When the
 * stream drops (UNAVAILABLE, the server going away, or RESOURCE_EXHAUSTED for a slow reader) it
 * reconnects with backoff and resumes from the last position received, so nothing raised while
 * disconnected is lost or repeated. When that position is too old for the gateway
 * (FAILED_PRECONDITION) it says so and resynchronises: the active alerts first, then live.
 * @throws GatewayClientError `unreachable` when the first connection fails; `invalid-argument` when the gateway
 *   rejects the filter; `failed` on any other status.
 */
export async function watchAlerts(options: WatchOptions): Promise<void> {
  const { address, signal } = options;
  const notice = options.onNotice ?? (() => {});
  const client = createAlertClient(address, options.connection ?? { address });
  const base = toWireRequest(options.filter);
  let position = '';
  let includeActive = options.includeActive ?? false;
  try {
    await connect(client, address, options.connectTimeoutMs ?? 5_000);
    let attempt = 0;
    while (!signal.aborted) {
      const request: WireSubscribeRequestInput =
        position === '' ? { ...base, includeActive } : { ...base, resumeFrom: position };
      const end = await streamOnce(client, request, options, (p) => {
        attempt = 0;
        if (p !== '') position = p;
      });
      if (end.kind === 'aborted') return;
      if (end.code === grpc.status.FAILED_PRECONDITION) {
        notice(`${end.details}; resynchronising: the active alerts first, then live`);
        position = '';
        includeActive = true;
        continue;
      }
      if (!RECONNECT_ON.has(end.code))
        throw toClientError(end.error ?? new GatewayClientError('failed', end.details), address);
      let why = `stream closed (${grpc.status[end.code]}${end.details ? `: ${end.details}` : ''})`;
      for (;;) {
        attempt++;
        const waitMs = (options.reconnectDelay ?? reconnectDelayMs)(attempt);
        notice(`${why}; reconnecting in ${(waitMs / 1000).toFixed(1)} s`);
        why = `still cannot reach ${address}`;
        await delay(waitMs, undefined, { signal }).catch(() => undefined);
        if (signal.aborted) return;
        try {
          // Ctrl-C must not wait for the connection attempt to time out.
          const connecting = connect(client, address, 10_000);
          connecting.catch(() => undefined);
          if ((await Promise.race([connecting.then(() => true), abortOf(signal)])) !== true) return;
          notice(`reconnected to ${address}`);
          break;
        } catch (err: unknown) {
          if (!(err instanceof GatewayClientError) || err.code !== 'unreachable') throw err;
        }
      }
    }
  } finally {
    client.close();
  }
}

/** Resolves (with `false`) when `signal` aborts. */
function abortOf(signal: AbortSignal): Promise<false> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(false);
    else signal.addEventListener('abort', () => resolve(false), { once: true });
  });
}

function streamOnce(
  client: ReturnType<typeof createAlertClient>,
  request: WireSubscribeRequestInput,
  options: WatchOptions,
  onData: (position: string) => void,
): Promise<StreamEnd> {
  const { signal } = options;
  return new Promise<StreamEnd>((resolve) => {
    if (signal.aborted) return resolve({ kind: 'aborted' });
    const call = client.Subscribe(request);
    let received = 0;
    let settled = false;
    const finish = (end: StreamEnd) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(end);
    };
    const onAbort = () => {
      call.cancel();
      finish({ kind: 'aborted' });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    options.onConnected?.();
    call.on('data', (message: WireSubscribeResponse) => {
      received++;
      onData(message.position);
      if (message.acknowledgement) options.onAcknowledgement?.(message.acknowledgement);
      if (!message.alert) return; // a heartbeat or an acknowledgement
      // The committee's stream also carries muted alerts, flagged: the watch shows what is not muted.
      if (message.silenced) return;
      const alert = decodeWireAlert(message.alert, (reason) =>
        options.onNotice?.(`skipping an alert that breaks the contract: ${reason}`),
      );
      if (alert) options.onAlert(alert);
    });
    call.on('error', (error: grpc.ServiceError) => {
      finish({ kind: 'closed', code: error.code, details: error.details, error, received });
    });
    call.on('status', (status: grpc.StatusObject) => {
      finish({ kind: 'closed', code: status.code, details: status.details, received });
    });
  });
}
