import { describe, expect, it } from 'vitest';
import { ConfigError } from '@citybrain/config';
import { parseSimulatorFlags } from './flags';

function issuesOf(argv: string[]): { key: string; message: string }[] {
  try {
    parseSimulatorFlags(argv);
  } catch (err: unknown) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseSimulatorFlags', () => {
  it('fills in the defaults: seed 42, a 90-minute Longgang morning from 07:30 +08:00 at 90x', () => {
    expect(parseSimulatorFlags([])).toEqual({
      seed: 42,
      startMs: Date.UTC(2026, 10, 24, 23, 30),
      durationMs: 90 * 60_000,
      compression: 90,
      ratePerSecond: 0,
      jsonFraction: 0.1,
      malformedEvery: 500,
      forever: false,
      help: false,
    });
  });

  it('reads every flag', () => {
    const flags = parseSimulatorFlags([
      '--seed=7',
      '--start',
      '2026-01-02T03:04:05Z',
      '--city-minutes',
      '2.5',
      '--compression',
      '0',
      '--rate',
      '1000',
      '--json-fraction',
      '1',
      '--malformed-every',
      '0',
      '--forever',
    ]);
    expect(flags).toMatchObject({
      seed: 7,
      startMs: Date.UTC(2026, 0, 2, 3, 4, 5),
      durationMs: 150_000,
      compression: 0,
      ratePerSecond: 1000,
      jsonFraction: 1,
      malformedEvery: 0,
      forever: true,
    });
  });

  it('names every bad flag at once', () => {
    expect(
      issuesOf(['--seed=-1', '--compression', 'fast', '--json-fraction', '1.5', '--city-minutes', '0']),
    ).toEqual([
      { key: '--seed', message: 'must be >= 0' },
      { key: '--city-minutes', message: 'must be > 0' },
      { key: '--compression', message: 'must be a number' },
      { key: '--json-fraction', message: 'must be 0..1' },
    ]);
  });

  it('rejects a start without an offset, and a fractional --malformed-every', () => {
    const issues = issuesOf(['--start', '2026-11-25T07:30:00', '--malformed-every', '2.5']);
    expect(issues.map((i) => i.key)).toEqual(['--start', '--malformed-every']);
    expect(issues[0]!.message).toContain('offset');
  });

  it('rejects an unknown flag and a stray argument, naming them', () => {
    expect(issuesOf(['--sede', '1'])[0]!.message).toContain('--sede');
    expect(issuesOf(['now'])[0]!.message).toContain('now');
  });

  it('knows --help', () => {
    expect(parseSimulatorFlags(['--help']).help).toBe(true);
  });
});
