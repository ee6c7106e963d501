import {
  alertLabels,
  inhibitedBy,
  matchesAll,
  silencedBy,
  type InhibitRule,
  type InhibitionSource,
  type Labels,
} from '@citybrain/alerting';
import type { Alert } from '@citybrain/domain';
import type { AlertStore } from './alert-store';
import type { SilenceStore } from './silence-store';

/** Why an alert is not streamed: the silences and the firing alerts that mute it. */
export interface MuteState {
  readonly silencedBy: readonly string[];
  readonly inhibitedBy: readonly string[];
}

/** Applies silences and inhibit rules (Alertmanager semantics) to the gateway's alerts. */
export class MuteEvaluator {
  /** Alerts are immutable: their label sets are computed once. */
  private readonly labelCache = new WeakMap<Alert, Labels>();
  /** Alerts whose latest firing message was muted: their resolution is muted too. */
  private readonly mutedFiring = new Set<string>();

  constructor(
    private readonly store: AlertStore,
    private readonly silences: SilenceStore,
    private readonly rules: readonly InhibitRule[],
    private readonly now: () => number = Date.now,
  ) {}

  /** The silences and inhibiting alerts that mute an alert now. */
  stateOf(alert: Alert): MuteState {
    const labels = this.labelsOf(alert);
    const sources: InhibitionSource[] = [];
    if (this.rules.some((r) => matchesAll(r.targetMatchers, labels)))
      for (const a of this.store.firing()) {
        const l = this.labelsOf(a);
        if (this.rules.some((r) => matchesAll(r.sourceMatchers, l)))
          sources.push({ id: a.alertId, labels: l });
      }
    return {
      silencedBy: silencedBy(this.silences.list(), labels, this.now()),
      inhibitedBy: inhibitedBy(this.rules, sources, alert.alertId, labels),
    };
  }

  private labelsOf(alert: Alert): Labels {
    let l = this.labelCache.get(alert);
    if (!l) this.labelCache.set(alert, (l = alertLabels(alert)));
    return l;
  }

  /**
   * Whether an alert message is muted (silenced or inhibited) as it arrives: it is then not streamed.
   * A resolved message follows its firing message, as Alertmanager notifies a resolution only for an
   * alert it notified: a subscriber never gets the resolution of an alert it never saw fire, and
   * always gets the resolution of one it saw.
   */
  isMuted(alert: Alert): boolean {
    if (alert.status === 'resolved') return this.mutedFiring.delete(alert.alertId);
    const s = this.stateOf(alert);
    const muted = s.silencedBy.length > 0 || s.inhibitedBy.length > 0;
    if (muted) this.mutedFiring.add(alert.alertId);
    else this.mutedFiring.delete(alert.alertId);
    return muted;
  }
}
