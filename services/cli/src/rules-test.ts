import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GridRegistry } from '@citybrain/grid';
import {
  formatReport,
  parseRuleTestFile,
  runRuleTests,
  RuleTestFileError,
  type RuleTestResult,
} from '@citybrain/rule-tests';
import { parseRuleSet, RulesConfigError, type RuleSet } from '@citybrain/rules';
import { parse as parseYaml } from 'yaml';
import type { Output } from './commands';

/** The grid registry shipped with the project, used when neither `--grids` nor the file names one. */
export const SHIPPED_GRIDS_FILE = fileURLToPath(
  new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url),
);

/** A file could not be used: the message names the file and every bad entry. */
export class InvalidFile extends Error {}

/** Reads a YAML file. @throws InvalidFile naming the file. */
export async function readYaml(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    throw new InvalidFile(`${what} ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseYaml(text);
  } catch (err: unknown) {
    throw new InvalidFile(`${what} ${path}: not YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Issues as indented `path: message` lines. */
export const issueLines = (issues: readonly { path: string; message: string }[]) =>
  issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n');

/** Reads one rule-test file with its rule file and grid registry, and runs its tests. */
async function runFile(path: string, gridsOverride: string | undefined): Promise<RuleTestResult[]> {
  const doc = await readYaml(path, 'rule-test file');
  let file;
  try {
    file = parseRuleTestFile(doc);
  } catch (err: unknown) {
    if (err instanceof RuleTestFileError)
      throw new InvalidFile(`rule-test file ${path}:\n${issueLines(err.issues)}`);
    throw err;
  }
  const base = dirname(path);
  const rulesPath = resolve(base, file.ruleFile);
  let ruleSet: RuleSet;
  try {
    ruleSet = parseRuleSet(await readYaml(rulesPath, 'rule file'));
  } catch (err: unknown) {
    if (err instanceof RulesConfigError)
      throw new InvalidFile(`rule file ${rulesPath}:\n${issueLines(err.issues)}`);
    throw err;
  }
  const gridsPath =
    gridsOverride ?? (file.gridsFile === undefined ? SHIPPED_GRIDS_FILE : resolve(base, file.gridsFile));
  let registry: GridRegistry;
  try {
    registry = GridRegistry.parse(await readFile(gridsPath, 'utf8'));
  } catch (err: unknown) {
    throw new InvalidFile(`grid file ${gridsPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return runRuleTests(file, ruleSet, (gridId) => registry.grid(gridId)?.areaId);
}

/**
 * `citybrain rules test <file>...`: runs every file's tests offline and prints a report per file
 * (or, with `--json`, one JSON object per file). Returns the exit code: 0 when every test passed,
 * 1 when one failed, 2 when a file (test, rule or grid file) is invalid — a CI can tell a broken
 * rule from a broken test setup.
 */
export async function runRuleTestFiles(
  files: readonly string[],
  opts: { readonly gridsFile?: string },
  output: Output,
): Promise<number> {
  let code = 0;
  for (const path of files) {
    let results: RuleTestResult[];
    try {
      results = await runFile(path, opts.gridsFile);
    } catch (err: unknown) {
      if (!(err instanceof InvalidFile)) throw err;
      output.err(`citybrain: ${err.message}`);
      code = 2;
      continue;
    }
    const ok = results.every((r) => r.ok);
    if (!ok && code === 0) code = 1;
    if (output.json) output.out(JSON.stringify({ file: path, ok, results }));
    else output.out(`rules test ${path}\n${formatReport(results).trimEnd()}`);
  }
  return code;
}
