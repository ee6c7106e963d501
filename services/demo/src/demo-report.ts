import type { Alert } from '@citybrain/domain';
import { RULE_NAMES } from '@citybrain/rules';
import type { SimulatorOutput } from './simulator-output';

/** The rules that must each raise at least one alert for the demo to pass. */
export const REQUIRED_RULES: readonly string[] = Object.values(RULE_NAMES);

/** Min, median and max of a list of numbers. */
export interface Spread {
  readonly count: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

/** Min, median (mean of the middle two for an even count) and max; `undefined` when empty. */
export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, minMs: sorted[0]!, medianMs: median, maxMs: sorted[sorted.length - 1]! };
}

/** Per-rule alert counts. */
export interface RuleCounts {
  readonly firing: number;
  readonly resolved: number;
}

/** What the demo saw, in the shape it prints. */
export interface DemoFigures {
  /** Alerts received per rule (the required rules first, then any other), firing and resolved. */
  readonly alertsByRule: ReadonlyMap<string, RuleCounts>;
  /** Required rules that raised no alert. */
  readonly missingRules: readonly string[];
  /** Serious accident send → its firing alert's arrival on the gRPC stream. */
  readonly accidentDelay: Spread | undefined;
  /** Serious accidents sent whose alert never arrived. */
  readonly accidentsWithoutAlert: readonly string[];
  /** The simulator's summary line, when it printed one. */
  readonly simulator: Extract<SimulatorOutput, { type: 'summary' }> | undefined;
}

/**
 * Collects the simulator's lines and the alerts as they arrive, and works out the figures of the
 * demo's summary. Pure: arrival times are passed in.
 */
export class DemoReport {
  private readonly firstSentMs = new Map<string, number>();
  private readonly firstAlertMs = new Map<string, number>();
  private readonly counts = new Map<string, { firing: number; resolved: number }>();
  private summaryLine: Extract<SimulatorOutput, { type: 'summary' }> | undefined;
  private lastAlertMs: number | undefined;

  /** Records a line of the simulator's stdout. */
  onSimulatorLine(line: SimulatorOutput): void {
    if (line.type === 'sent') {
      if (!this.firstSentMs.has(line.incidentId)) this.firstSentMs.set(line.incidentId, line.sentAtMs);
    } else if (line.type === 'summary') {
      this.summaryLine = line;
    }
  }

  /** Records an alert that arrived on the gRPC stream at wall time `arrivedAtMs`. */
  onAlert(alert: Alert, arrivedAtMs: number): void {
    this.lastAlertMs = arrivedAtMs;
    const counts = this.counts.get(alert.rule) ?? { firing: 0, resolved: 0 };
    counts[alert.status]++;
    this.counts.set(alert.rule, counts);
    const incidentId = alert.labels['incidentId'];
    if (alert.rule === RULE_NAMES.seriousAccident && alert.status === 'firing' && incidentId !== undefined)
      if (!this.firstAlertMs.has(incidentId)) this.firstAlertMs.set(incidentId, arrivedAtMs);
  }

  /** Wall time of the latest alert, if any. */
  get lastAlertAtMs(): number | undefined {
    return this.lastAlertMs;
  }

  /** The figures so far. */
  figures(): DemoFigures {
    const alertsByRule = new Map<string, RuleCounts>();
    for (const rule of REQUIRED_RULES)
      alertsByRule.set(rule, this.counts.get(rule) ?? { firing: 0, resolved: 0 });
    for (const [rule, counts] of [...this.counts].sort(([a], [b]) => a.localeCompare(b)))
      alertsByRule.set(rule, counts);
    const delays: number[] = [];
    const withoutAlert: string[] = [];
    for (const [incidentId, sentMs] of this.firstSentMs) {
      const arrivedMs = this.firstAlertMs.get(incidentId);
      if (arrivedMs === undefined) withoutAlert.push(incidentId);
      else delays.push(arrivedMs - sentMs);
    }
    return {
      alertsByRule,
      missingRules: REQUIRED_RULES.filter(
        (r) => (this.counts.get(r)?.firing ?? 0) + (this.counts.get(r)?.resolved ?? 0) === 0,
      ),
      accidentDelay: spreadOf(delays),
      accidentsWithoutAlert: withoutAlert,
      simulator: this.summaryLine,
    };
  }
}
