// Original file: ../../proto/citybrain/v1/alert_service.proto

/**
 * Work orders or permits.
 */
export const CaseKind = {
  CASE_KIND_UNSPECIFIED: 'CASE_KIND_UNSPECIFIED',
  /**
   * A city-management work order (工单).
   */
  CASE_KIND_WORK_ORDER: 'CASE_KIND_WORK_ORDER',
  /**
   * A permit on its way from filing to the construction permit.
   */
  CASE_KIND_PERMIT: 'CASE_KIND_PERMIT',
} as const;

/**
 * Work orders or permits.
 */
export type CaseKind =
  | 'CASE_KIND_UNSPECIFIED'
  | 0
  /**
   * A city-management work order (工单).
   */
  | 'CASE_KIND_WORK_ORDER'
  | 1
  /**
   * A permit on its way from filing to the construction permit.
   */
  | 'CASE_KIND_PERMIT'
  | 2

/**
 * Work orders or permits.
 */
export type CaseKind__Output = typeof CaseKind[keyof typeof CaseKind]
