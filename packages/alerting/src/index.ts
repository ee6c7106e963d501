/**
 * Alertmanager semantics for citybrain's alerts: label matchers (`=`, `!=`, `=~`, `!~`), silences
 * with their life cycle, and inhibit rules (by default a firing `scope="area"` alert mutes the
 * `scope="grid"` alerts of the same `areaId`). Pure: no I/O, no clock (callers pass `nowMs`).
 *
 * @example
 * ```ts
 * import { alertLabels, parseMatcher, silencedBy, inhibitedBy, DEFAULT_INHIBIT_RULES } from '@citybrain/alerting';
 *
 * const silence = { id: 's1', matchers: [parseMatcher('areaId="A01"')], startsAtMs: 0, endsAtMs: 3_600_000,
 *   createdBy: 'ops', comment: 'road works' };
 * const labels = alertLabels(alert);
 * const muted =
 *   silencedBy([silence], labels, Date.now()).length > 0 ||
 *   inhibitedBy(DEFAULT_INHIBIT_RULES, firing.map((a) => ({ id: a.alertId, labels: alertLabels(a) })), alert.alertId, labels)
 *     .length > 0;
 * ```
 */
export {
  MATCH_OPS,
  MAX_MATCHER_NAME_LENGTH,
  MAX_MATCHER_VALUE_LENGTH,
  formatMatcher,
  isNarrowingMatcher,
  matchesAll,
  matchesLabel,
  parseMatcher,
  validateMatcher,
  type LabelMatcher,
  type Labels,
  type MatchOp,
} from './label-matcher';
export { alertLabels } from './alert-labels';
export {
  MAX_SILENCE_COMMENT_LENGTH,
  MAX_SILENCE_MATCHERS,
  silenceState,
  silencedBy,
  validateSilence,
  type Silence,
  type SilenceState,
} from './silence';
export {
  DEFAULT_INHIBIT_RULES,
  inhibitedBy,
  validateInhibitRules,
  type InhibitRule,
  type InhibitionSource,
} from './inhibition';
export { AlertingError, InvalidAlertingInputError } from './errors';
