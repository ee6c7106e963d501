// Original file: ../../proto/citybrain/v1/alerts.proto

/**
 * FIWARE Alert severities, in increasing order.
 */
export const Severity = {
  SEVERITY_UNSPECIFIED: 'SEVERITY_UNSPECIFIED',
  SEVERITY_INFORMATIONAL: 'SEVERITY_INFORMATIONAL',
  SEVERITY_LOW: 'SEVERITY_LOW',
  SEVERITY_MEDIUM: 'SEVERITY_MEDIUM',
  SEVERITY_HIGH: 'SEVERITY_HIGH',
  SEVERITY_CRITICAL: 'SEVERITY_CRITICAL',
} as const;

/**
 * FIWARE Alert severities, in increasing order.
 */
export type Severity =
  | 'SEVERITY_UNSPECIFIED'
  | 0
  | 'SEVERITY_INFORMATIONAL'
  | 1
  | 'SEVERITY_LOW'
  | 2
  | 'SEVERITY_MEDIUM'
  | 3
  | 'SEVERITY_HIGH'
  | 4
  | 'SEVERITY_CRITICAL'
  | 5

/**
 * FIWARE Alert severities, in increasing order.
 */
export type Severity__Output = typeof Severity[keyof typeof Severity]
