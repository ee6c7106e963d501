import { describe, expect, it } from 'vitest';
import { BACKTEST_EXIT, progressLine, runRulesBacktest } from './rules-backtest';

describe('rules backtest', () => {
  it('prints progress as share, records, events/s and time left', () => {
    expect(
      progressLine({
        records: 250_000,
        total: 1_000_000,
        elapsedMs: 25_000,
        eventsPerSecond: 10_000,
        etaMs: 75_000,
      }),
    ).toBe('backtest:  25% 250,000/1,000,000 records, 10,000 events/s, ETA 75 s');
    expect(
      progressLine({ records: 10, total: 1_000_000, elapsedMs: 200, eventsPerSecond: 50, etaMs: undefined }),
    ).toMatch(/ETA …$/);
    expect(progressLine({ records: 1, total: 2, elapsedMs: 5, eventsPerSecond: 1, etaMs: 600_000 })).toMatch(
      /ETA 10 min$/,
    );
  });

  it('exits 2 naming a bad variable or rule file, before touching Kafka', async () => {
    const lines: string[] = [];
    const output = { json: false, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const progress = { isTTY: false, write: () => {} };
    const command = { fromMs: 0, toMs: 1, warmupMs: 0, progress: 'never' as const };
    expect(await runRulesBacktest(command, { CITYBRAIN_IDLE_TIMEOUT_MS: 'soon' }, output, progress)).toBe(
      BACKTEST_EXIT.invalid,
    );
    expect(lines.join('\n')).toMatch(/CITYBRAIN_IDLE_TIMEOUT_MS/);
    lines.length = 0;
    expect(
      await runRulesBacktest({ ...command, rulesFile: '/nonexistent/rules.yaml' }, {}, output, progress),
    ).toBe(BACKTEST_EXIT.invalid);
    expect(lines.join('\n')).toMatch(/rule file \/nonexistent\/rules\.yaml/);
  });
});
