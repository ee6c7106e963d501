import { describe, expect, it } from 'vitest';
import { DemoFlagError, parseDemoFlags } from './demo-flags';

describe('parseDemoFlags', () => {
  it('defaults to one 90-minute city morning at 90x', () => {
    expect(parseDemoFlags([])).toEqual({
      forever: false,
      cityMinutes: 90,
      compression: 90,
      seed: 42,
      help: false,
    });
  });

  it('reads the flags', () => {
    expect(parseDemoFlags(['--forever', '--city-minutes', '30', '--compression=0', '--seed', '7'])).toEqual({
      forever: true,
      cityMinutes: 30,
      compression: 0,
      seed: 7,
      help: false,
    });
  });

  it.each([
    [['--city-minutes', '0'], '--city-minutes: "0"'],
    [['--city-minutes', 'lots'], '--city-minutes: "lots"'],
    [['--compression=-1'], '--compression: "-1"'],
    [['--seed', '1.5'], '--seed: "1.5"'],
    [['--fast'], "'--fast'"],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(() => parseDemoFlags(argv)).toThrow(DemoFlagError);
    expect(() => parseDemoFlags(argv)).toThrow(message);
  });
});
