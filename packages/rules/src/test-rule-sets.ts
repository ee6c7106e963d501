// Rule files for this package's tests (not exported from the package entry).
import { parseRuleSet } from './rule-set';

/** A minimal threshold rule over case reports, with overrides of any field. */
export function caseRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'case-spike',
    type: 'threshold',
    kind: 'cityManagement',
    sub_category: 'caseSpike',
    severity: 'medium',
    measure: {
      stream: 'case',
      filter: { stage: 'received' },
      window: { kind: 'tumbling', size: '10m' },
      aggregation: { fn: 'count' },
    },
    condition: { op: '>=', threshold: 5 },
    escalate: [{ threshold: 10, severity: 'high' }],
    summary: { zh: '{gridId} 案件 {value} 件', en: '{gridId} {value} cases ≥ {threshold}' },
    ...overrides,
  };
}

/** A rule set of the given rules. */
export const ruleSetOf = (...rules: unknown[]) => parseRuleSet({ version: 1, rules });

/** The work-order rule as shipped: dispatch 10 m / 30 m, accept 30 m / 2 h, close 1 d / 3 d. */
export function workOrderRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'work-order-overdue',
    type: 'work-order-deadline',
    kind: 'cityManagement',
    sub_category: 'workOrderOverdue',
    severity: 'medium',
    deadlines: {
      urgent: { dispatch: '10m', accept: '30m', close: '1d' },
      normal: { dispatch: '30m', accept: '2h', close: '3d' },
    },
    by_service_code: { 'manhole.missing': { urgent: { close: '2h' } } },
    escalate_after: '1h',
    escalated_severity: 'high',
    ...overrides,
  };
}
