import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMatcher, type Silence } from '@citybrain/alerting';
import { GridRegistry } from '@citybrain/grid';
import type { Principal } from './auth';
import { checkNewSilence, mayExpire, silenceCoverage, silenceVisibleTo } from './silence-policy';

const registry = GridRegistry.parse(
  readFileSync(fileURLToPath(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url)), 'utf8'),
);
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 1);
const policy = { maxDurationMs: 24 * HOUR, gridWorkersMaySilence: true };
const committee: Principal = { subject: 'chair', role: 'committee' };
const officer: Principal = { subject: 'officer-a01', role: 'area-officer', areaId: 'A01' };
const worker: Principal = { subject: 'worker-g001', role: 'grid-worker', gridId: 'G001', areaId: 'A01' };

const silence = (text: string[], over: Partial<Silence> = {}): Silence => ({
  id: 's',
  matchers: text.map((t) => parseMatcher(t)),
  startsAtMs: NOW,
  endsAtMs: NOW + HOUR,
  createdBy: 'someone',
  comment: 'c',
  ...over,
});
const outcome = (p: Principal, s: Silence, force = false, pol = policy): string => {
  try {
    checkNewSilence(p, s, { force, nowMs: NOW }, pol, registry);
    return 'OK';
  } catch (err: unknown) {
    return (err as { code: string }).code;
  }
};

describe('silence scope', () => {
  it('knows which grids a silence reaches, from the registry', () => {
    expect(silenceCoverage(silence(['gridId=~"G.*"']).matchers, registry).grids.size).toBe(
      registry.grids.length,
    );
    expect([...silenceCoverage(silence(['gridId="G001"']).matchers, registry).grids]).toEqual(['G001']);
    expect(silenceCoverage(silence(['areaId="A01"', 'rule="x"']).matchers, registry)).toMatchObject({
      narrowed: true,
    });
  });

  // role × target: [committee, area officer A01, grid worker G001]
  const cases: [string, string[], string[]][] = [
    ['own grid, one rule', ['gridId="G001"', 'rule="r"'], ['OK', 'OK', 'OK']],
    ['own grid, everything', ['gridId="G001"'], ['OK', 'OK', 'OK']],
    ['another grid of A01', ['gridId="G002"'], ['OK', 'OK', 'permission-denied']],
    ['area A01, one rule', ['areaId="A01"', 'rule="r"'], ['OK', 'OK', 'permission-denied']],
    ['all of area A01', ['areaId="A01"'], ['invalid-argument', 'invalid-argument', 'permission-denied']],
    [
      'all of area A01 by grid regex',
      ['gridId=~".*"', 'areaId="A01"', 'rule=~".+"'],
      ['invalid-argument', 'invalid-argument', 'permission-denied'],
    ],
    [
      'another area, one rule',
      ['areaId="A05"', 'rule="r"'],
      ['OK', 'permission-denied', 'permission-denied'],
    ],
    ['the whole city', ['areaId=~".+"'], ['invalid-argument', 'permission-denied', 'permission-denied']],
    ['one rule city-wide', ['rule="r"'], ['OK', 'permission-denied', 'permission-denied']],
    [
      'no grid at all',
      ['gridId="G999"', 'rule="r"'],
      ['invalid-argument', 'invalid-argument', 'invalid-argument'],
    ],
  ];
  it.each(cases)('%s', (_name, matchers, expected) => {
    expect([committee, officer, worker].map((p) => outcome(p, silence(matchers)))).toEqual(expected);
  });

  it('lets only the committee force a city- or area-wide silence', () => {
    expect(outcome(committee, silence(['areaId=~".+"']), true)).toBe('OK');
    expect(outcome(committee, silence(['areaId="A01"']), true)).toBe('OK');
    expect(outcome(officer, silence(['areaId="A01"']), true)).toBe('permission-denied');
  });

  it('bounds the duration of officers’ and workers’ silences, not the committee’s', () => {
    const long = silence(['gridId="G001"'], { endsAtMs: Date.UTC(9999, 11, 31) });
    expect([committee, officer, worker].map((p) => outcome(p, long))).toEqual([
      'OK',
      'invalid-argument',
      'invalid-argument',
    ]);
    expect(outcome(officer, silence(['gridId="G001"'], { endsAtMs: NOW + 24 * HOUR }))).toBe('OK');
    expect(
      outcome(
        officer,
        silence(['gridId="G001"'], { startsAtMs: NOW + 48 * HOUR, endsAtMs: NOW + 49 * HOUR }),
      ),
    ).toBe('invalid-argument');
  });

  it('refuses grid workers unless the configuration allows them', () => {
    expect(
      outcome(worker, silence(['gridId="G001"']), false, { ...policy, gridWorkersMaySilence: false }),
    ).toBe('permission-denied');
  });

  it('shows a silence to the committee, its creator and callers whose scope holds it; expires for owner or committee', () => {
    const workers = silence(['gridId="G001"'], { createdBy: 'worker-g001' });
    const committees = silence(['gridId="G001"'], { createdBy: 'chair' });
    const a05 = silence(['areaId="A05"', 'rule="r"'], { createdBy: 'chair' });
    expect([committee, officer, worker].map((p) => silenceVisibleTo(p, a05, registry))).toEqual([
      true,
      false,
      false,
    ]);
    expect([committee, officer, worker].map((p) => silenceVisibleTo(p, workers, registry))).toEqual([
      true,
      true,
      true,
    ]);
    expect([committee, officer, worker].map((p) => mayExpire(p, workers))).toEqual([true, false, true]);
    expect([committee, officer, worker].map((p) => mayExpire(p, committees))).toEqual([true, false, false]);
  });
});
