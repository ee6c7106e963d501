import { InvalidAlertingInputError } from './errors';
import { matchesAll, validateMatcher, type LabelMatcher, type Labels } from './label-matcher';

/**
 * An inhibit rule (Alertmanager): while an alert matching `sourceMatchers` fires, alerts matching
 * `targetMatchers` that have the same values for every label in `equal` are muted.
 */
export interface InhibitRule {
  readonly sourceMatchers: readonly LabelMatcher[];
  readonly targetMatchers: readonly LabelMatcher[];
  /** Labels whose values must be equal in source and target (absent equals absent). */
  readonly equal: readonly string[];
}

/**
 * citybrain's default: a firing area-wide alert (`scope="area"`) mutes the grid alerts
 * (`scope="grid"`) of the same area.
 */
export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = [
  {
    sourceMatchers: [{ name: 'scope', op: '=', value: 'area' }],
    targetMatchers: [{ name: 'scope', op: '=', value: 'grid' }],
    equal: ['areaId'],
  },
];

/**
 * Checks inhibit rules.
 *
 * @throws InvalidAlertingInputError naming the field, e.g. `inhibit_rules[0].source_matchers[1].value`.
 */
export function validateInhibitRules(rules: readonly InhibitRule[]): readonly InhibitRule[] {
  rules.forEach((r, i) => {
    const at = `inhibit_rules[${i}]`;
    if (r.sourceMatchers.length === 0)
      throw new InvalidAlertingInputError(`${at}.source_matchers`, 'at least one matcher is required');
    if (r.targetMatchers.length === 0)
      throw new InvalidAlertingInputError(`${at}.target_matchers`, 'at least one matcher is required');
    r.sourceMatchers.forEach((m, j) => validateMatcher(m, `${at}.source_matchers[${j}]`));
    r.targetMatchers.forEach((m, j) => validateMatcher(m, `${at}.target_matchers[${j}]`));
  });
  return rules;
}

/** A firing alert that may inhibit others: its id and labels. */
export interface InhibitionSource {
  readonly id: string;
  readonly labels: Labels;
}

/**
 * The ids of the firing alerts that inhibit a target with these labels. An alert never inhibits
 * itself (`targetId`), as in Alertmanager.
 */
export function inhibitedBy(
  rules: readonly InhibitRule[],
  firing: Iterable<InhibitionSource>,
  targetId: string,
  target: Labels,
): string[] {
  const applicable = rules.filter((r) => matchesAll(r.targetMatchers, target));
  if (applicable.length === 0) return [];
  const ids: string[] = [];
  for (const source of firing) {
    if (source.id === targetId) continue;
    for (const r of applicable) {
      if (!matchesAll(r.sourceMatchers, source.labels)) continue;
      if (r.equal.every((l) => (source.labels[l] ?? '') === (target[l] ?? ''))) {
        ids.push(source.id);
        break;
      }
    }
  }
  return ids;
}
