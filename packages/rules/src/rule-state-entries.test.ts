import { describe, expect, it } from 'vitest';
import { CityRuleEngine } from './city-rule-engine';
import { parseRuleSet } from './rule-set';
import {
  ruleStateEntries,
  ruleStateFromEntries,
  subjectEntryName,
  type RuleStateEntry,
} from './rule-state-entries';
import { caseRule, workOrderRule } from './test-rule-sets';
import { DAY_MS, MINUTE_MS, T0, accident, areaOf, caseEvent, permit } from './test-fixtures';

const accidentRule = {
  name: 'serious-accident',
  type: 'serious-accident',
  kind: 'traffic',
  sub_category: 'carAccident',
  severity: 'high',
};
const permitRule = {
  name: 'permit-late',
  type: 'permit-deadline',
  kind: 'governmentService',
  sub_category: 'permitOverdue',
  severity: 'low',
  stage_deadline: '2d',
  overall_deadline: '3d',
  closed_retention: '1d',
};
const set = (...rules: unknown[]) => parseRuleSet({ version: 1, rules });
const all = () => set(caseRule(), accidentRule, permitRule, workOrderRule());

/** A store of rule-state entries kept by the engine's changes, as the pipeline keeps its changelog. */
function applyChanges(store: Map<string, RuleStateEntry>, engine: CityRuleEngine): string[] {
  const names = [...engine.takeChangedStateEntries()].sort();
  for (const name of names) {
    const entry = engine.stateEntry(name);
    if (entry === undefined) store.delete(name);
    else store.set(name, entry);
  }
  return names;
}
/** The whole state as entries, through JSON as the store holds them. */
const whole = (engine: CityRuleEngine) =>
  JSON.parse(JSON.stringify([...ruleStateEntries(engine.snapshot())])) as [string, RuleStateEntry][];
const asJson = (store: Map<string, RuleStateEntry>) =>
  JSON.parse(JSON.stringify([...store])) as [string, RuleStateEntry][];
const sortedEntries = (e: [string, RuleStateEntry][]) => e.sort(([a], [b]) => (a < b ? -1 : 1));

describe('rule-state entries', () => {
  it('hands out only the rules and subjects that changed, and keep a store equal to the whole state', () => {
    const engine = new CityRuleEngine(all(), areaOf);
    const store = new Map<string, RuleStateEntry>();
    // First take: every rule's entry.
    expect(applyChanges(store, engine)).toEqual([
      'case-spike',
      'permit-late',
      'serious-accident',
      'work-order-overdue',
    ]);
    // A watermark that fires nothing and forgets nothing changes no entry: nothing to serialise.
    engine.onWatermark(T0);
    expect(applyChanges(store, engine)).toEqual([]);
    // A case event: that work order only.
    engine.onEvents([
      caseEvent({ eventTimeMs: T0, caseId: 'C1' }),
      caseEvent({ eventTimeMs: T0, caseId: 'C2' }),
    ]);
    expect(applyChanges(store, engine)).toEqual(['work-order-overdue/C1', 'work-order-overdue/C2']);
    // A permit and an accident.
    engine.onEvents([permit('P1', 'filed', T0), accident({ eventTimeMs: T0, injured: 1 })]);
    expect(applyChanges(store, engine)).toEqual(['permit-late/P1', 'serious-accident']);
    // A window result that holds no condition changes nothing; one that fires changes its rule.
    const window = { startMs: T0, endMs: T0 + 10 * MINUTE_MS };
    engine.onWindows('case-spike', [{ key: 'G1', window, value: 1, count: 1, final: true }]);
    expect(applyChanges(store, engine)).toEqual([]);
    engine.onWindows('case-spike', [{ key: 'G1', window, value: 6, count: 6, final: true }]);
    expect(applyChanges(store, engine)).toEqual(['case-spike']);
    // Deadlines passed by the watermark: the overdue order (C1), not the dispatched one nor the rules.
    engine.onEvents([caseEvent({ eventTimeMs: T0 + MINUTE_MS, caseId: 'C2', stage: 'dispatched' })]);
    applyChanges(store, engine);
    engine.onWatermark(T0 + 31 * MINUTE_MS);
    expect(applyChanges(store, engine)).toEqual(['work-order-overdue/C1']);
    // Closing moves a subject to the closed ids (same entry); the retention's end forgets it (deleted).
    engine.onEvents([permit('P1', 'permitIssued', T0 + DAY_MS)]);
    expect(applyChanges(store, engine)).toEqual(['permit-late/P1']);
    expect(store.get('permit-late/P1')).toEqual({ track: null, closedAtMs: T0 + DAY_MS });
    expect(sortedEntries(asJson(store))).toEqual(sortedEntries(whole(engine)));
    engine.onWatermark(T0 + 3 * DAY_MS);
    expect(applyChanges(store, engine)).toContain('permit-late/P1');
    expect(store.has('permit-late/P1')).toBe(false);
    expect(sortedEntries(asJson(store))).toEqual(sortedEntries(whole(engine)));
  });

  it('a reload or a restore hands out every entry before and after: a removed rule and its subjects go', () => {
    const engine = new CityRuleEngine(all(), areaOf);
    const store = new Map<string, RuleStateEntry>();
    engine.onEvents([caseEvent({ eventTimeMs: T0 }), permit('P1', 'filed', T0)]);
    applyChanges(store, engine);
    engine.reload(set(caseRule(), accidentRule, permitRule));
    applyChanges(store, engine);
    expect([...store.keys()].sort()).toEqual([
      'case-spike',
      'permit-late',
      'permit-late/P1',
      'serious-accident',
    ]);
    expect(sortedEntries(asJson(store))).toEqual(sortedEntries(whole(engine)));

    const restored = new CityRuleEngine(all(), areaOf);
    restored.restore(ruleStateFromEntries(engine.watermark, store));
    applyChanges(store, restored);
    expect(sortedEntries(asJson(store))).toEqual(sortedEntries(whole(restored)));
    expect(restored.snapshot()).toEqual({
      ...engine.snapshot(),
      workOrders: [{ id: 'work-order-overdue', state: { orders: [], closed: [] } }],
    });
  });

  it('drops the changes while nobody takes them (a backtest); the first take hands out every entry', () => {
    const engine = new CityRuleEngine(all(), areaOf);
    engine.onEvents([caseEvent({ eventTimeMs: T0 }), permit('P1', 'permitIssued', T0)]);
    engine.onWatermark(T0 + 2 * DAY_MS);
    // Nothing piled up: the permit's closed id was forgotten and is not handed out as a change.
    const store = new Map<string, RuleStateEntry>();
    expect(applyChanges(store, engine)).toEqual([
      'case-spike',
      'permit-late',
      'serious-accident',
      'work-order-overdue',
      'work-order-overdue/C1',
    ]);
    expect(sortedEntries(asJson(store))).toEqual(sortedEntries(whole(engine)));
  });

  it('round-trips a snapshot through its entries', () => {
    const engine = new CityRuleEngine(all(), areaOf);
    engine.onEvents([
      caseEvent({ eventTimeMs: T0 }),
      caseEvent({ eventTimeMs: T0, caseId: 'C2' }),
      caseEvent({ eventTimeMs: T0 + 1, caseId: 'C2', stage: 'closed' }),
      permit('P2', 'filed', T0),
      permit('P1', 'filed', T0),
      accident({ eventTimeMs: T0, injured: 1 }),
    ]);
    engine.onWatermark(T0 + 31 * MINUTE_MS);
    const snap = engine.snapshot();
    expect(snap.workOrders[0]!.state.closed).toHaveLength(1);
    expect(ruleStateFromEntries(snap.watermarkMs, ruleStateEntries(snap))).toEqual(snap);
    expect(subjectEntryName('a/b{x=1}', 'C/1')).toBe('a%2Fb%7Bx%3D1%7D/C%2F1');
  });

  it('refuses subjects of a rule that has no entry', () => {
    expect(() => ruleStateFromEntries(null, [['permit-late/P1', { track: null, closedAtMs: T0 }]])).toThrow(
      /subjects of rule permit-late, which has no entry/,
    );
  });
});
