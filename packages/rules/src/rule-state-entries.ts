import type { CityRuleEngineSnapshot } from './city-rule-engine';
import { RulesError } from './errors';
import type { PermitOverdueState, PermitTrack } from './permit-overdue-rule';
import type { SeriousAccidentState } from './serious-accident-rule';
import { fromSubjectEntries, subjectEntries, type SubjectEntry } from './subject-entries';
import type { ThresholdState } from './threshold-rule';
import type { WorkOrderState, WorkOrderTrack } from './work-order-rule';

// The rule engine's state as named entries for a changelogged state store, so that a commit writes
// only what changed (the whole state grows with the city's open permits and work orders):
//   <rule>              per rule: its kind and, for thresholds and serious accidents, its state
//   <rule>/<subject>    per permit or work order of a permit / work-order rule ({@link SubjectEntry})
// Names are URI-encoded ids, so a `/` inside an id cannot be taken for the separator. The engine's
// watermark, which moves every batch, is not an entry here: the caller keeps it apart.

/** The entry of one rule. */
export type RuleEntry =
  | { readonly kind: 'threshold'; readonly measure: unknown; readonly state: ThresholdState }
  | { readonly kind: 'serious-accident'; readonly state: SeriousAccidentState }
  | { readonly kind: 'permit-deadline' }
  | { readonly kind: 'work-order-deadline' };

/** The entry of one subject (permit or work order) of a rule. */
export type RuleSubjectEntry = SubjectEntry<PermitTrack> | SubjectEntry<WorkOrderTrack>;

/** A rule-state entry: a rule's ({@link RuleEntry}) or a subject's ({@link RuleSubjectEntry}). */
export type RuleStateEntry = RuleEntry | RuleSubjectEntry;

/** Entry name of a rule. */
export const ruleEntryName = (ruleId: string): string => encodeURIComponent(ruleId);
/** Entry name of a subject (permit id, work-order case id) of a rule. */
export const subjectEntryName = (ruleId: string, subjectId: string): string =>
  `${encodeURIComponent(ruleId)}/${encodeURIComponent(subjectId)}`;

/** A rule-state entry name split into its rule id and, for a subject's entry, the subject id. */
export function parseRuleStateName(name: string): { ruleId: string; subjectId?: string } {
  const i = name.indexOf('/');
  return i < 0
    ? { ruleId: decodeURIComponent(name) }
    : { ruleId: decodeURIComponent(name.slice(0, i)), subjectId: decodeURIComponent(name.slice(i + 1)) };
}

/** A whole rule-engine snapshot as entries by name (without its watermark). */
export function ruleStateEntries(snap: CityRuleEngineSnapshot): Map<string, RuleStateEntry> {
  const out = new Map<string, RuleStateEntry>();
  for (const t of snap.thresholds)
    out.set(ruleEntryName(t.id), { kind: 'threshold', measure: t.measure, state: t.state });
  for (const a of snap.accidents) out.set(ruleEntryName(a.id), { kind: 'serious-accident', state: a.state });
  for (const p of snap.permits) {
    out.set(ruleEntryName(p.id), { kind: 'permit-deadline' });
    for (const [id, e] of subjectEntries(p.state.permits, (t) => t.permitId, p.state.closed))
      out.set(subjectEntryName(p.id, id), e);
  }
  for (const w of snap.workOrders) {
    out.set(ruleEntryName(w.id), { kind: 'work-order-deadline' });
    for (const [id, e] of subjectEntries(w.state.orders, (t) => t.caseId, w.state.closed))
      out.set(subjectEntryName(w.id, id), e);
  }
  return out;
}

/**
 * Rule-state entries ({@link ruleStateEntries}) and the watermark back to a rule-engine snapshot.
 * @throws RulesError (`RULE_STATE_INVALID`) on a subject entry whose rule has no entry, or a rule
 * entry of an unknown kind.
 */
export function ruleStateFromEntries(
  watermarkMs: number | null,
  entries: Iterable<readonly [string, RuleStateEntry]>,
): CityRuleEngineSnapshot {
  const rules = new Map<string, RuleEntry>();
  const subjects = new Map<string, [string, RuleSubjectEntry][]>();
  for (const [name, entry] of entries) {
    const { ruleId, subjectId } = parseRuleStateName(name);
    if (subjectId === undefined) rules.set(ruleId, entry as RuleEntry);
    else {
      let list = subjects.get(ruleId);
      if (list === undefined) subjects.set(ruleId, (list = []));
      list.push([subjectId, entry as RuleSubjectEntry]);
    }
  }
  for (const ruleId of subjects.keys())
    if (!rules.has(ruleId))
      throw new RulesError(
        'RULE_STATE_INVALID',
        `rule state: subjects of rule ${ruleId}, which has no entry`,
      );
  const thresholds: CityRuleEngineSnapshot['thresholds'][number][] = [];
  const accidents: CityRuleEngineSnapshot['accidents'][number][] = [];
  const permits: { id: string; state: PermitOverdueState }[] = [];
  const workOrders: { id: string; state: WorkOrderState }[] = [];
  for (const [id, rule] of rules) {
    const kind: string = rule.kind;
    switch (rule.kind) {
      case 'threshold':
        thresholds.push({ id, measure: rule.measure, state: rule.state });
        break;
      case 'serious-accident':
        accidents.push({ id, state: rule.state });
        break;
      case 'permit-deadline': {
        const s = fromSubjectEntries((subjects.get(id) ?? []) as [string, SubjectEntry<PermitTrack>][]);
        permits.push({ id, state: { permits: s.tracks, closed: s.closed } });
        break;
      }
      case 'work-order-deadline': {
        const s = fromSubjectEntries((subjects.get(id) ?? []) as [string, SubjectEntry<WorkOrderTrack>][]);
        workOrders.push({ id, state: { orders: s.tracks, closed: s.closed } });
        break;
      }
      default:
        throw new RulesError('RULE_STATE_INVALID', `rule state: rule ${id} of unknown kind ${kind}`);
    }
  }
  return { version: 1, watermarkMs, thresholds, accidents, permits, workOrders };
}
