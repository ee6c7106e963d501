import { describe, expect, it } from 'vitest';
import { RulesConfigError } from './errors';
import { defaultRulesConfig, parseRulesConfig, rulesConfigSchema } from './rules-config';

function issuesOf(input: unknown): string[] {
  try {
    parseRulesConfig(input);
  } catch (err: unknown) {
    if (err instanceof RulesConfigError) return err.issues.map((i) => i.path);
    throw err;
  }
  throw new Error('expected a RulesConfigError');
}

describe('rules config', () => {
  it('has the documented defaults, deeply frozen', () => {
    expect(defaultRulesConfig.trafficCongestion).toMatchObject({
      minLevel: 'moderate',
      minObservations: 3,
      staleAfterMs: 300_000,
    });
    expect(defaultRulesConfig.seriousAccident.minVehicles).toBe(3);
    expect(defaultRulesConfig.caseBacklogSpike).toMatchObject({ threshold: 6, caseWindowMs: 600_000 });
    expect(defaultRulesConfig.permitOverdue).toMatchObject({
      stageDeadlineMs: 8 * 86_400_000,
      overallDeadlineMs: 8 * 86_400_000,
    });
    expect(Object.isFrozen(defaultRulesConfig.trafficCongestion.speedBandsKmh.arterial)).toBe(true);
  });

  it('parses an empty or missing config to the defaults', () => {
    expect(parseRulesConfig({})).toEqual(defaultRulesConfig);
    expect(parseRulesConfig(undefined)).toEqual(defaultRulesConfig);
  });

  it('merges a deep partial over the defaults and freezes the result', () => {
    const config = parseRulesConfig({
      caseBacklogSpike: { threshold: 10 },
      trafficCongestion: { minLevel: 'severe', speedBandsKmh: { arterial: { severe: 12 } } },
      permitOverdue: { stageDeadlineMs: undefined },
    });
    expect(config.caseBacklogSpike.threshold).toBe(10);
    expect(config.caseBacklogSpike.caseWindowMs).toBe(600_000);
    expect(config.trafficCongestion.minLevel).toBe('severe');
    expect(config.trafficCongestion.speedBandsKmh.arterial).toEqual({
      mostlyFree: 40,
      light: 30,
      moderate: 20,
      severe: 12,
    });
    expect(config.permitOverdue.stageDeadlineMs).toBe(8 * 86_400_000);
    expect(Object.isFrozen(config.trafficCongestion.speedBandsKmh.arterial)).toBe(true);
    expect(rulesConfigSchema.parse({ seriousAccident: { minVehicles: 4 } }).seriousAccident.minVehicles).toBe(
      4,
    );
  });

  it('names every bad key by path', () => {
    expect(
      issuesOf({
        caseBacklogSpike: { threshold: 0, tresholdd: 6 },
        trafficCongestion: { minLevel: 'free', speedBandsKmh: { tram: {} } },
        permitOverdue: { stageDeadlineMs: -1 },
        extra: true,
      }).sort(),
    ).toEqual([
      'caseBacklogSpike.threshold',
      'caseBacklogSpike.tresholdd',
      'extra',
      'permitOverdue.stageDeadlineMs',
      'trafficCongestion.minLevel',
      'trafficCongestion.speedBandsKmh.tram',
    ]);
  });

  it('rejects bands that do not strictly decrease, and stale limits within one window', () => {
    expect(
      issuesOf({
        trafficCongestion: { speedBandsKmh: { arterial: { severe: 20 } }, staleAfterMs: 60_000 },
        caseBacklogSpike: { staleAfterMs: 600_000 },
      }).sort(),
    ).toEqual([
      'caseBacklogSpike.staleAfterMs',
      'trafficCongestion.speedBandsKmh.arterial',
      'trafficCongestion.staleAfterMs',
    ]);
  });

  it('reports a readable message', () => {
    expect(() => parseRulesConfig({ seriousAccident: { minVehicles: 1.5 } })).toThrow(
      /invalid rules config: seriousAccident\.minVehicles: /,
    );
    expect(() => parseRulesConfig('nope')).toThrow(RulesConfigError);
  });
});
