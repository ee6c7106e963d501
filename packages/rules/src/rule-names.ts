/**
 * The names (the alerts' `rule` field) of the four core rules of the shipped rule file, which a demo
 * run is expected to raise. `seriousAccident` and `permitOverdue` are also the built-in names of the
 * lifecycle rules, which `CityRuleEngine` renames to the name the rule file gives them.
 */
export const RULE_NAMES = Object.freeze({
  trafficCongestion: 'traffic-congestion',
  seriousAccident: 'serious-accident',
  caseBacklogSpike: 'case-backlog-spike',
  permitOverdue: 'permit-overdue',
} as const);

/** A rule name, e.g. `traffic-congestion`. */
export type RuleName = (typeof RULE_NAMES)[keyof typeof RULE_NAMES];
