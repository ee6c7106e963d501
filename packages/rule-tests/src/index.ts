/**
 * Rule unit tests in the spirit of `promtool test rules`: a YAML file of tests, each with input events
 * per grid as compact series (traffic speeds every 20 s, accidents at given times, a work order's or a
 * permit's stages), evaluation points, and the exact alerts expected at each (rule, grid, labels,
 * status, severity, and optionally value, times and summary). {@link runRuleTests} runs them through
 * the processor's own pipeline, so a test proves what production would do; {@link formatReport}
 * writes the diff a CI shows. Pure: the caller reads the files.
 *
 * @example
 * ```ts
 * import { parseRuleTestFile, runRuleTests, formatReport } from '@citybrain/rule-tests';
 * const file = parseRuleTestFile(YAML.parse(text)); // throws RuleTestFileError naming bad entries
 * const results = runRuleTests(file, ruleSet, (gridId) => registry.grid(gridId)?.areaId);
 * process.stdout.write(formatReport(results));
 * process.exitCode = results.every((r) => r.ok) ? 0 : 1;
 * ```
 */
export {
  expandValues,
  parseRuleTestFile,
  type CaseSeries,
  type ExpectedAlert,
  type IncidentSeries,
  type InputSeries,
  type PermitSeries,
  type RuleTest,
  type RuleTestFile,
  type TrafficSeries,
} from './test-file';
export { seriesEvents } from './series';
export { offset, runRuleTests, type EvalOutcome, type RuleTestResult } from './run-rule-tests';
export { formatReport } from './report';
export { diffAlerts, latestById, type AlertDiff, type ChangedAlert, type RuleAreaDiff } from './alert-diff';
export { RuleTestError, RuleTestFileError, type RuleTestFileIssue } from './errors';
