import { describe, expect, it } from 'vitest';
import { DEFAULT_INHIBIT_RULES } from '@citybrain/alerting';
import { parseInhibitRules } from './inhibit-rules-file';

describe('parseInhibitRules', () => {
  it('reads Alertmanager-shaped rules', () => {
    expect(
      parseInhibitRules(`inhibit_rules:
  - source_matchers: ['scope="area"']
    target_matchers: ['scope="grid"']
    equal: [areaId]
`),
    ).toEqual(DEFAULT_INHIBIT_RULES);
  });

  it('names the bad entry', () => {
    expect(() =>
      parseInhibitRules(
        `inhibit_rules:\n  - { source_matchers: ['a=b', 'nope'], target_matchers: ['c=d'] }\n`,
      ),
    ).toThrow(/^inhibit_rules\[0\]\.source_matchers\[1\]: not a matcher/);
    expect(() =>
      parseInhibitRules(`inhibit_rules:\n  - { source_matchers: [] , target_matchers: ['c=d'] }\n`),
    ).toThrow(/inhibit_rules\.0\.source_matchers/);
  });
});
