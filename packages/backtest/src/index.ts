/**
 * Backtests of rule files on history (`citybrain rules backtest`): the input topics' records of a
 * time range (offsets by timestamp) replayed offline through the processor's own decode and
 * pipeline, with the processor's settings and processing time taken from the records' timestamps,
 * and the alerts the candidate rules would have raised compared with those on the alerts topic for
 * the same range — added, removed and changed, per rule and area. Nothing is written to Kafka and no
 * consumer-group offset is committed. {@link Replay} and the report are pure; {@link runBacktest}
 * does the reading.
 *
 * @example
 * ```ts
 * import { runBacktest, formatBacktestReport, sameAlerts } from '@citybrain/backtest';
 * const report = await runBacktest({ client, fromMs, toMs, warmupMs: 0, replay, alertsTopic, rulesFile });
 * process.stdout.write(formatBacktestReport(report));
 * process.exitCode = sameAlerts(report) ? 0 : 1;
 * ```
 */
export { Replay, type ReplayCounts, type ReplayOptions, type ReplayedAlert } from './replay';
export { compareAlerts, formatBacktestReport, sameAlerts, type BacktestReport } from './backtest-report';
export { runBacktest, type BacktestOptions, type BacktestProgress } from './run-backtest';
