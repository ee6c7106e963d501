import type { Alert, LocatedEvent } from '@citybrain/domain';
import { byFingerprint } from './alert-lifecycle';
import type { CaseStats } from './case-stats';
import { CaseBacklogSpikeRule } from './case-backlog-spike-rule';
import { PermitOverdueRule } from './permit-overdue-rule';
import type { RuleEngineSnapshot } from './rule-engine-snapshot';
import { parseRuleEngineSnapshot, RULE_ENGINE_SNAPSHOT_VERSION } from './rule-engine-snapshot';
import type { RulesConfig } from './rules-config';
import { SeriousAccidentRule } from './serious-accident-rule';
import { TrafficCongestionRule } from './traffic-congestion-rule';
import type { TrafficStats } from './traffic-stats';
import type { WindowResult } from './window-result';

/** Resolves a grid id to its area id; undefined for a grid the registry does not know. */
export type AreaOf = (gridId: string) => string | undefined;

/**
 * Evaluates the four alert rules on event time. A pure, synchronous state machine: feed it decoded
 * located events, final window results and watermark advances; it returns the alert messages to
 * publish (firing, re-fired with a new severity, resolved), never the same message twice.
 *
 * Within one watermark step, call `onTrafficWindows`/`onCaseWindows` with the results the watermark
 * finalised before `onWatermark`, so a window that keeps an alert firing is seen before the staleness
 * check. Outputs of `onEvents` and of the window handlers follow input order; outputs of
 * `onWatermark` and `activeAlerts()` are sorted by fingerprint.
 */
export class RuleEngine {
  private watermarkMs: number | null = null;
  // Not readonly: restore() swaps in rules rebuilt from a snapshot.
  private congestion: TrafficCongestionRule;
  private caseSpike: CaseBacklogSpikeRule;
  private accident: SeriousAccidentRule;
  private permit: PermitOverdueRule;

  /**
   * @param config the rules configuration (see `parseRulesConfig`)
   * @param areaOf area of a grid, for alerts computed from window results (events carry their area)
   */
  constructor(
    private readonly config: RulesConfig,
    private readonly areaOf: AreaOf,
  ) {
    this.congestion = new TrafficCongestionRule(config.trafficCongestion, areaOf);
    this.caseSpike = new CaseBacklogSpikeRule(config.caseBacklogSpike, areaOf);
    this.accident = new SeriousAccidentRule(config.seriousAccident);
    this.permit = new PermitOverdueRule(config.permitOverdue);
  }

  /**
   * Rebuilds an engine from {@link snapshot}'s output (possibly after a JSON round trip); it then
   * behaves exactly as the engine that was snapshotted.
   *
   * @throws RuleEngineSnapshotError when `snapshot` is not a valid snapshot of this version
   */
  static restore(config: RulesConfig, areaOf: AreaOf, snapshot: unknown): RuleEngine {
    const engine = new RuleEngine(config, areaOf);
    engine.load(parseRuleEngineSnapshot(snapshot));
    return engine;
  }

  private load(snapshot: RuleEngineSnapshot): void {
    this.congestion = new TrafficCongestionRule(
      this.config.trafficCongestion,
      this.areaOf,
      snapshot.trafficCongestion,
    );
    this.caseSpike = new CaseBacklogSpikeRule(
      this.config.caseBacklogSpike,
      this.areaOf,
      snapshot.caseBacklogSpike,
    );
    this.accident = new SeriousAccidentRule(this.config.seriousAccident, snapshot.seriousAccident);
    this.permit = new PermitOverdueRule(this.config.permitOverdue, snapshot.permitOverdue);
    this.watermarkMs = snapshot.watermarkMs;
  }

  /** Serious accidents fire (and resolve) at once; permit events move the permits' stage clocks. */
  onEvents(events: readonly LocatedEvent[]): Alert[] {
    const out: Alert[] = [];
    for (const event of events) {
      if (event.family === 'traffic' && event.type === 'incident') {
        if (!this.config.seriousAccident.enabled) continue;
        const alert = this.accident.onIncident(event);
        if (alert !== undefined) out.push(alert);
      } else if (event.family === 'permit') {
        if (this.config.permitOverdue.enabled) out.push(...this.permit.onPermit(event));
      }
    }
    return out;
  }

  /** Traffic-congestion rule over traffic window results; non-final results are ignored. */
  onTrafficWindows(results: readonly WindowResult<TrafficStats>[]): Alert[] {
    return this.config.trafficCongestion.enabled ? this.congestion.onWindows(results) : [];
  }

  /** Case-backlog-spike rule over case window results; non-final results are ignored. */
  onCaseWindows(results: readonly WindowResult<CaseStats>[]): Alert[] {
    return this.config.caseBacklogSpike.enabled ? this.caseSpike.onWindows(results) : [];
  }

  /**
   * Event-time timers: permit deadlines fire, silent window alerts go stale, closed ids are forgotten.
   * A watermark below the highest one seen is ignored. The same watermark is evaluated again: events
   * and window results that arrived since (a permit filed long ago, a spike whose window closed after
   * the watermark stopped moving) must meet their timers without waiting for event time to move.
   */
  onWatermark(watermarkMs: number): Alert[] {
    if (this.watermarkMs !== null && watermarkMs < this.watermarkMs) return [];
    this.watermarkMs = watermarkMs;
    this.accident.onWatermark(watermarkMs);
    const out = [...this.congestion.onWatermark(watermarkMs), ...this.caseSpike.onWatermark(watermarkMs)];
    if (this.config.permitOverdue.enabled) out.push(...this.permit.onWatermark(watermarkMs));
    return byFingerprint(out);
  }

  /** The currently firing alerts (their latest message), sorted by fingerprint. */
  activeAlerts(): Alert[] {
    return byFingerprint([
      ...this.congestion.active(),
      ...this.caseSpike.active(),
      ...this.accident.active(),
      ...this.permit.active(),
    ]);
  }

  /** The engine's whole state as plain JSON; see {@link RuleEngine.restore}. */
  snapshot(): RuleEngineSnapshot {
    return {
      version: RULE_ENGINE_SNAPSHOT_VERSION,
      watermarkMs: this.watermarkMs,
      trafficCongestion: this.congestion.snapshot(),
      caseBacklogSpike: this.caseSpike.snapshot(),
      seriousAccident: this.accident.snapshot(),
      permitOverdue: this.permit.snapshot(),
    };
  }
}
