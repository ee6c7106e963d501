/**
 * The `citybrain` command line and its reusable parts: a readable, coloured alert formatter
 * (Longgang time, UTC+8), gRPC helpers for the alert gateway, and a watch that reconnects with
 * backoff when the stream drops.
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
export { CLI_USAGE, DEFAULT_GATEWAY_ADDRESS, parseCliArgs, type CliCommand, type ColorMode } from './args';
export { CliError, CliUsageError, type CliErrorCode } from './errors';
