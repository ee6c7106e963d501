import { describe, expect, it } from 'vitest';
import { ScenarioOptionsError } from './errors';
import { generateScenario } from './generate-scenario';
import { resolveScenarioOptions, type ScenarioOptions } from './options';
import { plannedIncidents } from './scenario-plan';
import { cityTime, testGrids } from './test-fixtures';

const valid: ScenarioOptions = { seed: 1, grids: testGrids(3), startMs: cityTime(7), durationMs: 3_600_000 };

describe('resolveScenarioOptions', () => {
  it('fills in the defaults and the end of the period', () => {
    const resolved = resolveScenarioOptions(valid);
    expect(resolved).toMatchObject({
      observationIntervalMs: 20_000,
      pointFraction: 0.2,
      pointJitterM: 0,
      congestedGrids: 3,
      seriousAccidents: 3,
      minorIncidents: 6,
      casesPerGridPerHour: 0.4,
      caseSpikeReports: 24,
      permitsPerHour: 3,
      overduePermits: 2,
      maxDisorderMs: 0,
      endMs: cityTime(8),
    });
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('names every bad option at once', () => {
    const bad = {
      ...valid,
      seed: -1,
      durationMs: 0,
      pointFraction: 1.5,
      grids: [...testGrids(2), { id: 'G001', areaId: 'A01', centroid: { lat: 95, lon: 120 } }],
    };
    try {
      resolveScenarioOptions(bad);
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(ScenarioOptionsError);
      const error = err as ScenarioOptionsError;
      expect(error.code).toBe('SCENARIO_OPTIONS_INVALID');
      expect(error.retriable).toBe(false);
      expect(error.issues.map((i) => i.path).sort()).toEqual(
        ['durationMs', 'grids.2.centroid.lat', 'grids.2.id', 'pointFraction', 'seed'].sort(),
      );
      expect(error.message).toContain('duplicate grid id G001');
    }
  });

  it('rejects an empty grid list and non-integer times', () => {
    expect(() => resolveScenarioOptions({ ...valid, grids: [] })).toThrow(/grids/);
    expect(() => resolveScenarioOptions({ ...valid, startMs: 1.5 })).toThrow(/startMs/);
  });

  it('makes generateScenario and plannedIncidents fail at the call', () => {
    expect(() => generateScenario({ ...valid, seed: 2 ** 32 })).toThrow(ScenarioOptionsError);
    expect(() => plannedIncidents({ ...valid, observationIntervalMs: 0 })).toThrow(ScenarioOptionsError);
  });
});
