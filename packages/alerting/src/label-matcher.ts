import { InvalidAlertingInputError } from './errors';

/** Alertmanager's matcher operators: equal, not equal, regex match, regex non-match. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** The matcher operators, in Alertmanager's order. */
export const MATCH_OPS: readonly MatchOp[] = ['=', '!=', '=~', '!~'];

/** One label matcher, e.g. `areaId="A01"` or `severity=~"high|critical"`. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** An alert's labels: name → value; an absent label matches as the empty string (Alertmanager). */
export type Labels = Readonly<Record<string, string>>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const regexCache = new Map<string, RegExp>();

function anchored(pattern: string, field: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch (err: unknown) {
      throw new InvalidAlertingInputError(field, `invalid regular expression ${JSON.stringify(pattern)}`, {
        cause: err,
      });
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

/**
 * Checks a matcher: a label name of letters, digits and underscores, a known operator, a regex that
 * compiles. `field` prefixes the field named in the error, e.g. `matchers[2]`.
 *
 * @throws InvalidAlertingInputError naming `<field>.name`, `<field>.op` or `<field>.value`.
 */
export function validateMatcher(m: LabelMatcher, field = 'matcher'): LabelMatcher {
  if (!LABEL_NAME.test(m.name))
    throw new InvalidAlertingInputError(`${field}.name`, `not a label name: ${JSON.stringify(m.name)}`);
  if (!MATCH_OPS.includes(m.op))
    throw new InvalidAlertingInputError(`${field}.op`, `unknown operator ${JSON.stringify(m.op)}`);
  if (m.op === '=~' || m.op === '!~') anchored(m.value, `${field}.value`);
  return m;
}

/**
 * Parses Alertmanager's text form, `name="value"`, `name!=value`, `name=~"a|b"`, `name!~b`.
 *
 * @throws InvalidAlertingInputError naming `field`.
 */
export function parseMatcher(text: string, field = 'matcher'): LabelMatcher {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/u.exec(text);
  if (!m)
    throw new InvalidAlertingInputError(field, `not a matcher: ${JSON.stringify(text)} (e.g. areaId="A01")`);
  let value = m[3] ?? '';
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return validateMatcher({ name: m[1]!, op: m[2] as MatchOp, value }, field);
}

/** Renders a matcher in Alertmanager's text form, e.g. `areaId="A01"`. */
export function formatMatcher(m: LabelMatcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

/** Whether a label set satisfies one matcher (an absent label is the empty string). */
export function matchesLabel(m: LabelMatcher, labels: Labels): boolean {
  const v = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return anchored(m.value, 'matcher.value').test(v);
    case '!~':
      return !anchored(m.value, 'matcher.value').test(v);
  }
}

/** Whether a label set satisfies every matcher (an empty list matches everything). */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((m) => matchesLabel(m, labels));
}
