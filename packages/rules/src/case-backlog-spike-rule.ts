import type { Alert } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { UNKNOWN_AREA_ID } from './alert-lifecycle';
import type { CaseStats } from './case-stats';
import { RULE_NAMES } from './rule-names';
import type { CaseBacklogSpikeConfig } from './rules-config';
import { formatClockUtc8, formatWindowUtc8 } from './time-format';
import type { WindowedAlertEntry } from './windowed-alerts';
import { WindowedAlerts } from './windowed-alerts';
import type { WindowResult } from './window-result';

const RULE = RULE_NAMES.caseBacklogSpike;

/** The service code with the most cases (ties: the smallest code), or undefined when there is none. */
function topServiceCode(stats: CaseStats): string | undefined {
  let top: [string, number] | undefined;
  for (const [code, n] of Object.entries(stats.byServiceCode)) {
    if (top === undefined || n > top[1] || (n === top[1] && code < top[0])) top = [code, n];
  }
  return top?.[0];
}

/**
 * `case-backlog-spike`: per grid, a final case window with at least `threshold` received cases fires
 * (medium; high at twice the threshold); a later window below the threshold resolves it (ends at that
 * window's start), and so does no firing window for `staleAfterMs` past the last one's end.
 */
export class CaseBacklogSpikeRule {
  private readonly alerts: WindowedAlerts;

  constructor(
    private readonly config: CaseBacklogSpikeConfig,
    private readonly areaOf: (gridId: string) => string | undefined,
    entries: readonly WindowedAlertEntry[] = [],
  ) {
    this.alerts = new WindowedAlerts(entries);
  }

  onWindows(results: readonly WindowResult<CaseStats>[]): Alert[] {
    const out: Alert[] = [];
    const { threshold } = this.config;
    for (const result of results) {
      if (!result.final) continue;
      const gridId = result.key;
      const fingerprint = alertFingerprint(RULE, gridId);
      if (this.alerts.isOutdated(fingerprint, result.window)) continue;
      const count = result.value.receivedCount;
      const window = { startMs: result.window.startMs, endMs: result.window.endMs };
      if (count >= threshold) {
        const top = topServiceCode(result.value);
        const fired = this.alerts.fire(
          {
            alertId: alertId(fingerprint, window.startMs),
            fingerprint,
            rule: RULE,
            kind: 'cityManagement',
            subCategory: 'caseBacklog',
            gridId,
            areaId: this.areaOf(gridId) ?? UNKNOWN_AREA_ID,
            severity: count >= 2 * threshold ? 'high' : 'medium',
            status: 'firing',
            startsAtMs: window.startMs,
            value: count,
            threshold,
            window,
            summary:
              `${gridId} 案件激增 case backlog spike: ${count} cases received ≥ ${threshold}` +
              `${top === undefined ? '' : `, most ${top}`} (window ${formatWindowUtc8(window)})`,
            labels: top === undefined ? {} : { topServiceCode: top },
          },
          window,
        );
        if (fired !== undefined) out.push(fired);
      } else {
        const resolvedAlert = this.alerts.resolve(
          fingerprint,
          window.startMs,
          () =>
            `${gridId} 案件激增解除 case spike resolved: ${count} cases received < ${threshold} (window ${formatWindowUtc8(window)})`,
        );
        if (resolvedAlert !== undefined) out.push(resolvedAlert);
      }
    }
    return out;
  }

  onWatermark(watermarkMs: number): Alert[] {
    return this.alerts.expire(
      watermarkMs,
      this.config.staleAfterMs,
      (firing, lastEndMs) =>
        `${firing.gridId} 案件激增告警过期 case spike alert expired: no case window since ${formatClockUtc8(lastEndMs)}`,
    );
  }

  active(): Alert[] {
    return this.alerts.active();
  }

  snapshot(): WindowedAlertEntry[] {
    return this.alerts.snapshot();
  }
}
