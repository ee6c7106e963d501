import { offset, type RuleTestResult } from './run-rule-tests';

/**
 * The readable report of a run: one line per test (`ok` / `FAIL`), and under each failure the diff
 * of every evaluation point that failed; a summary line last.
 */
export function formatReport(results: readonly RuleTestResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}`);
    if (r.error !== undefined) lines.push(`      ${r.error}`);
    for (const e of r.evals) {
      if (e.ok) continue;
      lines.push(`      at eval_time ${offset(e.evalTimeMs)}:`);
      for (const d of e.diff) lines.push(`        ${d}`);
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  lines.push(
    failed === 0 ? `${results.length} rule tests passed` : `${failed} of ${results.length} rule tests failed`,
  );
  return `${lines.join('\n')}\n`;
}
