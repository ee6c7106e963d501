import type { Alert, Severity } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { byFingerprint, refired, resolved, UNKNOWN_AREA_ID } from './alert-lifecycle';
import type { ComparisonOp, ThresholdRule } from './rule-set';
import { fillTemplate } from './template';
import { formatClockUtc8 } from './time-format';
import type { WindowBounds, WindowResult } from './window-result';

/** What a threshold rule remembers of one key (grid or area). JSON-serialisable. */
export interface ThresholdTrack {
  readonly key: string;
  /** Start of the first window of the current run of true windows; the alert's `startsAtMs`. */
  readonly pendingSinceMs: number;
  /** End of the first true window of the run: `for` is measured from it. */
  readonly firstTrueEndMs: number;
  /** End of the latest true window. */
  readonly lastTrueEndMs: number;
  /** End of the latest window evaluated (older results are outdated). */
  readonly lastWindowEndMs: number;
  /** The firing alert, or null while pending. */
  readonly alert: Alert | null;
}

/** State of a threshold rule: tracks by key, and the trailing values for a baseline. */
export interface ThresholdState {
  readonly tracks: readonly ThresholdTrack[];
  /** Key → [window start, value] of recent final windows (baseline rules only). */
  readonly history: readonly { readonly key: string; readonly values: readonly [number, number][] }[];
}

const holds = (op: ComparisonOp, value: number, threshold: number): boolean =>
  op === '>'
    ? value > threshold
    : op === '>='
      ? value >= threshold
      : op === '<'
        ? value < threshold
        : value <= threshold;

/**
 * A threshold rule over one measure's window results, with Prometheus semantics in event time:
 * a final window whose value holds the condition starts (or continues) a run; the alert fires once
 * the run has lasted `for` (from the first true window's end to the latest one's) and starts at
 * the run's first window start; escalation thresholds re-emit it with a higher severity (same id).
 * A false window ending at least `keep_firing_for` after the last true one resolves it, ending at
 * `lastTrueEnd + keep_firing_for`; so does no true window for `stale_after` (no data).
 * Session windows fire on early (updating) results and resolve when the session ends: when it is final,
 * or when the rules' watermark passes its end (plus `keep_firing_for`; sessions' default `stale_after`).
 * Windows with fewer than `min_count` events are no evidence either way.
 */
export class ThresholdEvaluator {
  private readonly tracks = new Map<string, ThresholdTrack>();
  private readonly history = new Map<string, Map<number, number>>();

  constructor(
    readonly rule: ThresholdRule,
    private readonly areaOf: (gridId: string) => string | undefined,
    state: ThresholdState = { tracks: [], history: [] },
  ) {
    for (const t of state.tracks) this.tracks.set(t.key, t);
    for (const h of state.history) this.history.set(h.key, new Map(h.values));
  }

  onWindows(results: readonly WindowResult<number>[]): Alert[] {
    const out: Alert[] = [];
    const session = this.rule.measure.window.kind === 'session';
    for (const r of results) {
      if (session) {
        if (r.final) out.push(...this.endSession(r));
        else {
          const a = this.evaluate(r);
          if (a !== undefined) out.push(a);
        }
      } else if (r.final) {
        const baseline = this.baselineOf(r);
        const a = this.evaluate(r, baseline);
        if (a !== undefined) out.push(a);
      }
    }
    return out;
  }

  /** Resolves alerts whose last true window is older than `stale_after`; forgets stale pending runs. */
  onWatermark(watermarkMs: number): Alert[] {
    const out: Alert[] = [];
    const { staleAfterMs, keepFiringForMs } = this.rule;
    for (const [key, t] of this.tracks) {
      if (watermarkMs <= t.lastTrueEndMs + staleAfterMs) continue;
      this.tracks.delete(key);
      if (t.alert !== null)
        out.push(this.resolve(t.alert, t.lastTrueEndMs + keepFiringForMs, t.alert.value, t.alert.threshold));
    }
    return byFingerprint(out);
  }

  active(): Alert[] {
    return byFingerprint([...this.tracks.values()].flatMap((t) => (t.alert ? [t.alert] : [])));
  }

  /** Resolves every firing alert at `endsAtMs` and forgets them (the rule was removed or changed). */
  resolveAll(endsAtMs: number): Alert[] {
    const out = this.active().map((a) => this.resolve(a, endsAtMs, a.value, a.threshold));
    this.tracks.clear();
    return out;
  }

  snapshot(): ThresholdState {
    const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      tracks: [...this.tracks.values()].sort(byKey),
      history: [...this.history]
        .map(([key, values]) => ({ key, values: [...values].sort((a, b) => a[0] - b[0]) }))
        .sort(byKey),
    };
  }

  /** Records a final window's value and returns the mean of the previous N windows (baseline rules). */
  private baselineOf(r: WindowResult<number>): number | undefined {
    const baseline = this.rule.condition.baseline;
    const w = this.rule.measure.window;
    if (baseline === undefined || w.kind !== 'tumbling') return undefined;
    let values = this.history.get(r.key);
    if (values === undefined) this.history.set(r.key, (values = new Map<number, number>()));
    const from = r.window.startMs - baseline.windows * w.sizeMs;
    let sum = 0;
    for (const [start, v] of values) {
      if (start < from) values.delete(start);
      else if (start < r.window.startMs) sum += v;
    }
    values.set(r.window.startMs, Number.isFinite(r.value) ? r.value : 0);
    return sum / baseline.windows;
  }

  private thresholdFor(areaId: string, baseline: number | undefined): number {
    const c = this.rule.condition;
    const base = Object.hasOwn(c.areaOverrides, areaId) ? c.areaOverrides[areaId]! : c.threshold;
    return c.baseline === undefined || baseline === undefined
      ? base
      : Math.max(base, c.baseline.factor * baseline);
  }

  private severityOf(value: number): Severity {
    let severity = this.rule.severity;
    for (const e of this.rule.escalate)
      if (holds(this.rule.condition.op, value, e.threshold)) severity = e.severity;
    return severity;
  }

  private areaOfKey(key: string): string {
    return this.rule.scope === 'area' ? key : (this.areaOf(key) ?? UNKNOWN_AREA_ID);
  }

  private evaluate(r: WindowResult<number>, baseline?: number): Alert | undefined {
    const key = r.key;
    const t = this.tracks.get(key);
    if (t !== undefined && r.final && r.window.endMs <= t.lastWindowEndMs) return undefined;
    if (r.count < this.rule.measure.minCount || !Number.isFinite(r.value)) return undefined;
    const areaId = this.areaOfKey(key);
    const threshold = this.thresholdFor(areaId, baseline);
    const w = r.window;
    if (holds(this.rule.condition.op, r.value, threshold)) {
      const continues = t !== undefined && w.startMs <= t.lastTrueEndMs;
      const pendingSinceMs = continues ? Math.min(t.pendingSinceMs, w.startMs) : w.startMs;
      const firstTrueEndMs = continues ? t.firstTrueEndMs : w.endMs;
      const candidate = this.alert(key, areaId, pendingSinceMs, r, threshold, baseline);
      let alert = continues ? t.alert : null;
      let message: Alert | undefined;
      if (alert !== null) {
        message = refired(alert, candidate);
        if (message !== undefined) alert = message;
      } else if (w.endMs - firstTrueEndMs >= this.rule.forMs) {
        alert = message = candidate;
      }
      this.tracks.set(key, {
        key,
        pendingSinceMs,
        firstTrueEndMs,
        lastTrueEndMs: Math.max(w.endMs, t?.lastTrueEndMs ?? w.endMs),
        lastWindowEndMs: Math.max(w.endMs, t?.lastWindowEndMs ?? w.endMs),
        alert,
      });
      return message;
    }
    if (t === undefined) return undefined;
    if (t.alert === null) {
      this.tracks.delete(key);
      return undefined;
    }
    if (w.endMs < t.lastTrueEndMs + this.rule.keepFiringForMs) {
      this.tracks.set(key, { ...t, lastWindowEndMs: Math.max(w.endMs, t.lastWindowEndMs) });
      return undefined;
    }
    this.tracks.delete(key);
    return this.resolve(t.alert, t.lastTrueEndMs + this.rule.keepFiringForMs, r.value, threshold, w);
  }

  /** A final session: the cluster is over; resolve at its end (it fired on early results). */
  private endSession(r: WindowResult<number>): Alert[] {
    const t = this.tracks.get(r.key);
    this.tracks.delete(r.key);
    if (t?.alert == null) return [];
    return [
      this.resolve(
        t.alert,
        t.lastTrueEndMs + this.rule.keepFiringForMs,
        r.value,
        t.alert.threshold,
        r.window,
      ),
    ];
  }

  private values(a: {
    key: string;
    areaId: string;
    value: number;
    threshold: number;
    window: WindowBounds;
    count: number;
    baseline: number | undefined;
  }): Record<string, string | number> {
    return {
      ...this.rule.labels,
      gridId: a.key,
      areaId: a.areaId,
      key: a.key,
      value: a.value,
      threshold: a.threshold,
      count: a.count,
      baseline: a.baseline ?? 0,
      windowStart: formatClockUtc8(a.window.startMs),
      windowEnd: formatClockUtc8(a.window.endMs),
    };
  }

  private alert(
    key: string,
    areaId: string,
    startsAtMs: number,
    r: WindowResult<number>,
    threshold: number,
    baseline: number | undefined,
  ): Alert {
    const rule = this.rule;
    const labelValues = Object.keys(rule.labels)
      .sort()
      .map((k) => rule.labels[k]!);
    const fingerprint = alertFingerprint(rule.name, key, ...labelValues);
    const window = { startMs: r.window.startMs, endMs: r.window.endMs };
    const v = this.values({ key, areaId, value: r.value, threshold, window, count: r.count, baseline });
    return {
      alertId: alertId(fingerprint, startsAtMs),
      fingerprint,
      rule: rule.name,
      kind: rule.kind,
      subCategory: rule.subCategory,
      gridId: key,
      areaId,
      severity: this.severityOf(r.value),
      status: 'firing',
      startsAtMs,
      value: r.value,
      threshold,
      window,
      summary: `${fillTemplate(rule.summary.zh, v)} / ${fillTemplate(rule.summary.en, v)}`,
      labels: { ...rule.labels, scope: rule.scope, areaId },
    };
  }

  private resolve(
    firing: Alert,
    endsAtMs: number,
    value: number,
    threshold: number,
    window: WindowBounds = firing.window,
  ): Alert {
    const v = this.values({
      key: firing.gridId,
      areaId: firing.areaId,
      value,
      threshold,
      window,
      count: 0,
      baseline: undefined,
    });
    const s = this.rule.resolvedSummary;
    return resolved(firing, endsAtMs, `${fillTemplate(s.zh, v)} / ${fillTemplate(s.en, v)}`);
  }
}
