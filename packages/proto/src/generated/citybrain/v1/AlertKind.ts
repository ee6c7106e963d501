// Original file: ../../proto/citybrain/v1/alerts.proto

/**
 * Alert categories: FIWARE's traffic, extended with city management (work orders) and government
 * service (permits), which FIWARE lacks.
 */
export const AlertKind = {
  ALERT_KIND_UNSPECIFIED: 'ALERT_KIND_UNSPECIFIED',
  ALERT_KIND_TRAFFIC: 'ALERT_KIND_TRAFFIC',
  ALERT_KIND_CITY_MANAGEMENT: 'ALERT_KIND_CITY_MANAGEMENT',
  ALERT_KIND_GOVERNMENT_SERVICE: 'ALERT_KIND_GOVERNMENT_SERVICE',
} as const;

/**
 * Alert categories: FIWARE's traffic, extended with city management (work orders) and government
 * service (permits), which FIWARE lacks.
 */
export type AlertKind =
  | 'ALERT_KIND_UNSPECIFIED'
  | 0
  | 'ALERT_KIND_TRAFFIC'
  | 1
  | 'ALERT_KIND_CITY_MANAGEMENT'
  | 2
  | 'ALERT_KIND_GOVERNMENT_SERVICE'
  | 3

/**
 * Alert categories: FIWARE's traffic, extended with city management (work orders) and government
 * service (permits), which FIWARE lacks.
 */
export type AlertKind__Output = typeof AlertKind[keyof typeof AlertKind]
