import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Output } from './commands';
import { runRuleTestFiles } from './rules-test';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const SHIPPED_TESTS = repo('deploy/config/rules.test.yaml');
const FAILING_EXAMPLE = repo('services/cli/testdata/failing.rules.test.yaml');

function capture(json = false): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { json, lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('citybrain rules test', () => {
  it('passes the shipped rules’ tests (every shipped rule has one)', async () => {
    const out = capture();
    expect(await runRuleTestFiles([SHIPPED_TESTS], {}, out)).toBe(0);
    const report = out.lines.join('\n');
    expect(report).toMatch(/10 rule tests passed$/);
    for (const rule of [
      'traffic-congestion',
      'traffic-congestion-sustained',
      'area-congestion',
      'serious-accident',
      'accident-cluster',
      'case-backlog-spike',
      'case-spike-baseline',
      'work-order-overdue',
      'permit-overdue',
    ])
      expect(report, rule).toContain(`ok    ${rule}:`);
  });

  it('exits 1 with a diff on a failing test, and says the same in --json', async () => {
    const out = capture();
    expect(await runRuleTestFiles([FAILING_EXAMPLE], {}, out)).toBe(1);
    expect(out.lines.join('\n').split('\n').slice(1)).toEqual([
      'FAIL  what the author expected of the morning',
      '      at eval_time 1m:',
      '        ~ traffic-congestion G001 {roadClass=arterial} firing high value=12 starts_at=0s',
      '            severity: "medium" → "high"',
      '        - accident-cluster G007 firing high   (expected, not raised)',
      '1 of 1 rule tests failed',
    ]);
    const json = capture(true);
    expect(await runRuleTestFiles([FAILING_EXAMPLE], {}, json)).toBe(1);
    const parsed = JSON.parse(json.lines[0]!) as { ok: boolean; results: { evals: { diff: string[] }[] }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.results[0]!.evals[0]!.diff).toHaveLength(3);
  });

  it('exits 2 naming the bad entry of an invalid test file, or a rule file that does not load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citybrain-rule-tests-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      `rule_file: ${repo('deploy/config/rules.yaml')}\ntests:\n  - name: x\n    input: [{ traffic: { grid: G001 }, values: '12 fast' }]\n    alerts: [{ eval_time: soon }]\n`,
    );
    const out = capture();
    expect(await runRuleTestFiles([bad], {}, out)).toBe(2);
    expect(out.errors.join('\n')).toContain('tests[0].alerts[0].eval_time: not a duration: "soon"');
    const noRules = join(dir, 'no-rules.yaml');
    await writeFile(noRules, 'rule_file: missing.yaml\ntests: [{ name: x, alerts: [{ eval_time: 1m }] }]\n');
    const out2 = capture();
    expect(await runRuleTestFiles([noRules], {}, out2)).toBe(2);
    expect(out2.errors.join('\n')).toMatch(/rule file .*missing\.yaml: ENOENT/);
  });

  it('is the command line: the process exits 1 on the failing example', async () => {
    const run = promisify(execFile);
    const failure = await run('node', [
      repo('services/cli/bin/citybrain.js'),
      'rules',
      'test',
      FAILING_EXAMPLE,
    ]).then(
      () => undefined,
      (err: unknown) => err as { code: number; stdout: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('severity: "medium" → "high"');
  }, 60_000);
});
