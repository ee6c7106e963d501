import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args';
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
});
