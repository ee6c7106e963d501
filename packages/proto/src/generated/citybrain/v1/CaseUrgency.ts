// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Urgency of a case; it selects the time limits (e.g. dispatch within 10 min urgent, 30 min normal).
 */
export const CaseUrgency = {
  CASE_URGENCY_UNSPECIFIED: 'CASE_URGENCY_UNSPECIFIED',
  CASE_URGENCY_NORMAL: 'CASE_URGENCY_NORMAL',
  CASE_URGENCY_URGENT: 'CASE_URGENCY_URGENT',
} as const;

/**
 * Urgency of a case; it selects the time limits (e.g. dispatch within 10 min urgent, 30 min normal).
 */
export type CaseUrgency =
  | 'CASE_URGENCY_UNSPECIFIED'
  | 0
  | 'CASE_URGENCY_NORMAL'
  | 1
  | 'CASE_URGENCY_URGENT'
  | 2

/**
 * Urgency of a case; it selects the time limits (e.g. dispatch within 10 min urgent, 30 min normal).
 */
export type CaseUrgency__Output = typeof CaseUrgency[keyof typeof CaseUrgency]
