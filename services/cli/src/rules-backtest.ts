import { readFile } from 'node:fs/promises';
import { formatBacktestReport, runBacktest, sameAlerts, type BacktestProgress } from '@citybrain/backtest';
import { ConfigError } from '@citybrain/config';
import { GridRegistry } from '@citybrain/grid';
import { createKafkaClient, KafkaEdgeError } from '@citybrain/kafka';
import { createLogger } from '@citybrain/observability';
import { parseRuleSet, RulesConfigError, type RuleSet } from '@citybrain/rules';
import type { Output } from './commands';
import { loadBacktestSettings } from './backtest-settings';
import { InvalidFile, issueLines, readYaml, SHIPPED_GRIDS_FILE } from './rules-test';

/** Exit codes of `rules backtest`, for a CI. */
export const BACKTEST_EXIT = Object.freeze({
  /** The candidate raises exactly the alerts that were raised. */
  same: 0,
  /** The candidate's alerts differ (added, removed or changed). */
  differs: 1,
  /** A bad command line, variable, rule file or grid file. */
  invalid: 2,
  /** Kafka could not be reached or read. */
  kafka: 4,
});

/** What `rules backtest` was asked. */
export interface BacktestCommand {
  readonly fromMs: number;
  readonly toMs: number;
  readonly warmupMs: number;
  readonly rulesFile?: string;
  readonly gridsFile?: string;
  readonly progress: 'auto' | 'always' | 'never';
}

/** Where the progress line goes: a terminal gets one line rewritten in place. */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
}

const secs = (ms: number) =>
  ms >= 90_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(0, Math.round(ms / 1000))} s`;

/** The progress line: share done, records, events per second and time left. */
export function progressLine(p: BacktestProgress): string {
  const pct = p.total > 0 ? Math.min(100, Math.floor((p.records / p.total) * 100)) : 100;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return (
    `backtest: ${String(pct).padStart(3)}% ${n(p.records)}/${n(p.total)} records, ` +
    `${n(p.eventsPerSecond)} events/s, ETA ${p.etaMs === undefined ? '…' : secs(p.etaMs)}`
  );
}

async function loadRules(path: string): Promise<RuleSet> {
  try {
    return parseRuleSet(await readYaml(path, 'rule file'));
  } catch (err: unknown) {
    if (err instanceof RulesConfigError)
      throw new InvalidFile(`rule file ${path}:\n${issueLines(err.issues)}`);
    throw err;
  }
}

async function loadGrids(path: string): Promise<GridRegistry> {
  try {
    return GridRegistry.parse(await readFile(path, 'utf8'));
  } catch (err: unknown) {
    throw new InvalidFile(`grid file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * `citybrain rules backtest`: replays the input topics' records of the range through the
 * processor's pipeline with the candidate rules, offline, and prints the alerts that differ from
 * those on the alerts topic for the range (or, with `--json`, one JSON report). Returns the exit
 * code ({@link BACKTEST_EXIT}).
 */
export async function runRulesBacktest(
  command: BacktestCommand,
  env: Readonly<Record<string, string | undefined>>,
  output: Output,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<number> {
  let settings;
  let ruleSet: RuleSet;
  let registry: GridRegistry;
  let rulesFile: string;
  try {
    settings = loadBacktestSettings(env);
    rulesFile = command.rulesFile ?? settings.rulesFile;
    ruleSet = await loadRules(rulesFile);
    registry = await loadGrids(command.gridsFile ?? settings.gridsFile ?? SHIPPED_GRIDS_FILE);
  } catch (err: unknown) {
    if (!(err instanceof ConfigError) && !(err instanceof InvalidFile)) throw err;
    output.err(`citybrain: ${err.message}`);
    return BACKTEST_EXIT.invalid;
  }
  const show = command.progress === 'always' || (command.progress === 'auto' && progress.isTTY);
  let shown = false;
  const onProgress = (p: BacktestProgress) => {
    if (!show) return;
    shown = true;
    progress.write(progress.isTTY ? `\r${progressLine(p)}\x1b[K` : `${progressLine(p)}\n`);
  };
  const logger = createLogger({ service: 'cli', level: 'error' });
  const client = createKafkaClient({ brokers: settings.brokers, clientId: settings.clientId }, logger);
  const { topics } = settings;
  let report;
  try {
    report = await runBacktest({
      client,
      fromMs: command.fromMs,
      toMs: command.toMs,
      warmupMs: command.warmupMs,
      replay: {
        settings: settings.pipeline,
        maxFutureSkewMs: settings.maxFutureSkewMs,
        ruleSet,
        registry,
        inputs: { traffic: topics.traffic, permit: topics.permit, case: topics.case },
      },
      alertsTopic: topics.alerts,
      rulesFile,
      onProgress,
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (err: unknown) {
    if (!(err instanceof KafkaEdgeError)) throw err;
    if (shown && progress.isTTY) progress.write('\n');
    output.err(`citybrain: rules backtest: Kafka at ${settings.brokers.join(',')}: ${err.message}`);
    return BACKTEST_EXIT.kafka;
  }
  if (shown && progress.isTTY) progress.write('\n');
  if (output.json) output.out(JSON.stringify({ ...report, same: sameAlerts(report) }));
  else output.out(formatBacktestReport(report).trimEnd());
  return sameAlerts(report) ? BACKTEST_EXIT.same : BACKTEST_EXIT.differs;
}
