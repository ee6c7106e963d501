/**
 * The `citybrain` command line and its reusable parts: a readable, coloured alert formatter
 * (Longgang time, UTC+8), gRPC helpers for the alert gateway (TLS, bearer token), a watch that
 * reconnects with backoff and resumes from its last position when the stream drops, and the
 * committee's commands (acknowledge, silences, grids, publish events).
 *
 * @example
 * ```ts
 * import { formatAlert, watchAlerts, MATCH_ALL } from '@citybrain/cli';
 * const stop = new AbortController();
 * await watchAlerts({
 *   address: '127.0.0.1:50051',
 *   filter: { ...MATCH_ALL, severities: ['high', 'critical'] },
 *   signal: stop.signal,
 *   onAlert: (alert) => console.log(formatAlert(alert, { color: process.stdout.isTTY })),
 * });
 * ```
 */
export { formatAlert, formatAlertJson, formatUtc8, type FormatOptions } from './format-alert';
export { MATCH_ALL, parseKind, parseSeverity, toWireRequest, type AlertFilter } from './alert-filter';
export {
  connect,
  createAlertClient,
  decodeWireAlert,
  isServiceError,
  listActiveAlerts,
  toCliError,
} from './alert-client';
export { reconnectDelayMs, watchAlerts, type WatchOptions } from './watch-alerts';
export { channelCredentials, clientOptions, type ConnectionSettings } from './connection';
export {
  acknowledge,
  addSilence,
  expireSilence,
  formatAcknowledgement,
  formatSilence,
  gatewayClients,
  listSilences,
  publishEvents,
  readEventsFile,
  showGrids,
  type GatewayClients,
  type Output,
} from './commands';
export { unaryCall } from './gateway-rpc';
export {
  CLI_USAGE,
  DEFAULT_GATEWAY_ADDRESS,
  parseCliArgs,
  parseDuration,
  type CliCommand,
  type ColorMode,
  type CommonFlags,
} from './args';
export { CliError, CliUsageError, type CliErrorCode } from './errors';
