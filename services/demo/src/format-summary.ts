import pc from 'picocolors';
import type { DemoFigures } from './demo-report';

/** What the summary says besides the figures. */
export interface SummaryContext {
  /** e.g. `127.0.0.1:19092 (local launcher, started in 4.1 s)`. */
  readonly broker: string;
  /** Records the processor sent to the dead-letter topic, from its /metrics; `undefined` if unknown. */
  readonly deadLetters: number | undefined;
  /** Where the services' logs are. */
  readonly logsDir: string;
}

const n = (value: number): string => value.toLocaleString('en-US');
const ms = (value: number): string => `${n(Math.round(value))} ms`;

/** The demo's closing summary, as lines for a terminal. */
export function formatSummary(figures: DemoFigures, context: SummaryContext, color: boolean): string {
  const c = pc.createColors(color);
  const row = (label: string, value: string) => `  ${label.padEnd(18)} ${value}`;
  const lines = [c.bold('summary')];
  lines.push(row('broker', context.broker));
  const sim = figures.simulator;
  lines.push(
    row(
      'events sent',
      sim
        ? `${n(sim.events)} events + ${n(sim.malformed)} malformed records in ${sim.seconds.toFixed(1)} s (${n(Math.round(sim.eventsPerSecond))} events/s)`
        : 'unknown (the simulator printed no summary)',
    ),
  );
  lines.push(
    row(
      'dead letters',
      context.deadLetters === undefined ? 'unknown (/metrics unreachable)' : n(context.deadLetters),
    ),
  );
  const width = Math.max(20, ...[...figures.alertsByRule.keys()].map((rule) => rule.length));
  lines.push(row('alerts', `${'rule'.padEnd(width)} ${'firing'.padStart(7)} ${'resolved'.padStart(9)}`));
  for (const [rule, counts] of figures.alertsByRule) {
    const none = counts.firing + counts.resolved === 0;
    const text = `${rule.padEnd(width)} ${String(counts.firing).padStart(7)} ${String(counts.resolved).padStart(9)}`;
    lines.push(row('', none ? c.red(`${text}  none`) : text));
  }
  const d = figures.accidentDelay;
  lines.push(
    row(
      'accident → alert',
      d
        ? `min ${ms(d.minMs)}, median ${ms(d.medianMs)}, max ${ms(d.maxMs)} (${d.count} serious accident${d.count === 1 ? '' : 's'}, send to gRPC arrival)`
        : 'no serious accident was both sent and alerted',
    ),
  );
  if (figures.accidentsWithoutAlert.length > 0)
    lines.push(row('', c.red(`no alert for accident ${figures.accidentsWithoutAlert.join(', ')}`)));
  lines.push(row('logs', context.logsDir));
  lines.push(
    figures.missingRules.length === 0
      ? c.green(c.bold('PASS: every rule raised at least one alert'))
      : c.red(c.bold(`FAIL: no alert from ${figures.missingRules.join(', ')}`)),
  );
  return lines.join('\n');
}
