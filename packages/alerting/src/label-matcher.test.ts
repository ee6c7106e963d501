import { describe, expect, it } from 'vitest';
import {
  MAX_MATCHER_VALUE_LENGTH,
  formatMatcher,
  isNarrowingMatcher,
  matchesAll,
  parseMatcher,
  validateMatcher,
} from './label-matcher';

describe('label matchers', () => {
  it('parses the four operators, quoted or not', () => {
    expect(parseMatcher('areaId="A01"')).toEqual({ name: 'areaId', op: '=', value: 'A01' });
    expect(parseMatcher('severity =~ high|critical')).toEqual({
      name: 'severity',
      op: '=~',
      value: 'high|critical',
    });
    expect(parseMatcher('rule!="x"').op).toBe('!=');
    expect(parseMatcher('gridId!~G00.').op).toBe('!~');
    expect(formatMatcher(parseMatcher('areaId=A01'))).toBe('areaId="A01"');
  });

  it('matches like Alertmanager: anchored regexes, absent label is empty', () => {
    const labels = { areaId: 'A01', severity: 'high' };
    expect(matchesAll([parseMatcher('severity=~"high|critical"')], labels)).toBe(true);
    expect(matchesAll([parseMatcher('severity=~"hi"')], labels)).toBe(false);
    expect(matchesAll([parseMatcher('severity!~"low"'), parseMatcher('areaId="A01"')], labels)).toBe(true);
    expect(matchesAll([parseMatcher('scope=""')], labels)).toBe(true);
    expect(matchesAll([parseMatcher('scope!=""')], labels)).toBe(false);
    expect(matchesAll([], labels)).toBe(true);
  });

  it('names the bad field', () => {
    expect(() => parseMatcher('nope', 'matchers[3]')).toThrow(/^matchers\[3\]: not a matcher/);
    expect(() => validateMatcher({ name: 'a', op: '=~', value: '(' }, 'matchers[0]')).toThrow(
      /^matchers\[0\]\.value: invalid regular expression/,
    );
    expect(() => validateMatcher({ name: '1a', op: '=', value: '' })).toThrow(/matcher\.name/);
  });
});

describe('label matchers on RE2 (linear time)', () => {
  // The pattern from issue 10: on a backtracking engine one evaluation against a 30-character label
  // takes longer than the age of the universe; each `(.*)*` group multiplies the cost.
  const catastrophic = '(.*)*(.*)*(.*)*(.*)*X';

  it('evaluates the catastrophic pattern and completes, matching only whole values', () => {
    const m = parseMatcher(`rule=~"${catastrophic}"`);
    const long = 'a'.repeat(MAX_MATCHER_VALUE_LENGTH * 4);
    expect(matchesAll([m], { rule: long })).toBe(false);
    expect(matchesAll([m], { rule: `${long}X` })).toBe(true);
    expect(matchesAll([m], { rule: `${long}Xa` })).toBe(false);
    expect(matchesAll([{ ...m, op: '!~' }], { rule: long })).toBe(true);
    // nested quantifiers and alternations of the classic ReDoS shapes, same answers
    expect(matchesAll([parseMatcher('gridId=~"(a|aa)+$"')], { gridId: `${'a'.repeat(5000)}b` })).toBe(false);
    expect(matchesAll([parseMatcher('gridId=~"(a+)+"')], { gridId: 'a'.repeat(5000) })).toBe(true);
  });

  it('refuses what RE2 cannot run in linear time and values over the length cap, naming the field', () => {
    expect(() => parseMatcher('rule=~"(a)\\1"', 'matchers[0]')).toThrow(
      /^matchers\[0\]\.value: invalid regular expression .*RE2/,
    );
    expect(() => parseMatcher('rule=~"(?=a)a"', 'matchers[1]')).toThrow(/^matchers\[1\]\.value: invalid/);
    const tooLong = 'a'.repeat(MAX_MATCHER_VALUE_LENGTH + 1);
    expect(() => validateMatcher({ name: 'rule', op: '=~', value: tooLong }, 'matchers[2]')).toThrow(
      /^matchers\[2\]\.value: longer than 256 characters/,
    );
    expect(() => validateMatcher({ name: 'rule', op: '=', value: tooLong })).toThrow(/longer than/);
    expect(() => validateMatcher({ name: 'a'.repeat(200), op: '=', value: 'x' })).toThrow(/matcher\.name/);
    expect(() => parseMatcher(`rule="${'x'.repeat(10_000)}"`)).toThrow(/too long/);
    expect(
      validateMatcher({ name: 'rule', op: '=~', value: 'a'.repeat(MAX_MATCHER_VALUE_LENGTH) }).value,
    ).toHaveLength(MAX_MATCHER_VALUE_LENGTH);
  });
});

describe('isNarrowingMatcher', () => {
  it('tells matchers that restrict from those that let every ordinary value through', () => {
    const narrowing = ['areaId="A01"', 'gridId=~"G00."', 'severity=~"high|critical"'];
    const wide = ['areaId=~".+"', 'rule=~".*"', 'rule=~"(.*)*"', 'severity!="none"', 'rule!~"x"', 'rule=""'];
    expect(narrowing.map((t) => isNarrowingMatcher(parseMatcher(t)))).toEqual(narrowing.map(() => true));
    expect(wide.map((t) => isNarrowingMatcher(parseMatcher(t)))).toEqual(wide.map(() => false));
  });
});
