import { parseArgs } from 'node:util';
import {
  parseKind,
  parseSeverity,
  type AlertFilter,
  type ConnectionSettings,
} from '@citybrain/gateway-client';
import { CliUsageError } from './errors';

/** Where the CLI looks for the gateway when neither `--address` nor CITYBRAIN_GATEWAY_ADDRESS says. */
export const DEFAULT_GATEWAY_ADDRESS = '127.0.0.1:50051';

/** When to colour the output. */
export type ColorMode = 'auto' | 'always' | 'never';

/** Output and connection settings every gateway command shares. */
export interface CommonFlags {
  /** `host:port` of the alert gateway. */
  readonly address: string;
  /** Address, TLS files and token. */
  readonly connection: ConnectionSettings;
  /** One JSON object per line instead of readable lines. */
  readonly json: boolean;
  readonly color: ColorMode;
}

/** A parsed `citybrain` command line. */
export type CliCommand =
  | { readonly command: 'help' }
  | (CommonFlags & {
      readonly command: 'alerts-watch' | 'alerts-list';
      readonly filter: AlertFilter;
    })
  | (CommonFlags & { readonly command: 'alerts-ack'; readonly alertId: string; readonly note: string })
  | (CommonFlags & { readonly command: 'alerts-show'; readonly alertId: string })
  | (CommonFlags & {
      readonly command: 'silence-add';
      /** Matchers in Alertmanager's text form, e.g. `gridId="G001"`. */
      readonly matchers: readonly string[];
      readonly durationMs: number;
      readonly comment: string;
    })
  | (CommonFlags & { readonly command: 'silence-list'; readonly includeExpired: boolean })
  | (CommonFlags & { readonly command: 'silence-expire'; readonly silenceId: string })
  | (CommonFlags & { readonly command: 'grids-show'; readonly gridId?: string; readonly areaId?: string })
  | (CommonFlags & { readonly command: 'events-publish'; readonly file: string })
  | (CommonFlags & {
      readonly command: 'rules-test';
      /** Rule-test files (YAML). */
      readonly files: readonly string[];
      /** The grid registry, overriding the files' `grids_file` and the shipped default. */
      readonly gridsFile?: string;
    })
  | (CommonFlags & {
      readonly command: 'rules-backtest';
      /** The range, by input record timestamp: `[fromMs, toMs)`, epoch ms. */
      readonly fromMs: number;
      readonly toMs: number;
      /** Input read before `fromMs` to build state only, ms (default 0). */
      readonly warmupMs: number;
      /** The candidate rule file (default: CITYBRAIN_RULES_FILE, the rules in force). */
      readonly rulesFile?: string;
      readonly gridsFile?: string;
      /** Progress on stderr: `auto` when stderr is a terminal. */
      readonly progress: 'auto' | 'always' | 'never';
    });

/** Help text of the `citybrain` command line. */
export const CLI_USAGE = `usage: citybrain <command> [flags]

commands:
  alerts watch                 stream alerts and acknowledgements; reconnects and resumes where it left off
  alerts list                  list the alerts firing now
  alerts ack <alert-id>        acknowledge an alert (--note "crew dispatched")
  alerts show <alert-id>       one alert with its evidence: measure, window, aggregates, threshold, for, records
  silence add <matcher>...     mute matching alerts, e.g. 'gridId="G001"' --duration 2h --comment "road works"
  silence list                 list the active and pending silences (--expired: also the expired ones)
  silence expire <silence-id>  end a silence now
  grids show [<grid-id>]       the grid hierarchy (--area A01), or one grid's latest windows and open alerts
  events publish <file>        publish events from a JSON Lines file ({"traffic": {...}}, {"permit": ...}, {"case": ...})
  rules test <file>...         run rule unit tests (promtool-style YAML) through the processor's pipeline, offline;
                               prints a diff for every failure (--grids FILE: another grid registry)
  rules backtest --from T --to T
                               replay the input topics' records of [T, T) (by record time) through the processor's
                               pipeline, offline, and compare with the alerts raised then; T is ISO-8601 with an offset
                               or now[-1h]; --rules FILE the candidate (default $CITYBRAIN_RULES_FILE), --warmup 1h
                               input read before --from to build state only, --grids FILE, --progress / --no-progress;
                               Kafka from KAFKA_BROKERS and the processor's CITYBRAIN_* variables
  help                         print this help

connection flags (every command):
  --address HOST:PORT   the alert gateway (default $CITYBRAIN_GATEWAY_ADDRESS or ${DEFAULT_GATEWAY_ADDRESS})
  --token-file FILE     read the bearer token from FILE (default $CITYBRAIN_TOKEN_FILE)
  --token TOKEN         bearer token (default $CITYBRAIN_TOKEN); other users can read it in ps, prefer the two above
  --ca FILE             TLS: CA certificate of the gateway (default $CITYBRAIN_TLS_CA); without it, plaintext
  --cert FILE --key FILE  mutual TLS: the client certificate and key (default $CITYBRAIN_TLS_CERT, $CITYBRAIN_TLS_KEY)

filter flags (alerts watch, alerts list; repeat a flag or give a comma-separated list):
  --area A01            only alerts of these service areas
  --grid G001           only alerts of these grids
  --severity high       only these severities: informational, low, medium, high, critical
  --kind traffic        only these kinds: traffic, cityManagement, governmentService

output flags:
  --json                one JSON object per line (times in epoch ms)
  --color / --no-color  force colours on or off (default: on when writing to a terminal)

exit codes: 0 ok or interrupted, 1 gateway unreachable or failed (rules test: a test failed; rules backtest:
the candidate's alerts differ), 2 bad command line, rejected request or invalid file, 3 token refused or not
allowed, 4 rules backtest: Kafka unreachable or unreadable
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
        token: { type: 'string' },
        'token-file': { type: 'string' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        area: { type: 'string', multiple: true },
        grid: { type: 'string', multiple: true },
        severity: { type: 'string', multiple: true },
        kind: { type: 'string', multiple: true },
        note: { type: 'string' },
        comment: { type: 'string' },
        duration: { type: 'string' },
        expired: { type: 'boolean', default: false },
        grids: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        rules: { type: 'string' },
        warmup: { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
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
  const actions: Readonly<Record<string, readonly string[]>> = {
    alerts: ['watch', 'list', 'ack', 'show'],
    silence: ['add', 'list', 'expire'],
    grids: ['show'],
    events: ['publish'],
    rules: ['test', 'backtest'],
  };
  const known = group === undefined ? undefined : actions[group];
  if (!known) throw new CliUsageError(`unknown command "${positionals.join(' ')}"`);
  if (action === undefined || !known.includes(action))
    throw new CliUsageError(
      action === undefined
        ? `${group}: say ${known.map((a) => `"${a}"`).join(' or ')}`
        : `unknown command "${group} ${action}"`,
    );
  const name = `${group} ${action}`;
  const args = (min: number, max: number, what: string): string[] => {
    if (rest.length < min) throw new CliUsageError(`${name}: missing ${what}`);
    if (rest.length > max) throw new CliUsageError(`unexpected argument "${rest[max]}"`);
    return rest;
  };

  const address = values.address ?? (env['CITYBRAIN_GATEWAY_ADDRESS'] || DEFAULT_GATEWAY_ADDRESS);
  const match = ADDRESS.exec(address);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535)
    throw new CliUsageError(
      `${values.address === undefined ? 'CITYBRAIN_GATEWAY_ADDRESS' : '--address'}: "${address}" is not host:port`,
    );
  if (values.color && values['no-color'])
    throw new CliUsageError('--color and --no-color contradict each other');
  if (values.token !== undefined && values['token-file'] !== undefined)
    throw new CliUsageError('--token and --token-file: give one of them');
  const tokenFile =
    values['token-file'] ??
    (values.token === undefined ? env['CITYBRAIN_TOKEN_FILE'] || undefined : undefined);
  const token = tokenFile === undefined ? (values.token ?? (env['CITYBRAIN_TOKEN'] || undefined)) : undefined;
  const caFile = values.ca ?? (env['CITYBRAIN_TLS_CA'] || undefined);
  const certFile = values.cert ?? (env['CITYBRAIN_TLS_CERT'] || undefined);
  const keyFile = values.key ?? (env['CITYBRAIN_TLS_KEY'] || undefined);
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new CliUsageError('--cert and --key go together (mutual TLS)');
  if (certFile !== undefined && caFile === undefined) throw new CliUsageError('--cert needs --ca (TLS)');
  const connection: ConnectionSettings = {
    address,
    ...(caFile === undefined
      ? {}
      : {
          tls: {
            caFile,
            ...(certFile === undefined ? {} : { certFile }),
            ...(keyFile === undefined ? {} : { keyFile }),
          },
        }),
    ...(token === undefined ? {} : { token }),
    ...(tokenFile === undefined ? {} : { tokenFile }),
  };
  const common: CommonFlags = {
    address,
    connection,
    json: values.json,
    color: values.color ? 'always' : values['no-color'] ? 'never' : 'auto',
  };

  switch (name) {
    case 'alerts watch':
    case 'alerts list':
      args(0, 0, '');
      return {
        command: action === 'watch' ? 'alerts-watch' : 'alerts-list',
        ...common,
        filter: {
          areaIds: list(values.area),
          gridIds: list(values.grid),
          severities: list(values.severity).map(parseSeverity),
          kinds: list(values.kind).map(parseKind),
        },
      };
    case 'alerts ack':
      return {
        command: 'alerts-ack',
        ...common,
        alertId: args(1, 1, 'the alert id')[0]!,
        note: values.note ?? '',
      };
    case 'alerts show':
      return { command: 'alerts-show', ...common, alertId: args(1, 1, 'the alert id')[0]! };
    case 'silence add': {
      const matchers = args(1, 50, 'at least one matcher, e.g. gridId="G001"');
      if (values.comment === undefined || values.comment.trim() === '')
        throw new CliUsageError('silence add: --comment "why" is required');
      return {
        command: 'silence-add',
        ...common,
        matchers,
        durationMs: parseDuration(values.duration ?? '1h'),
        comment: values.comment,
      };
    }
    case 'silence list':
      args(0, 0, '');
      return { command: 'silence-list', ...common, includeExpired: values.expired };
    case 'silence expire':
      return { command: 'silence-expire', ...common, silenceId: args(1, 1, 'the silence id')[0]! };
    case 'grids show': {
      const [gridId] = args(0, 1, '');
      const areas = list(values.area);
      if (areas.length > 1) throw new CliUsageError('--area: one area');
      return {
        command: 'grids-show',
        ...common,
        ...(gridId === undefined ? {} : { gridId }),
        ...(areas[0] === undefined ? {} : { areaId: areas[0] }),
      };
    }
    case 'rules test':
      return {
        command: 'rules-test',
        ...common,
        files: args(1, 100, 'the rule-test file'),
        ...(values.grids === undefined ? {} : { gridsFile: values.grids }),
      };
    case 'rules backtest': {
      args(0, 0, '');
      if (values.from === undefined) throw new CliUsageError('rules backtest: --from is required');
      if (values.to === undefined) throw new CliUsageError('rules backtest: --to is required');
      if (values.progress && values['no-progress'])
        throw new CliUsageError('--progress and --no-progress contradict each other');
      const nowMs = Date.now();
      const fromMs = parseTime('--from', values.from, nowMs);
      const toMs = parseTime('--to', values.to, nowMs);
      if (toMs <= fromMs) throw new CliUsageError('--to: must be after --from');
      return {
        command: 'rules-backtest',
        ...common,
        fromMs,
        toMs,
        warmupMs: values.warmup === undefined ? 0 : parseDuration(values.warmup, '--warmup'),
        ...(values.rules === undefined ? {} : { rulesFile: values.rules }),
        ...(values.grids === undefined ? {} : { gridsFile: values.grids }),
        progress: values.progress ? 'always' : values['no-progress'] ? 'never' : 'auto',
      };
    }
    default:
      return { command: 'events-publish', ...common, file: args(1, 1, 'the events file')[0]! };
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `90s`, `30m`, `2h`, `1d` or `1h30m`, in ms.
 * @throws CliUsageError naming --duration.
 */
export function parseDuration(text: string, flag = '--duration'): number {
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw new CliUsageError(`${flag}: "${text}" is not a duration such as 30m, 2h or 1d`);
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
  if (ms <= 0) throw new CliUsageError(`${flag}: must be positive`);
  return ms;
}

/** An ISO-8601 date-time with `Z` or an offset (a bare local time would depend on the machine). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A point in time for `--from` / `--to`: ISO-8601 with `Z` or an offset
 * (`2026-11-25T07:30:00+08:00`), `now`, or `now-<duration>` (`now-24h`). Epoch ms.
 * @throws CliUsageError naming the flag.
 */
export function parseTime(flag: string, text: string, nowMs: number): number {
  if (text === 'now') return nowMs;
  if (text.startsWith('now-')) return nowMs - parseDuration(text.slice(4), flag);
  const ms = ISO_WITH_OFFSET.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new CliUsageError(
      `${flag}: "${text}" is not a time: say 2026-11-25T07:30:00+08:00 (with Z or an offset), now or now-24h`,
    );
  return ms;
}
