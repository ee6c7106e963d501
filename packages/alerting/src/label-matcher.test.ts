import { describe, expect, it } from 'vitest';
import { formatMatcher, matchesAll, parseMatcher, validateMatcher } from './label-matcher';

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
