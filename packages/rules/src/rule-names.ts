/** The `rule` field of the alerts each rule raises. */
export const RULE_NAMES = Object.freeze({
  trafficCongestion: 'traffic-congestion',
  seriousAccident: 'serious-accident',
  caseBacklogSpike: 'case-backlog-spike',
  permitOverdue: 'permit-overdue',
} as const);

/** A rule name, e.g. `traffic-congestion`. */
export type RuleName = (typeof RULE_NAMES)[keyof typeof RULE_NAMES];
