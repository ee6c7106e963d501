import type { Logger } from 'pino';

/** The parts of an alert that identify it in a log line (structurally typed: no dependency on the domain). */
export interface AlertLike {
  readonly alertId: string;
  readonly fingerprint: string;
  readonly rule: string;
  readonly gridId: string;
  readonly areaId: string;
  readonly severity: string;
  readonly status: string;
}

/**
 * The log fields of one alert, under stable names that log queries can rely on: `alertId`,
 * `fingerprint`, `rule`, `gridId`, `areaId`, `severity`, `status`.
 *
 * @example logger.info(alertLogFields(alert), 'alert published')
 */
export function alertLogFields(alert: AlertLike): {
  alertId: string;
  fingerprint: string;
  rule: string;
  gridId: string;
  areaId: string;
  severity: string;
  status: string;
} {
  return {
    alertId: alert.alertId,
    fingerprint: alert.fingerprint,
    rule: alert.rule,
    gridId: alert.gridId,
    areaId: alert.areaId,
    severity: alert.severity,
    status: alert.status,
  };
}

/**
 * A child logger whose every line carries `gridId` (and `areaId` when known): for work done on behalf
 * of one grid.
 */
export function gridLogger(logger: Logger, gridId: string, areaId?: string): Logger {
  return logger.child(areaId === undefined ? { gridId } : { gridId, areaId });
}

/** A child logger whose every line carries the alert's {@link alertLogFields}. */
export function alertLogger(logger: Logger, alert: AlertLike): Logger {
  return logger.child(alertLogFields(alert));
}
