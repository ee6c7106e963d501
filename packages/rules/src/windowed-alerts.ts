import type { Alert } from '@citybrain/domain';
import { byFingerprint, refired, resolved } from './alert-lifecycle';
import type { WindowBounds } from './window-result';

/** A firing window alert and the end of the latest window that kept it firing, epoch ms. */
export interface WindowedAlertEntry {
  readonly alert: Alert;
  readonly lastFiringWindowEndMs: number;
}

/**
 * Firing alerts of a window rule (congestion, case spike), by fingerprint: fire, escalate, resolve
 * by a quiet window, and resolve by staleness when no firing window arrives for a while.
 */
export class WindowedAlerts {
  private readonly entries = new Map<string, WindowedAlertEntry>();

  constructor(entries: readonly WindowedAlertEntry[] = []) {
    for (const e of entries) this.entries.set(e.alert.fingerprint, e);
  }

  /**
   * Whether `window` ends no later than the latest firing window of `fingerprint`: a late or repeated
   * result that must not fire nor resolve what newer data decided.
   */
  isOutdated(fingerprint: string, window: WindowBounds): boolean {
    const entry = this.entries.get(fingerprint);
    return entry !== undefined && window.endMs <= entry.lastFiringWindowEndMs;
  }

  /**
   * Records a firing window. Returns the message to publish: the new alert, or the re-emitted alert
   * when its severity changed; undefined while it keeps firing unchanged.
   */
  fire(candidate: Alert, window: WindowBounds): Alert | undefined {
    const entry = this.entries.get(candidate.fingerprint);
    if (entry === undefined) {
      this.entries.set(candidate.fingerprint, { alert: candidate, lastFiringWindowEndMs: window.endMs });
      return candidate;
    }
    const next = refired(entry.alert, candidate);
    this.entries.set(candidate.fingerprint, {
      alert: next ?? entry.alert,
      lastFiringWindowEndMs: window.endMs,
    });
    return next;
  }

  /** Resolves `fingerprint` if it fires; the summary is built from the firing alert. */
  resolve(fingerprint: string, endsAtMs: number, summary: (firing: Alert) => string): Alert | undefined {
    const entry = this.entries.get(fingerprint);
    if (entry === undefined) return undefined;
    this.entries.delete(fingerprint);
    return resolved(entry.alert, endsAtMs, summary(entry.alert));
  }

  /**
   * Resolves every alert whose latest firing window ended more than `staleAfterMs` before
   * `watermarkMs`; `endsAtMs` is that window's end, the last moment the condition was seen.
   */
  expire(
    watermarkMs: number,
    staleAfterMs: number,
    summary: (firing: Alert, lastFiringWindowEndMs: number) => string,
  ): Alert[] {
    const out: Alert[] = [];
    for (const [fingerprint, entry] of this.entries) {
      if (watermarkMs > entry.lastFiringWindowEndMs + staleAfterMs) {
        this.entries.delete(fingerprint);
        out.push(
          resolved(
            entry.alert,
            entry.lastFiringWindowEndMs,
            summary(entry.alert, entry.lastFiringWindowEndMs),
          ),
        );
      }
    }
    return byFingerprint(out);
  }

  /** The firing alerts, by fingerprint. */
  active(): Alert[] {
    return byFingerprint([...this.entries.values()].map((e) => e.alert));
  }

  /** The entries, by fingerprint, for snapshots. */
  snapshot(): WindowedAlertEntry[] {
    return [...this.entries.values()].sort((a, b) =>
      a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0,
    );
  }
}
