import type { Alert } from '@citybrain/domain';
import { ROAD_CLASSES } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { UNKNOWN_AREA_ID } from './alert-lifecycle';
import {
  CONGESTION_LEVEL_NAMES,
  congestionLevel,
  congestionSeverity,
  isAtLeastLevel,
} from './congestion-level';
import { RULE_NAMES } from './rule-names';
import type { TrafficCongestionConfig } from './rules-config';
import { formatClockUtc8, formatNumber, formatWindowUtc8 } from './time-format';
import type { TrafficStats } from './traffic-stats';
import type { WindowedAlertEntry } from './windowed-alerts';
import { WindowedAlerts } from './windowed-alerts';
import type { WindowResult } from './window-result';

const RULE = RULE_NAMES.trafficCongestion;

/**
 * `traffic-congestion`: per grid and road class, a final window whose mean speed is at `minLevel` or
 * worse, over at least `minObservations` observations, fires (medium for moderate, high for severe);
 * a later qualifying window at a better level resolves it (ends at that window's start), and so does
 * silence: no firing window for `staleAfterMs` past the last one's end (ends at that end).
 * Windows with too few observations neither fire nor resolve: they are not evidence either way.
 */
export class TrafficCongestionRule {
  private readonly alerts: WindowedAlerts;

  constructor(
    private readonly config: TrafficCongestionConfig,
    private readonly areaOf: (gridId: string) => string | undefined,
    entries: readonly WindowedAlertEntry[] = [],
  ) {
    this.alerts = new WindowedAlerts(entries);
  }

  onWindows(results: readonly WindowResult<TrafficStats>[]): Alert[] {
    const out: Alert[] = [];
    for (const result of results) {
      if (!result.final) continue;
      const gridId = result.key;
      for (const roadClass of ROAD_CLASSES) {
        const stats = result.value.byRoadClass[roadClass];
        if (stats === undefined || stats.observationCount < this.config.minObservations) continue;
        const speedKmh = stats.meanSpeedKmh;
        if (!Number.isFinite(speedKmh) || speedKmh < 0) continue;
        const fingerprint = alertFingerprint(RULE, gridId, roadClass);
        if (this.alerts.isOutdated(fingerprint, result.window)) continue;
        const level = congestionLevel(roadClass, speedKmh, this.config.speedBandsKmh);
        const thresholdKmh = this.config.speedBandsKmh[roadClass][this.config.minLevel];
        const window = { startMs: result.window.startMs, endMs: result.window.endMs };
        const where = `${gridId} ${roadClass}`;
        const measured = `mean speed ${speedKmh.toFixed(1)} km/h`;
        if (isAtLeastLevel(level, this.config.minLevel)) {
          const fired = this.alerts.fire(
            {
              alertId: alertId(fingerprint, window.startMs),
              fingerprint,
              rule: RULE,
              kind: 'traffic',
              subCategory: 'trafficJam',
              gridId,
              areaId: this.areaOf(gridId) ?? UNKNOWN_AREA_ID,
              severity: congestionSeverity(level),
              status: 'firing',
              startsAtMs: window.startMs,
              value: speedKmh,
              threshold: thresholdKmh,
              window,
              summary: `${where} ${CONGESTION_LEVEL_NAMES[level]}: ${measured} ≤ ${formatNumber(thresholdKmh)} km/h (window ${formatWindowUtc8(window)})`,
              labels: { roadClass, level },
            },
            window,
          );
          if (fired !== undefined) out.push(fired);
        } else {
          const resolvedAlert = this.alerts.resolve(
            fingerprint,
            window.startMs,
            () =>
              `${where} 拥堵解除 congestion resolved: ${measured} > ${formatNumber(thresholdKmh)} km/h (window ${formatWindowUtc8(window)})`,
          );
          if (resolvedAlert !== undefined) out.push(resolvedAlert);
        }
      }
    }
    return out;
  }

  onWatermark(watermarkMs: number): Alert[] {
    return this.alerts.expire(
      watermarkMs,
      this.config.staleAfterMs,
      (firing, lastEndMs) =>
        `${firing.gridId} ${firing.labels['roadClass'] ?? ''} 拥堵告警过期 congestion alert expired: no congested window since ${formatClockUtc8(lastEndMs)}`,
    );
  }

  active(): Alert[] {
    return this.alerts.active();
  }

  snapshot(): WindowedAlertEntry[] {
    return this.alerts.snapshot();
  }
}
