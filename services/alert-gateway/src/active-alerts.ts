import type { Alert } from '@citybrain/domain';

/**
 * The alerts currently firing, keyed by alert id: a firing message adds or updates one, its resolved
 * message removes it. Replaying the alerts topic rebuilds the same set (messages are idempotent).
 */
export class ActiveAlerts {
  private readonly byId = new Map<string, Alert>();

  /** Applies an alert message; returns false for a duplicate of what is already known. */
  apply(alert: Alert): boolean {
    const current = this.byId.get(alert.alertId);
    if (alert.status === 'resolved') return this.byId.delete(alert.alertId);
    if (current && current.severity === alert.severity && current.value === alert.value) return false;
    this.byId.set(alert.alertId, alert);
    return true;
  }

  /** Firing alerts that pass `keep`, oldest first, then by id (a stable order for clients). */
  list(keep: (alert: Alert) => boolean = () => true): Alert[] {
    return [...this.byId.values()]
      .filter(keep)
      .sort((a, b) => a.startsAtMs - b.startsAtMs || a.alertId.localeCompare(b.alertId));
  }

  get size(): number {
    return this.byId.size;
  }
}
