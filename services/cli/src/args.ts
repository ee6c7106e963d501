import { parseArgs } from 'node:util';
import { parseKind, parseSeverity, type AlertFilter } from './alert-filter';
import { CliUsageError } from './errors';

/** Where the CLI looks for the gateway when neither `--address` nor CITYBRAIN_GATEWAY_ADDRESS says. */
export const DEFAULT_GATEWAY_ADDRESS = '127.0.0.1:50051';

/** When to colour the output. */
export type ColorMode = 'auto' | 'always' | 'never';

/** A parsed `citybrain` command line. */
export type CliCommand =
  | { readonly command: 'help' }
  | {
      readonly command: 'alerts-watch' | 'alerts-list';
      /** `host:port` of the alert gateway. */
      readonly address: string;
      readonly filter: AlertFilter;
      /** One JSON object per line instead of readable lines. */
      readonly json: boolean;
      readonly color: ColorMode;
    };

/** Help text of the `citybrain` command line. */
export const CLI_USAGE = `usage: citybrain <command> [flags]

commands:
  alerts watch   stream alerts as they fire and resolve (reconnects when the stream drops; Ctrl-C stops)
  alerts list    list the alerts firing now
  help           print this help

flags (both commands; a filter flag may repeat or take a comma-separated list):
  --address HOST:PORT   the alert gateway (default $CITYBRAIN_GATEWAY_ADDRESS or ${DEFAULT_GATEWAY_ADDRESS})
  --area A01            only alerts of these service areas
  --grid G001           only alerts of these grids
  --severity high       only these severities: informational, low, medium, high, critical
  --kind traffic        only these kinds: traffic, cityManagement, governmentService
  --json                one JSON object per line (the alert; times in epoch ms)
  --color / --no-color  force colours on or off (default: on when writing to a terminal)

exit codes: 0 ok or interrupted, 1 gateway unreachable or failed, 2 bad command line or rejected request
`;

const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

const list = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * Parses `citybrain`'s arguments (`process.argv.slice(2)`); the default address comes from
 * `CITYBRAIN_GATEWAY_ADDRESS` in `env`.
 * @throws CliUsageError for an unknown command or flag, or a bad value, naming it.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        address: { type: 'string' },
        area: { type: 'string', multiple: true },
        grid: { type: 'string', multiple: true },
        severity: { type: 'string', multiple: true },
        kind: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err: unknown) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help' || positionals.length === 0) return { command: 'help' };

  const [group, action, ...rest] = positionals;
  if (group !== 'alerts') throw new CliUsageError(`unknown command "${positionals.join(' ')}"`);
  if (action !== 'watch' && action !== 'list')
    throw new CliUsageError(
      action === undefined ? 'alerts: say "watch" or "list"' : `unknown command "alerts ${action}"`,
    );
  if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);

  const address = values.address ?? (env['CITYBRAIN_GATEWAY_ADDRESS'] || DEFAULT_GATEWAY_ADDRESS);
  const match = ADDRESS.exec(address);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535)
    throw new CliUsageError(
      `${values.address === undefined ? 'CITYBRAIN_GATEWAY_ADDRESS' : '--address'}: "${address}" is not host:port`,
    );
  if (values.color && values['no-color'])
    throw new CliUsageError('--color and --no-color contradict each other');

  return {
    command: action === 'watch' ? 'alerts-watch' : 'alerts-list',
    address,
    filter: {
      areaIds: list(values.area),
      gridIds: list(values.grid),
      severities: list(values.severity).map(parseSeverity),
      kinds: list(values.kind).map(parseKind),
    },
    json: values.json,
    color: values.color ? 'always' : values['no-color'] ? 'never' : 'auto',
  };
}
