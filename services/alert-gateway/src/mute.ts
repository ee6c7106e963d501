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

  /** Whether an alert is muted now (silenced or inhibited): it is then not streamed. */
  isMuted(alert: Alert): boolean {
    const s = this.stateOf(alert);
    return s.silencedBy.length > 0 || s.inhibitedBy.length > 0;
  }
}
