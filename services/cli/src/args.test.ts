import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseTime, parseDuration } from './args';
import { CliError } from './errors';

function usageError(argv: string[], env = {}): CliError {
  try {
    parseCliArgs(argv, env);
  } catch (err: unknown) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('parseCliArgs', () => {
  it('parses alerts watch with every filter, repeated or comma-separated', () => {
    expect(
      parseCliArgs([
        'alerts',
        'watch',
        '--address',
        'gateway.local:6000',
        '--area',
        'A01,A02',
        '--grid',
        'G001',
        '--grid',
        'G002',
        '--severity',
        'HIGH',
        '--kind',
        'city-management',
        '--kind',
        'traffic',
        '--json',
      ]),
    ).toEqual({
      command: 'alerts-watch',
      address: 'gateway.local:6000',
      connection: { address: 'gateway.local:6000' },
      filter: {
        areaIds: ['A01', 'A02'],
        gridIds: ['G001', 'G002'],
        severities: ['high'],
        kinds: ['cityManagement', 'traffic'],
      },
      json: true,
      color: 'auto',
    });
  });

  it('takes the address from CITYBRAIN_GATEWAY_ADDRESS, else 127.0.0.1:50051', () => {
    expect(parseCliArgs(['alerts', 'list'])).toMatchObject({
      command: 'alerts-list',
      address: '127.0.0.1:50051',
    });
    expect(parseCliArgs(['alerts', 'list'], { CITYBRAIN_GATEWAY_ADDRESS: '10.0.0.5:7000' })).toMatchObject({
      address: '10.0.0.5:7000',
    });
    expect(
      parseCliArgs(['alerts', 'list', '--address', '[::1]:7001'], { CITYBRAIN_GATEWAY_ADDRESS: 'x:1' }),
    ).toMatchObject({ address: '[::1]:7001' });
  });

  it('reads the colour switches', () => {
    expect(parseCliArgs(['alerts', 'watch', '--no-color'])).toMatchObject({ color: 'never' });
    expect(parseCliArgs(['alerts', 'watch', '--color'])).toMatchObject({ color: 'always' });
  });

  it('asks for help with no command, "help", or --help', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['alerts', 'watch', '-h'])).toEqual({ command: 'help' });
  });

  it.each([
    [['alerts', 'frob'], 'unknown command "alerts frob"'],
    [['alarms', 'watch'], 'unknown command "alarms watch"'],
    [['alerts'], 'say "watch" or "list"'],
    [['alerts', 'list', 'extra'], 'unexpected argument "extra"'],
    [['alerts', 'watch', '--frobnicate'], "'--frobnicate'"],
    [['alerts', 'watch', '--severity', 'huge'], '--severity: unknown severity "huge"'],
    [['alerts', 'watch', '--kind', 'weather'], '--kind: unknown kind "weather"'],
    [['alerts', 'watch', '--address', 'nohost'], '--address: "nohost" is not host:port'],
    [['alerts', 'watch', '--address', 'h:70000'], '--address: "h:70000" is not host:port'],
    [['alerts', 'watch', '--color', '--no-color'], 'contradict'],
  ])('rejects %j with a usage error (exit 2) naming the problem', (argv, message) => {
    const err = usageError(argv);
    expect(err.code).toBe('usage');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(message);
  });

  it('blames CITYBRAIN_GATEWAY_ADDRESS when that is the bad address', () => {
    expect(usageError(['alerts', 'list'], { CITYBRAIN_GATEWAY_ADDRESS: 'oops' }).message).toContain(
      'CITYBRAIN_GATEWAY_ADDRESS',
    );
  });

  it('reads the token and TLS files from flags or the environment', () => {
    expect(
      parseCliArgs([
        'alerts',
        'list',
        '--token',
        't0k3n',
        '--ca',
        'ca.pem',
        '--cert',
        'c.pem',
        '--key',
        'k.pem',
      ]),
    ).toMatchObject({
      connection: {
        address: '127.0.0.1:50051',
        token: 't0k3n',
        tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem' },
      },
    });
    expect(
      parseCliArgs(['alerts', 'list'], { CITYBRAIN_TOKEN: 'env-token', CITYBRAIN_TLS_CA: 'ca.pem' }),
    ).toMatchObject({ connection: { token: 'env-token', tls: { caFile: 'ca.pem' } } });
    expect(
      parseCliArgs(['alerts', 'list', '--token-file', 'tok.txt'], { CITYBRAIN_TOKEN: 'x' }),
    ).toMatchObject({
      connection: { tokenFile: 'tok.txt' },
    });
    expect(parseCliArgs(['alerts', 'list'], { CITYBRAIN_TOKEN_FILE: 'env.txt' })).toMatchObject({
      connection: { tokenFile: 'env.txt' },
    });
    expect(usageError(['alerts', 'list', '--token', 'a', '--token-file', 'b']).message).toMatch(
      /give one of them/,
    );
    expect(usageError(['alerts', 'list', '--ca', 'ca.pem', '--cert', 'c.pem']).message).toMatch(
      /--cert and --key go together/,
    );
    expect(usageError(['alerts', 'list', '--cert', 'c.pem', '--key', 'k.pem']).message).toMatch(
      /--cert needs --ca/,
    );
  });

  it('parses the committee commands', () => {
    expect(parseCliArgs(['alerts', 'ack', 'a-1', '--note', 'crew sent'])).toMatchObject({
      command: 'alerts-ack',
      alertId: 'a-1',
      note: 'crew sent',
    });
    expect(
      parseCliArgs([
        'silence',
        'add',
        'gridId="G001"',
        'rule=~"traffic.*"',
        '--duration',
        '1h30m',
        '--comment',
        'works',
      ]),
    ).toMatchObject({
      command: 'silence-add',
      matchers: ['gridId="G001"', 'rule=~"traffic.*"'],
      durationMs: 5_400_000,
      comment: 'works',
    });
    expect(parseCliArgs(['silence', 'list', '--expired'])).toMatchObject({
      command: 'silence-list',
      includeExpired: true,
    });
    expect(parseCliArgs(['silence', 'expire', 's-1'])).toMatchObject({
      command: 'silence-expire',
      silenceId: 's-1',
    });
    expect(parseCliArgs(['grids', 'show', '--area', 'A01'])).toMatchObject({
      command: 'grids-show',
      areaId: 'A01',
    });
    expect(parseCliArgs(['grids', 'show', 'G001'])).toMatchObject({ command: 'grids-show', gridId: 'G001' });
    expect(parseCliArgs(['events', 'publish', 'events.jsonl'])).toMatchObject({
      command: 'events-publish',
      file: 'events.jsonl',
    });
  });

  it.each([
    [['alerts', 'ack'], /alerts ack: missing the alert id/],
    [['silence', 'add', 'gridId=G001'], /--comment "why" is required/],
    [
      ['silence', 'add', 'gridId=G001', '--comment', 'x', '--duration', 'soon'],
      /--duration: "soon" is not a duration/,
    ],
    [['silence'], /silence: say "add" or "list" or "expire"/],
    [['events', 'publish'], /events publish: missing the events file/],
    [['grids', 'show', 'G001', 'G002'], /unexpected argument "G002"/],
  ])('rejects %j naming the problem', (argv, message) => {
    const err = usageError(argv);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
  });
});

describe('parseDuration', () => {
  it('reads s, m, h, d and combinations', () => {
    expect(['90s', '30m', '2h', '1d', '1h30m'].map((d) => parseDuration(d))).toEqual([
      90_000, 1_800_000, 7_200_000, 86_400_000, 5_400_000,
    ]);
    expect(() => parseDuration('0m')).toThrow(/must be positive/);
    expect(() => parseDuration('2 h')).toThrow(/not a duration/);
  });
});

describe('rules backtest', () => {
  const parse = (...argv: string[]) => parseCliArgs(['rules', 'backtest', ...argv]);

  it('reads the range, the candidate, the warm-up and the progress mode', () => {
    const c = parse(
      '--from',
      '2026-11-25T07:30:00+08:00',
      '--to',
      '2026-11-25T09:00:00Z',
      '--rules',
      'candidate.yaml',
      '--warmup',
      '1h',
      '--no-progress',
      '--json',
    );
    expect(c).toMatchObject({
      command: 'rules-backtest',
      fromMs: Date.UTC(2026, 10, 24, 23, 30),
      toMs: Date.UTC(2026, 10, 25, 9, 0),
      warmupMs: 3_600_000,
      rulesFile: 'candidate.yaml',
      progress: 'never',
      json: true,
    });
    expect(parse('--from', 'now-2h', '--to', 'now')).toMatchObject({ warmupMs: 0, progress: 'auto' });
  });

  it('names the flag of a bad or missing time', () => {
    expect(() => parse('--to', 'now')).toThrow(/--from is required/);
    expect(() => parse('--from', 'now-1h')).toThrow(/--to is required/);
    expect(() => parse('--from', '2026-11-25T07:30:00', '--to', 'now')).toThrow(
      /--from: .*is not a time.*with Z or an offset/,
    );
    expect(() => parse('--from', 'now', '--to', 'now-1h')).toThrow(/--to: must be after --from/);
    expect(() => parse('--from', 'now-1x', '--to', 'now')).toThrow(/--from: "1x" is not a duration/);
    expect(() => parse('--from', 'now-1h', '--to', 'now', '--warmup', 'soon')).toThrow(/--warmup/);
  });
});

describe('parseTime', () => {
  it('reads ISO-8601 with an offset, now and now-<duration>', () => {
    const now = Date.UTC(2026, 10, 29, 12, 0);
    expect(parseTime('--from', '2026-11-29T20:00:00+08:00', now)).toBe(now);
    expect(parseTime('--from', 'now', now)).toBe(now);
    expect(parseTime('--from', 'now-1d', now)).toBe(now - 86_400_000);
  });
});
