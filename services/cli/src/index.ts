/**
 * The `citybrain` command line: the committee's commands (watch, list, show, acknowledge, silences,
 * grids, publish events, rule tests) over the alert gateway's client (`@citybrain/gateway-client`),
 * with flags parsed once and every failure mapped to a stable exit code.
 *
 * @example
 * ```ts
 * import { parseCliArgs } from '@citybrain/cli';
 * const command = parseCliArgs(['alerts', 'watch', '--severity', 'high']);
 * ```
 */
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
