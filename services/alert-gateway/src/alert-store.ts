import type { Alert } from '@citybrain/domain';

/** Orders alerts oldest first, then by id: the stable order of listings and page tokens. */
export function compareAlerts(a: Alert, b: Alert): number {
  return a.startsAtMs - b.startsAtMs || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0);
}

/**
 * The latest message of every alert, keyed by alert id: the firing ones and the last
 * `resolvedKept` resolved ones (the oldest resolved are forgotten first). Replaying the alerts
 * topic rebuilds the same store (messages are idempotent).
 */
export class AlertStore {
  private readonly byId = new Map<string, Alert>();
  /** Ids of resolved alerts in the order they resolved (a Map keeps insertion order). */
  private readonly resolved = new Map<string, true>();
  private firingCount = 0;

  constructor(private readonly resolvedKept = 10_000) {}

  /** Applies an alert message; returns false for a duplicate of what is already known. */
  apply(alert: Alert): boolean {
    const current = this.byId.get(alert.alertId);
    if (
      current &&
      current.status === alert.status &&
      current.severity === alert.severity &&
      current.value === alert.value
    )
      return false;
    if (current?.status === 'resolved' && alert.status === 'firing') return false; // stale, out of order
    if (current?.status === 'firing') this.firingCount--;
    this.byId.set(alert.alertId, alert);
    if (alert.status === 'firing') this.firingCount++;
    else {
      this.resolved.set(alert.alertId, true);
      if (this.resolved.size > this.resolvedKept) {
        const oldest = this.resolved.keys().next().value!;
        this.resolved.delete(oldest);
        this.byId.delete(oldest);
      }
    }
    return true;
  }

  /** The latest message of an alert, if known. */
  get(alertId: string): Alert | undefined {
    return this.byId.get(alertId);
  }

  /** Alerts (firing and resolved) that pass `keep`, in {@link compareAlerts} order. */
  list(keep: (alert: Alert) => boolean = () => true): Alert[] {
    return [...this.byId.values()].filter(keep).sort(compareAlerts);
  }

  /** Firing alerts, unordered. */
  *firing(): IterableIterator<Alert> {
    for (const a of this.byId.values()) if (a.status === 'firing') yield a;
  }

  /** Number of firing alerts. */
  get size(): number {
    return this.firingCount;
  }
}
