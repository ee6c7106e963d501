// Original file: ../../proto/citybrain/v1/alerts.proto

/**
 * Alertmanager-style status: an alert fires, then resolves with an explicit message.
 */
export const AlertStatus = {
  ALERT_STATUS_UNSPECIFIED: 'ALERT_STATUS_UNSPECIFIED',
  ALERT_STATUS_FIRING: 'ALERT_STATUS_FIRING',
  ALERT_STATUS_RESOLVED: 'ALERT_STATUS_RESOLVED',
} as const;

/**
 * Alertmanager-style status: an alert fires, then resolves with an explicit message.
 */
export type AlertStatus =
  | 'ALERT_STATUS_UNSPECIFIED'
  | 0
  | 'ALERT_STATUS_FIRING'
  | 1
  | 'ALERT_STATUS_RESOLVED'
  | 2

/**
 * Alertmanager-style status: an alert fires, then resolves with an explicit message.
 */
export type AlertStatus__Output = typeof AlertStatus[keyof typeof AlertStatus]
