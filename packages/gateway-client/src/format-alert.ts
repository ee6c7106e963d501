import pc from 'picocolors';
import type { Alert, Severity } from '@citybrain/domain';

/** How to render alerts. */
export interface FormatOptions {
  /** ANSI colours (severity colour, firing red, resolved green); off for pipes and files. */
  readonly color: boolean;
}

/** Longgang's offset from UTC: the city runs on China Standard Time, UTC+8 all year. */
const UTC8_OFFSET_MS = 8 * 3_600_000;

/** An epoch-ms instant as Longgang's wall time, `YYYY-MM-DD HH:MM:SS`. */
export function formatUtc8(ms: number): string {
  return new Date(ms + UTC8_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

type Paint = (text: string) => string;

function severityPaint(c: ReturnType<typeof pc.createColors>, severity: Severity): Paint {
  switch (severity) {
    case 'critical':
      return (t) => c.bold(c.magenta(t));
    case 'high':
      return (t) => c.bold(c.red(t));
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    case 'informational':
      return c.dim;
  }
}

/**
 * One readable line per alert: Longgang time (UTC+8) of the change (`startsAt` when firing,
 * `endsAt` when resolved), status, severity, rule, grid and area, summary. For example
 * `2026-11-25 07:42:10 +08  FIRING    HIGH      serious-accident    G036/A04  G036 严重交通事故 …`.
 */
export function formatAlert(alert: Alert, options: FormatOptions): string {
  const c = pc.createColors(options.color);
  const atMs = alert.status === 'resolved' ? (alert.endsAtMs ?? alert.startsAtMs) : alert.startsAtMs;
  const status =
    alert.status === 'firing' ? c.red(c.bold('FIRING'.padEnd(9))) : c.green('RESOLVED'.padEnd(9));
  return [
    c.dim(`${formatUtc8(atMs)} +08`),
    status,
    severityPaint(c, alert.severity)(alert.severity.toUpperCase().padEnd(13)),
    c.bold(alert.rule.padEnd(19)),
    `${alert.gridId}/${alert.areaId}`.padEnd(9),
    alert.summary,
  ].join(' ');
}

/** One JSON object per alert, on one line: the domain alert (times in epoch ms). */
export function formatAlertJson(alert: Alert): string {
  return JSON.stringify(alert);
}

/**
 * An alert with its evidence, several lines: the one-line form, then the measure, the window and
 * its aggregates, the comparison, the `for` history and the input records.
 */
export function formatAlertDetails(alert: Alert, options: FormatOptions): string {
  const lines = [formatAlert(alert, options), `  id         ${alert.alertId}`];
  const t = (ms: number) => `${formatUtc8(ms)} +08`;
  lines.push(
    `  started    ${t(alert.startsAtMs)}${alert.endsAtMs === undefined ? '' : `, ended ${t(alert.endsAtMs)}`}`,
  );
  const e = alert.evidence;
  if (e === undefined) {
    lines.push('  evidence   none (the alert predates evidence)');
    return lines.join('\n');
  }
  const aggregates = Object.entries(e.aggregates)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  lines.push(
    `  measure    ${e.measure}`,
    `  window     ${e.windowKind} ${t(e.window.startMs)} – ${t(e.window.endMs)}`,
    `  aggregates ${aggregates} (${e.count} events)`,
    `  condition  value ${e.comparison} ${e.threshold} (${alert.status === 'firing' ? 'held' : 'no longer held'})`,
  );
  if (e.forMs > 0 || e.pendingSinceMs !== undefined)
    lines.push(
      `  for        ${e.forMs / 60_000} min${e.pendingSinceMs === undefined ? '' : `, true since ${t(e.pendingSinceMs)}`}${e.firstTrueEndMs === undefined ? '' : `, first true window ended ${t(e.firstTrueEndMs)}`}`,
    );
  for (const r of e.records) lines.push(`  record     ${r.eventId} at ${t(r.eventTimeMs)}`);
  return lines.join('\n');
}
