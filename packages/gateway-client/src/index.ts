/**
 * The alert gateway's client, shared by the `citybrain` command line and the demo: connection
 * settings (TLS, bearer token), typed unary calls with one error mapping, a watch that reconnects
 * with backoff and resumes from its last position when the stream drops, and a readable, coloured
 * alert formatter (Longgang time, UTC+8).
 *
 * @example
 * ```ts
 * import { formatAlert, watchAlerts, MATCH_ALL } from '@citybrain/gateway-client';
 * const stop = new AbortController();
 * await watchAlerts({
 *   address: '127.0.0.1:50051',
 *   filter: { ...MATCH_ALL, severities: ['high', 'critical'] },
 *   signal: stop.signal,
 *   onAlert: (alert) => console.log(formatAlert(alert, { color: process.stdout.isTTY })),
 * });
 * ```
 */
export {
  formatAlert,
  formatAlertDetails,
  formatAlertJson,
  formatUtc8,
  type FormatOptions,
} from './format-alert';
export { MATCH_ALL, parseKind, parseSeverity, toWireRequest, type AlertFilter } from './alert-filter';
export {
  connect,
  createAlertClient,
  decodeWireAlert,
  isServiceError,
  listActiveAlerts,
  toClientError,
} from './alert-client';
export { reconnectDelayMs, watchAlerts, type WatchOptions } from './watch-alerts';
export { channelCredentials, clientOptions, tokenOf, type ConnectionSettings } from './connection';
export { unaryCall } from './gateway-rpc';
export { GatewayClientError, GatewayClientUsageError, type GatewayClientErrorCode } from './errors';
