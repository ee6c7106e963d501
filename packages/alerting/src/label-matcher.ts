import { RE2JS } from 're2js';
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

/** Longest label name a matcher may name, characters. */
export const MAX_MATCHER_NAME_LENGTH = 128;
/**
 * Longest matcher value, characters (a regular expression included). RE2 matching is linear in the
 * input, but compiling is linear in the pattern and a long alternation still costs per label: the cap
 * keeps one matcher's cost small and bounded.
 */
export const MAX_MATCHER_VALUE_LENGTH = 256;

/** A compiled regular-expression matcher: whether a whole label value matches. */
type FullMatch = (value: string) => boolean;
const regexCache = new Map<string, FullMatch>();
const REGEX_CACHE_LIMIT = 1000;

/**
 * Compiles an anchored regular expression on RE2 semantics (as Prometheus and Alertmanager do):
 * matching takes time linear in the label value whatever the pattern, so a pattern such as
 * `(.*)*(.*)*X` cannot make the gateway backtrack. RE2 has no backreferences or lookaround; such a
 * pattern is refused as invalid.
 */
function anchored(pattern: string, field: string): FullMatch {
  let fn = regexCache.get(pattern);
  if (!fn) {
    if (pattern.length > MAX_MATCHER_VALUE_LENGTH)
      throw new InvalidAlertingInputError(field, `longer than ${MAX_MATCHER_VALUE_LENGTH} characters`);
    let re: RE2JS;
    try {
      re = RE2JS.compile(pattern);
    } catch (err: unknown) {
      const why = err instanceof Error ? `: ${err.message}` : '';
      throw new InvalidAlertingInputError(
        field,
        `invalid regular expression ${JSON.stringify(pattern)} (RE2 syntax)${why}`,
        { cause: err },
      );
    }
    // `matches` is a whole-input match: the anchoring of Alertmanager's `^(?:pattern)$`.
    fn = (value) => re.matches(value);
    if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
    regexCache.set(pattern, fn);
  }
  return fn;
}

/**
 * Checks a matcher: a label name of letters, digits and underscores, a known operator, a value of at
 * most {@link MAX_MATCHER_VALUE_LENGTH} characters and, for `=~`/`!~`, a regex that compiles on RE2.
 * `field` prefixes the field named in the error, e.g. `matchers[2]`.
 *
 * @throws InvalidAlertingInputError naming `<field>.name`, `<field>.op` or `<field>.value`.
 */
export function validateMatcher(m: LabelMatcher, field = 'matcher'): LabelMatcher {
  if (m.name.length > MAX_MATCHER_NAME_LENGTH || !LABEL_NAME.test(m.name))
    throw new InvalidAlertingInputError(
      `${field}.name`,
      `not a label name (at most ${MAX_MATCHER_NAME_LENGTH} letters, digits, underscores): ${JSON.stringify(m.name.slice(0, MAX_MATCHER_NAME_LENGTH))}`,
    );
  if (!MATCH_OPS.includes(m.op))
    throw new InvalidAlertingInputError(`${field}.op`, `unknown operator ${JSON.stringify(m.op)}`);
  if (m.value.length > MAX_MATCHER_VALUE_LENGTH)
    throw new InvalidAlertingInputError(
      `${field}.value`,
      `longer than ${MAX_MATCHER_VALUE_LENGTH} characters`,
    );
  if (m.op === '=~' || m.op === '!~') anchored(m.value, `${field}.value`);
  return m;
}

/**
 * Parses Alertmanager's text form, `name="value"`, `name!=value`, `name=~"a|b"`, `name!~b`.
 *
 * @throws InvalidAlertingInputError naming `field`.
 */
export function parseMatcher(text: string, field = 'matcher'): LabelMatcher {
  // Bounded before the (lazy) text pattern runs, so a huge argument costs nothing.
  if (text.length > MAX_MATCHER_NAME_LENGTH + MAX_MATCHER_VALUE_LENGTH + 16)
    throw new InvalidAlertingInputError(field, 'too long to be a matcher');
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
      return anchored(m.value, 'matcher.value')(v);
    case '!~':
      return !anchored(m.value, 'matcher.value')(v);
  }
}

/** Whether a label set satisfies every matcher (an empty list matches everything). */
export function matchesAll(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((m) => matchesLabel(m, labels));
}

/** Label values a narrowing `=~` matcher must fail on at least one of (see {@link isNarrowingMatcher}). */
const PROBES = ['a', 'zz', '0', 'Z9-x_', 'G001', 'A01', 'critical', 'a much longer label value 123'];

/**
 * Whether a matcher restricts which alerts match, rather than letting (almost) every value through:
 * `=` with a non-empty value, or `=~` with a pattern that refuses some ordinary label value.
 * `areaId=~".+"`, `rule=~".*"`, `severity!="none"` and `rule!~"x"` do not narrow. Conservative by
 * design: it is used to refuse silences that would mute a whole city or area.
 */
export function isNarrowingMatcher(m: LabelMatcher): boolean {
  if (m.op === '=') return m.value !== '';
  if (m.op === '=~') {
    const fn = anchored(m.value, 'matcher.value');
    return PROBES.some((v) => !fn(v));
  }
  return false;
}
