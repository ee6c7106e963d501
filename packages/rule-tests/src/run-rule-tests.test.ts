import { parseRuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import { RuleTestFileError } from './errors';
import { formatReport } from './report';
import { offset, runRuleTests } from './run-rule-tests';
import { expandValues, parseRuleTestFile } from './test-file';

const ruleSet = parseRuleSet({
  version: 1,
  rules: [
    {
      name: 'slow',
      type: 'threshold',
      kind: 'traffic',
      sub_category: 'trafficJam',
      severity: 'medium',
      measure: {
        stream: 'traffic',
        window: { kind: 'tumbling', size: '1m' },
        aggregation: { fn: 'mean', field: 'averageVehicleSpeedKmh' },
        min_count: 2,
      },
      condition: { op: '<=', threshold: 20 },
      escalate: [{ threshold: 10, severity: 'high' }],
      summary: { zh: '{gridId} 慢 {value}', en: '{gridId} slow {value}' },
    },
  ],
});
const areaOf = (g: string) => (g.startsWith('G') ? 'A1' : undefined);

const file = (exp: unknown[], values = '15x3 30x3') =>
  parseRuleTestFile({
    rule_file: 'rules.yaml',
    start: '2024-03-01T08:00:00+08:00',
    tests: [
      {
        name: 't',
        input: [{ traffic: { grid: 'G1' }, values }],
        alerts: [{ eval_time: '2m', exp_alerts: exp }],
      },
    ],
  });

describe('rule tests', () => {
  it('expands compact series: values, repeats and gaps', () => {
    expect(expandValues('12 12x2 _ _x2 4.5')).toEqual([12, 12, 12, undefined, undefined, undefined, 4.5]);
  });

  it('pass when the alerts at the evaluation point are exactly the expected ones', () => {
    const [r] = runRuleTests(
      file([
        {
          rule: 'slow',
          grid: 'G1',
          status: 'resolved',
          severity: 'medium',
          value: 30,
          starts_at: '0s',
          ends_at: '1m',
        },
      ]),
      ruleSet,
      areaOf,
    );
    expect(r).toMatchObject({ ok: true, evals: [{ evalTimeMs: 120_000, ok: true, diff: [] }] });
  });

  it('fail with a diff: a changed field, a missing alert, an unexpected one', () => {
    const [changed] = runRuleTests(
      file([{ rule: 'slow', grid: 'G1', status: 'firing', severity: 'medium' }]),
      ruleSet,
      areaOf,
    );
    expect(changed!.evals[0]!.diff).toEqual([
      '~ slow G1 resolved medium value=30 starts_at=0s ends_at=1m',
      '    status: "firing" → "resolved"',
    ]);
    const [missing] = runRuleTests(
      file([{ rule: 'slow', grid: 'G2', status: 'firing', severity: 'high' }], '30x3'),
      ruleSet,
      areaOf,
    );
    expect(missing!.evals[0]!.diff).toEqual(['- slow G2 firing high   (expected, not raised)']);
    const [extra] = runRuleTests(file([]), ruleSet, areaOf);
    expect(extra!.evals[0]!.diff).toEqual([
      '+ slow G1 resolved medium value=30 starts_at=0s ends_at=1m   (raised, not expected)',
    ]);
    expect(formatReport([extra!])).toBe(
      [
        'FAIL  t',
        '      at eval_time 2m:',
        '        + slow G1 resolved medium value=30 starts_at=0s ends_at=1m   (raised, not expected)',
        '1 of 1 rule tests failed',
        '',
      ].join('\n'),
    );
  });

  it('fail, saying why, on a grid the registry does not know', () => {
    const f = parseRuleTestFile({
      rule_file: 'r.yaml',
      tests: [
        { name: 'x', input: [{ traffic: { grid: 'X9' }, values: '1' }], alerts: [{ eval_time: '1m' }] },
      ],
    });
    expect(runRuleTests(f, ruleSet, areaOf)[0]).toMatchObject({
      ok: false,
      error: 'unknown grid X9 in the input',
    });
  });

  it('reject a bad file naming every bad entry', () => {
    try {
      parseRuleTestFile({
        rule_file: 'r.yaml',
        tests: [
          {
            name: 'x',
            input: [{ traffic: { grid: 'G1' }, values: '12 fast' }],
            alerts: [{ eval_time: 'soon' }],
          },
        ],
      });
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(RuleTestFileError);
      expect((err as RuleTestFileError).issues.map((i) => i.path)).toEqual(['tests[0].alerts[0].eval_time']);
    }
  });

  it('writes offsets as durations', () => {
    expect([0, 90_000, 86_400_000 + 3_600_000, 1500].map(offset)).toEqual(['0s', '1m30s', '1d1h', '1s500ms']);
  });
});
