import type { OpenCaseEntry } from './open-case-tracker';
import type { Alert, LocatedEvent } from '@citybrain/domain';
import { byFingerprint } from './alert-lifecycle';
import { PermitOverdueRule, type PermitOverdueState } from './permit-overdue-rule';
import type {
  PermitRuleConfig,
  RuleConfig,
  RuleSet,
  SeriousAccidentRuleConfig,
  ThresholdRule,
} from './rule-set';
import { RULE_NAMES } from './rule-names';
import { SeriousAccidentRule, type SeriousAccidentState } from './serious-accident-rule';
import { ThresholdEvaluator, type ThresholdState } from './threshold-rule';
import { lifecycleSummary } from './template';
import {
  parseRuleStateName,
  ruleEntryName,
  subjectEntryName,
  type RuleStateEntry,
} from './rule-state-entries';
import type { WindowResult } from './window-result';
import { WorkOrderRule, type WorkOrderClosure, type WorkOrderState } from './work-order-rule';

/** A permit that reached its construction permit, for the lead-time KPI. */
export interface PermitLeadTime {
  readonly permitId: string;
  readonly gridId: string;
  readonly areaId: string;
  /** Filing → construction permit, ms of event time. */
  readonly leadTimeMs: number;
}

/** What a batch of events produced: alerts, and facts for the KPI metrics. */
export interface EventStep {
  readonly alerts: Alert[];
  readonly closures: WorkOrderClosure[];
  readonly permitLeadTimes: PermitLeadTime[];
}

/**
 * Serialised state of a {@link CityRuleEngine}: every rule's lifecycle state by rule id (open permits,
 * work orders, accidents, pending `for` timers, firing alerts) and the event-time clock. JSON.
 */
export interface CityRuleEngineSnapshot {
  readonly version: 1;
  readonly watermarkMs: number | null;
  /** Threshold rules' state with the measure it was computed for (a changed measure starts over). */
  readonly thresholds: readonly {
    readonly id: string;
    readonly measure: unknown;
    readonly state: ThresholdState;
  }[];
  readonly accidents: readonly { readonly id: string; readonly state: SeriousAccidentState }[];
  readonly permits: readonly { readonly id: string; readonly state: PermitOverdueState }[];
  readonly workOrders: readonly { readonly id: string; readonly state: WorkOrderState }[];
}

interface AccidentEntry {
  readonly config: SeriousAccidentRuleConfig;
  readonly rule: SeriousAccidentRule;
}
interface PermitEntry {
  readonly config: PermitRuleConfig;
  readonly rule: PermitOverdueRule;
}

/**
 * Renames an alert of a built-in rule to its configured name, and applies the configured labels and
 * severity (a death keeps an accident critical).
 */
function relabel(alert: Alert, builtIn: string, config: SeriousAccidentRuleConfig | PermitRuleConfig): Alert {
  const rename = (s: string) => (config.name === builtIn ? s : config.name + s.slice(builtIn.length));
  const labels = { ...config.labels, ...alert.labels, scope: 'grid', areaId: alert.areaId };
  return {
    ...alert,
    rule: config.name,
    fingerprint: rename(alert.fingerprint),
    alertId: rename(alert.alertId),
    severity: alert.severity === 'critical' ? 'critical' : config.severity,
    kind: config.kind,
    subCategory: config.subCategory,
    labels,
    summary:
      config.summary === undefined || alert.status !== 'firing'
        ? alert.summary
        : lifecycleSummary(config.summary, { ...alert, labels }),
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Evaluates the rules of a rule file ({@link parseRuleSet}) on event time. Threshold rules read the
 * results of one window engine each, which the caller builds from {@link thresholdRules} (see
 * `compileMeasure`); serious accidents, work orders and permits read events directly and run their
 * deadlines on the watermark. Pure and synchronous: no I/O, and no clock but the watermark the caller
 * passes in. {@link reload} swaps in a new rule set while keeping the state of the rules that did not
 * change.
 *
 * @example
 * ```ts
 * const engine = new CityRuleEngine(parseRuleSet(YAML.parse(text)), areaOf);
 * for (const rule of engine.thresholdRules()) buildWindowEngine(rule.id, compileMeasure(rule.measure, rule.scope));
 * publish(engine.onEvents(events).alerts);
 * publish(engine.onWindows(ruleId, finalResults));
 * publish(engine.onWatermark(watermarkMs));
 * ```
 */
export class CityRuleEngine {
  private watermarkMs: number | null = null;
  private set: RuleSet;
  private thresholds = new Map<string, ThresholdEvaluator>();
  private accidents: AccidentEntry[] = [];
  private permits: PermitEntry[] = [];
  private workOrders: WorkOrderRule[] = [];
  // State entries to hand out whatever the rules report (see takeChangedStateEntries): every entry
  // of the rules a reload or a restore replaced, before and after.
  private forced = new Set<string>();
  // Whether anyone takes the changes (a state store does; a backtest does not): until then they are
  // dropped as they happen, so that they cannot pile up.
  private tracking = false;

  constructor(
    ruleSet: RuleSet,
    private readonly areaOf: (gridId: string) => string | undefined,
  ) {
    this.set = ruleSet;
    this.build(ruleSet, undefined);
  }

  /** The watermark of the rules' event-time timers (null before the first). */
  get watermark(): number | null {
    return this.watermarkMs;
  }

  /** The rule set in force. */
  get ruleSet(): RuleSet {
    return this.set;
  }

  /** The threshold rules; the caller runs one window engine per rule, keyed by `rule.id`. */
  thresholdRules(): ThresholdRule[] {
    return [...this.thresholds.values()].map((e) => e.rule);
  }

  /**
   * Replaces the rule set. Rules that did not change keep their state; a threshold rule whose measure
   * changed, and every rule that is gone, resolves its firing alerts at the current watermark (they
   * are returned); other changes keep the firing alerts and apply from the next evaluation.
   */
  reload(ruleSet: RuleSet): Alert[] {
    this.forceAll();
    const atMs = this.watermarkMs ?? 0;
    const out: Alert[] = [];
    const keep = new Map<string, ThresholdEvaluator>();
    const nextIds = new Map(ruleSet.rules.map((r) => [r.id, r]));
    for (const [id, evaluator] of this.thresholds) {
      const next = nextIds.get(id);
      if (next?.type === 'threshold' && same(next.measure, evaluator.rule.measure)) keep.set(id, evaluator);
      else out.push(...evaluator.resolveAll(atMs));
    }
    const old = { accidents: this.accidents, permits: this.permits, workOrders: this.workOrders };
    this.set = ruleSet;
    this.build(ruleSet, keep);
    const carry = <T extends { config: RuleConfig }>(entries: readonly T[], active: (e: T) => Alert[]) => {
      for (const e of entries) {
        if (nextIds.has(e.config.id)) continue;
        out.push(
          ...active(e).map((a) => ({
            ...a,
            status: 'resolved' as const,
            endsAtMs: Math.max(atMs, a.startsAtMs),
          })),
        );
      }
    };
    carry(old.accidents, (e) => e.rule.active().map((a) => relabel(a, RULE_NAMES.seriousAccident, e.config)));
    carry(old.permits, (e) => e.rule.active().map((a) => relabel(a, RULE_NAMES.permitOverdue, e.config)));
    carry(
      old.workOrders.map((rule) => ({ config: rule.config, rule })),
      (e) => e.rule.active(),
    );
    // Lifecycle state moves to the rules of the same id.
    for (const e of old.accidents) {
      const i = this.accidents.findIndex((n) => n.config.id === e.config.id);
      if (i >= 0)
        this.accidents[i] = {
          config: this.accidents[i]!.config,
          rule: new SeriousAccidentRule(this.accidents[i]!.config, e.rule.snapshot()),
        };
    }
    for (const e of old.permits) {
      const i = this.permits.findIndex((n) => n.config.id === e.config.id);
      if (i >= 0)
        this.permits[i] = {
          config: this.permits[i]!.config,
          rule: new PermitOverdueRule(this.permits[i]!.config, e.rule.snapshot()),
        };
    }
    for (const w of old.workOrders) {
      const i = this.workOrders.findIndex((n) => n.config.id === w.config.id);
      if (i >= 0) this.workOrders[i] = new WorkOrderRule(this.workOrders[i]!.config, w.snapshot());
    }
    this.forceAll();
    return byFingerprint(out);
  }

  private build(ruleSet: RuleSet, keep: ReadonlyMap<string, ThresholdEvaluator> | undefined): void {
    const thresholds = new Map<string, ThresholdEvaluator>();
    this.accidents = [];
    this.permits = [];
    this.workOrders = [];
    for (const rule of ruleSet.rules) {
      switch (rule.type) {
        case 'threshold': {
          const kept = keep?.get(rule.id);
          thresholds.set(
            rule.id,
            kept === undefined
              ? new ThresholdEvaluator(rule, this.areaOf)
              : new ThresholdEvaluator(rule, this.areaOf, kept.snapshot()),
          );
          break;
        }
        case 'serious-accident':
          this.accidents.push({
            config: rule,
            rule: new SeriousAccidentRule(rule),
          });
          break;
        case 'permit-deadline':
          this.permits.push({ config: rule, rule: new PermitOverdueRule(rule) });
          break;
        case 'work-order-deadline':
          this.workOrders.push(new WorkOrderRule(rule));
          break;
      }
    }
    this.thresholds = thresholds;
  }

  /** Serious accidents fire at once; permit and work-order events move their lifecycles. */
  onEvents(events: readonly LocatedEvent[]): EventStep {
    const step: EventStep = { alerts: [], closures: [], permitLeadTimes: [] };
    for (const event of events) {
      if (event.family === 'traffic' && event.type === 'incident') {
        for (const { config, rule } of this.accidents) {
          const a = rule.onIncident(event);
          if (a !== undefined) step.alerts.push(relabel(a, RULE_NAMES.seriousAccident, config));
        }
      } else if (event.family === 'permit') {
        let lead: number | undefined;
        for (const { config, rule } of this.permits) {
          const filedAtMs = rule.filedAtOf(event.permitId);
          if (event.stage === 'permitIssued' && filedAtMs !== undefined)
            lead ??= Math.max(0, event.eventTimeMs - filedAtMs);
          step.alerts.push(...rule.onPermit(event).map((a) => relabel(a, RULE_NAMES.permitOverdue, config)));
        }
        if (lead !== undefined)
          step.permitLeadTimes.push({
            permitId: event.permitId,
            gridId: event.gridId,
            areaId: event.areaId,
            leadTimeMs: lead,
          });
      } else if (event.family === 'case') {
        let closure: WorkOrderClosure | undefined;
        for (const rule of this.workOrders) {
          const r = rule.onCase(event);
          step.alerts.push(...r.alerts);
          closure ??= r.closure;
        }
        if (closure !== undefined) step.closures.push(closure);
      }
    }
    this.untracked();
    return step;
  }

  /** Final (and, for sessions, early) results of the window engine of threshold rule `ruleId`. */
  onWindows(ruleId: string, results: readonly WindowResult<number>[]): Alert[] {
    const evaluator = this.thresholds.get(ruleId);
    if (evaluator === undefined) return [];
    const alerts = evaluator.onWindows(results);
    if (!this.tracking) evaluator.takeChanged();
    return alerts;
  }

  /** Event-time timers: deadlines, escalations, staleness. A watermark that went back is ignored. */
  onWatermark(watermarkMs: number): Alert[] {
    if (this.watermarkMs !== null && watermarkMs < this.watermarkMs) return [];
    this.watermarkMs = watermarkMs;
    const out: Alert[] = [];
    for (const e of this.thresholds.values()) out.push(...e.onWatermark(watermarkMs));
    for (const { rule } of this.accidents) rule.onWatermark(watermarkMs);
    for (const { config, rule } of this.permits)
      out.push(...rule.onWatermark(watermarkMs).map((a) => relabel(a, RULE_NAMES.permitOverdue, config)));
    for (const rule of this.workOrders) out.push(...rule.onWatermark(watermarkMs));
    this.untracked();
    return byFingerprint(out);
  }

  /** Open work orders per grid (of the first work-order rule), for the backlog gauge. */
  openWorkOrders(): Map<string, { areaId: string; count: number }> {
    return this.workOrders[0]?.openByGrid() ?? new Map<string, { areaId: string; count: number }>();
  }

  /**
   * The open work orders and permits (of the first rule of each kind, like {@link openWorkOrders}),
   * for the case view. Lazily: each entry builds its view only when asked.
   */
  *openCases(): Generator<OpenCaseEntry> {
    const orders = this.workOrders[0];
    if (orders !== undefined)
      for (const t of orders.openTracks())
        yield { kind: 'work-order', caseId: t.caseId, state: t, view: () => orders.openCase(t) };
    const permits = this.permits[0]?.rule;
    if (permits !== undefined)
      for (const t of permits.openTracks())
        yield { kind: 'permit', caseId: t.permitId, state: t, view: () => permits.openCase(t) };
  }

  /** The firing alerts, sorted by fingerprint. */
  activeAlerts(): Alert[] {
    const out: Alert[] = [];
    for (const e of this.thresholds.values()) out.push(...e.active());
    for (const { config, rule } of this.accidents)
      out.push(...rule.active().map((a) => relabel(a, RULE_NAMES.seriousAccident, config)));
    for (const { config, rule } of this.permits)
      out.push(...rule.active().map((a) => relabel(a, RULE_NAMES.permitOverdue, config)));
    for (const rule of this.workOrders) out.push(...rule.active());
    return byFingerprint(out);
  }

  /** The whole rule state, for the processor's changelogged state store. */
  snapshot(): CityRuleEngineSnapshot {
    return {
      version: 1,
      watermarkMs: this.watermarkMs,
      thresholds: [...this.thresholds].map(([id, e]) => ({
        id,
        measure: e.rule.measure,
        state: e.snapshot(),
      })),
      accidents: this.accidents.map((e) => ({ id: e.config.id, state: e.rule.snapshot() })),
      permits: this.permits.map((e) => ({ id: e.config.id, state: e.rule.snapshot() })),
      workOrders: this.workOrders.map((w) => ({ id: w.config.id, state: w.snapshot() })),
    };
  }

  /**
   * Replaces the state with a snapshot's, for the rules in force: a rule the snapshot does not know
   * starts empty, a snapshot entry of a rule that is gone (or a threshold whose measure changed) is
   * dropped — as a {@link reload} would have done.
   */
  restore(snap: CityRuleEngineSnapshot): void {
    this.forceAll();
    this.watermarkMs = snap.watermarkMs;
    const thresholds = new Map(snap.thresholds.map((t) => [t.id, t]));
    for (const [id, e] of this.thresholds) {
      const saved = thresholds.get(id);
      this.thresholds.set(
        id,
        saved !== undefined && same(saved.measure, e.rule.measure)
          ? new ThresholdEvaluator(e.rule, this.areaOf, saved.state)
          : new ThresholdEvaluator(e.rule, this.areaOf),
      );
    }
    const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
    const accidents = byId(snap.accidents);
    this.accidents = this.accidents.map(({ config }) => ({
      config,
      rule: new SeriousAccidentRule(config, accidents.get(config.id)?.state),
    }));
    const permits = byId(snap.permits);
    this.permits = this.permits.map(({ config }) => ({
      config,
      rule: new PermitOverdueRule(config, permits.get(config.id)?.state),
    }));
    const orders = byId(snap.workOrders);
    this.workOrders = this.workOrders.map((w) => new WorkOrderRule(w.config, orders.get(w.config.id)?.state));
    this.forceAll();
  }

  /**
   * Names of the rule-state entries (see `rule-state-entries.ts`) that changed since the previous
   * call, or since the engine was built, reloaded or restored (then: every entry of the rules before
   * and after): a rule whose state changed, a permit or work order that opened, moved, closed or was
   * forgotten. Rules report their own changes, so an unchanged rule is not even serialised. Read
   * each entry with {@link stateEntry}; undefined there means the entry is gone.
   */
  takeChangedStateEntries(): Set<string> {
    if (!this.tracking) {
      this.tracking = true;
      this.forceAll();
    }
    const out = this.forced;
    this.forced = new Set();
    this.drainChanges(out);
    return out;
  }

  /** The current value of the rule-state entry `name`, or undefined when the state holds none. */
  stateEntry(name: string): RuleStateEntry | undefined {
    const { ruleId, subjectId } = parseRuleStateName(name);
    const threshold = this.thresholds.get(ruleId);
    if (threshold !== undefined)
      return subjectId === undefined
        ? { kind: 'threshold', measure: threshold.rule.measure, state: threshold.snapshot() }
        : undefined;
    const accident = this.accidents.find((e) => e.config.id === ruleId);
    if (accident !== undefined)
      return subjectId === undefined
        ? { kind: 'serious-accident', state: accident.rule.snapshot() }
        : undefined;
    const permit = this.permits.find((e) => e.config.id === ruleId);
    if (permit !== undefined)
      return subjectId === undefined ? { kind: 'permit-deadline' } : permit.rule.subjectEntry(subjectId);
    const orders = this.workOrders.find((w) => w.config.id === ruleId);
    if (orders !== undefined)
      return subjectId === undefined ? { kind: 'work-order-deadline' } : orders.subjectEntry(subjectId);
    return undefined;
  }

  /** Adds the entries the rules changed since they last reported (and clears their reports). */
  private drainChanges(into: Set<string>): void {
    for (const [id, e] of this.thresholds) if (e.takeChanged()) into.add(ruleEntryName(id));
    for (const { config, rule } of this.accidents) if (rule.takeChanged()) into.add(ruleEntryName(config.id));
    for (const { config, rule } of this.permits)
      for (const s of rule.takeChangedSubjects()) into.add(subjectEntryName(config.id, s));
    for (const rule of this.workOrders)
      for (const s of rule.takeChangedSubjects()) into.add(subjectEntryName(rule.config.id, s));
  }

  /** Drops the rules' changes while nobody takes them. */
  private untracked(): void {
    if (!this.tracking) this.drainChanges(new Set());
  }

  /** Schedules every entry of the rules in force (and their pending changes) for the next take. */
  private forceAll(): void {
    if (!this.tracking) return this.untracked();
    const into = this.forced;
    this.drainChanges(into);
    for (const id of this.thresholds.keys()) into.add(ruleEntryName(id));
    for (const { config } of this.accidents) into.add(ruleEntryName(config.id));
    for (const { config, rule } of this.permits) {
      into.add(ruleEntryName(config.id));
      for (const s of rule.subjectIds()) into.add(subjectEntryName(config.id, s));
    }
    for (const rule of this.workOrders) {
      into.add(ruleEntryName(rule.config.id));
      for (const s of rule.subjectIds()) into.add(subjectEntryName(rule.config.id, s));
    }
  }
}
