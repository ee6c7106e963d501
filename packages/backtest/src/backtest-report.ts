import type { Alert } from '@citybrain/domain';
import { diffAlerts, type AlertDiff } from '@citybrain/rule-tests';
import type { ReplayCounts } from './replay';

/** What a backtest found. JSON-serialisable (times in epoch ms). */
export interface BacktestReport {
  readonly fromMs: number;
  readonly toMs: number;
  /** Input read before `fromMs` to build state, ms (its alerts are not compared). */
  readonly warmupMs: number;
  readonly rulesFile: string;
  readonly input: ReplayCounts & {
    /** Wall time of the replay, ms. */
    readonly durationMs: number;
    /** Input records replayed per wall second. */
    readonly eventsPerSecond: number;
    /**
     * Record time replayed per wall time: how much faster than real time, when the records were
     * written live (a backlog written flat out spans little record time).
     */
    readonly speedup: number;
  };
  /** Alert messages the candidate raised in the range, in order. */
  readonly candidate: readonly Alert[];
  /** Alert messages on the alerts topic in the range, in order. */
  readonly actual: readonly Alert[];
  readonly diff: AlertDiff;
}

/** Whether the candidate raised exactly what was raised (as {@link diffAlerts} compares them). */
export function sameAlerts(report: BacktestReport): boolean {
  const d = report.diff;
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

/** Builds the report's comparison. */
export function compareAlerts(candidate: readonly Alert[], actual: readonly Alert[]): AlertDiff {
  return diffAlerts(candidate, actual);
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

function line(prefix: string, a: Alert): string {
  const labels = Object.entries(a.labels)
    .filter(([k]) => k !== 'scope' && k !== 'areaId')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const value = Number.isFinite(a.value) ? Math.round(a.value * 100) / 100 : a.value;
  return (
    `  ${prefix} ${a.rule} ${a.gridId} ${a.areaId}${labels === '' ? '' : ` {${labels}}`} ${a.status} ${a.severity}` +
    ` value=${value} starts ${iso(a.startsAtMs)}${a.endsAtMs === undefined ? '' : ` ends ${iso(a.endsAtMs)}`}`
  );
}

/**
 * The readable report: the range and speed, then each alert that differs (`+` only the candidate
 * raised it, `-` only the actual run did, `~` both, with other values: `field: actual → candidate`),
 * and a table per rule and area. `limit` bounds the alert lines per kind.
 */
export function formatBacktestReport(r: BacktestReport, limit = 50): string {
  const out: string[] = [];
  out.push(
    `rules backtest ${iso(r.fromMs)} .. ${iso(r.toMs)} with ${r.rulesFile}` +
      (r.warmupMs > 0 ? ` (warm-up ${r.warmupMs / 60_000} min)` : ''),
  );
  const i = r.input;
  out.push(
    `replayed ${n(i.records)} records (${n(i.events)} events, ${n(i.rejected)} rejected, ${n(i.late)} late) ` +
      `in ${(i.durationMs / 1000).toFixed(1)} s: ${n(i.eventsPerSecond)} records/s`,
  );
  const count = (alerts: readonly Alert[]) => new Set(alerts.map((a) => a.alertId)).size;
  out.push(
    `the candidate raised ${count(r.candidate)} alerts (${r.candidate.length} messages); ` +
      `${count(r.actual)} were raised (${r.actual.length} messages)`,
  );
  const d = r.diff;
  if (sameAlerts(r)) {
    out.push('no difference');
    return `${out.join('\n')}\n`;
  }
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`${title} (${lines.length}):`);
    out.push(...lines.slice(0, limit));
    if (lines.length > limit) out.push(`  … ${lines.length - limit} more (--json lists them all)`);
  };
  section(
    'added: the candidate would raise',
    d.added.map((a) => line('+', a)),
  );
  section(
    'removed: raised, the candidate would not',
    d.removed.map((a) => line('-', a)),
  );
  section(
    'changed',
    d.changed.map((c) => `${line('~', c.candidate)}\n      ${c.fields.join('; ')}`),
  );
  out.push('per rule and area:');
  const width = Math.max(4, ...d.byRuleArea.map((x) => x.rule.length));
  out.push(`  ${'rule'.padEnd(width)}  area  added  removed  changed`);
  for (const x of d.byRuleArea)
    out.push(
      `  ${x.rule.padEnd(width)}  ${x.areaId.padEnd(4)}  ${String(x.added).padStart(5)}  ${String(x.removed).padStart(7)}  ${String(x.changed).padStart(7)}`,
    );
  return `${out.join('\n')}\n`;
}
