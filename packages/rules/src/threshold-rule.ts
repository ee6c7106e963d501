import type { Alert, AlertEvidence, RecordRef, Severity } from '@citybrain/domain';
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
 * Windows with fewer than `min_count` events are no evidence either way. A resolved message carries
 * the values that resolved it (the quiet window's value, count and bounds); a stale one, the last
 * firing values.
 *
 * Session windows are decided on early (updating) results and on the final one alike, so the alerts
 * do not depend on how the input was cut into batches: a session fires as soon as a result of it holds
 * the condition — an early one, or the final one when the session opened and closed inside one batch
 * — re-emits its firing message (same id) whenever its value, severity or bounds change, and resolves
 * with its final result, ending at the session's end (plus `keep_firing_for`). Each firing session is
 * tracked by itself, so a grid's next session can open before the previous one is final. The rule file
 * guarantees the condition only becomes truer as a session grows (see `parseRuleSet`).
 */
export class ThresholdEvaluator {
  private readonly tracks = new Map<string, ThresholdTrack>();
  /** Session rules: the firing sessions of each key, `[pendingSinceMs, lastWindowEndMs)` each. */
  private readonly sessions = new Map<string, ThresholdTrack[]>();
  private readonly history = new Map<string, Map<number, number>>();
  private readonly session: boolean;
  /** Whether the state changed since the last {@link takeChanged} (for the state store). */
  private changed = false;

  constructor(
    readonly rule: ThresholdRule,
    private readonly areaOf: (gridId: string) => string | undefined,
    state: ThresholdState = { tracks: [], history: [] },
  ) {
    this.session = rule.measure.window.kind === 'session';
    for (const t of state.tracks) {
      if (!this.session) this.tracks.set(t.key, t);
      else if (t.alert !== null) this.sessions.set(t.key, [...(this.sessions.get(t.key) ?? []), t]);
    }
    for (const h of state.history) this.history.set(h.key, new Map(h.values));
  }

  onWindows(results: readonly WindowResult<number>[]): Alert[] {
    const out: Alert[] = [];
    for (const r of results) {
      if (this.session) out.push(...this.onSession(r));
      else if (r.final) {
        out.push(...this.expireStale(r));
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
      this.changed = true;
      if (t.alert !== null) out.push(this.resolve(t.alert, t.lastTrueEndMs + keepFiringForMs));
    }
    return byFingerprint(out);
  }

  /**
   * A final window that ends past a track's staleness point shows the gap in the data itself: the
   * track expires first, with the same message the watermark would have given it (a watermark that
   * jumped past both in one batch reaches the window before the timer).
   */
  private expireStale(r: WindowResult<number>): Alert[] {
    const t = this.tracks.get(r.key);
    if (t === undefined || r.window.endMs <= t.lastWindowEndMs) return [];
    if (r.window.endMs <= t.lastTrueEndMs + this.rule.staleAfterMs) return [];
    this.tracks.delete(r.key);
    this.changed = true;
    return t.alert === null ? [] : [this.resolve(t.alert, t.lastTrueEndMs + this.rule.keepFiringForMs)];
  }

  private allTracks(): ThresholdTrack[] {
    return [...this.tracks.values(), ...[...this.sessions.values()].flat()];
  }

  active(): Alert[] {
    return byFingerprint(this.allTracks().flatMap((t) => (t.alert ? [t.alert] : [])));
  }

  /** Resolves every firing alert at `endsAtMs` and forgets them (the rule was removed or changed). */
  resolveAll(endsAtMs: number): Alert[] {
    const out = this.active().map((a) => this.resolve(a, endsAtMs));
    this.tracks.clear();
    this.sessions.clear();
    this.changed = true;
    return out;
  }

  /**
   * Whether the state ({@link snapshot}) changed since the previous call (or since construction), so
   * a state store rewrites it only then: most final windows of most keys hold no condition and
   * change nothing.
   */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  snapshot(): ThresholdState {
    const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      tracks: this.allTracks().sort(byKey),
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
    this.changed = true;
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
      const candidate = this.alert(key, areaId, pendingSinceMs, r, threshold, baseline, firstTrueEndMs);
      let alert = continues ? t.alert : null;
      let message: Alert | undefined;
      if (alert !== null) {
        message = refired(alert, candidate);
        if (message !== undefined) alert = message;
      } else if (w.endMs - firstTrueEndMs >= this.rule.forMs) {
        alert = message = candidate;
      }
      this.changed = true;
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
    this.changed = true;
    if (t.alert === null) {
      this.tracks.delete(key);
      return undefined;
    }
    if (w.endMs < t.lastTrueEndMs + this.rule.keepFiringForMs) {
      this.tracks.set(key, { ...t, lastWindowEndMs: Math.max(w.endMs, t.lastWindowEndMs) });
      return undefined;
    }
    this.tracks.delete(key);
    return this.resolve(t.alert, t.lastTrueEndMs + this.rule.keepFiringForMs, {
      value: r.value,
      threshold,
      window: w,
      count: r.count,
      baseline,
      records: r.records ?? [],
    });
  }

  /**
   * One result of a session, early or final. The result describes the whole session as it stands, so
   * it supersedes every tracked session inside its bounds (one, or several that an event merged).
   */
  private onSession(r: WindowResult<number>): Alert[] {
    const out: Alert[] = [];
    const w = r.window;
    const mine = this.sessions.get(r.key) ?? [];
    const covered = mine.filter((t) => t.pendingSinceMs < w.endMs && w.startMs < t.lastWindowEndMs);
    const others = mine.filter((t) => !covered.includes(t));
    covered.sort((a, b) => a.pendingSinceMs - b.pendingSinceMs);
    // A merge keeps the earliest firing; a later one that fired too ends where its session ended.
    for (const t of covered.slice(1))
      if (t.alert !== null) out.push(this.resolve(t.alert, t.lastTrueEndMs + this.rule.keepFiringForMs));
    const kept = covered[0];
    let alert = kept?.alert ?? null;
    const areaId = this.areaOfKey(r.key);
    const threshold = this.thresholdFor(areaId, undefined);
    const holdsNow =
      r.count >= this.rule.measure.minCount &&
      Number.isFinite(r.value) &&
      holds(this.rule.condition.op, r.value, threshold);
    if (holdsNow) {
      const candidate = this.alert(r.key, areaId, alert?.startsAtMs ?? w.startMs, r, threshold, undefined);
      const next = alert === null ? candidate : { ...candidate, alertId: alert.alertId };
      if (alert === null || changed(alert, next)) out.push((alert = next));
    }
    const lastTrueEndMs = holdsNow ? w.endMs : (kept?.lastTrueEndMs ?? w.endMs);
    if (alert !== null && r.final) {
      out.push(
        this.resolve(alert, lastTrueEndMs + this.rule.keepFiringForMs, {
          value: r.value,
          threshold,
          window: w,
          count: r.count,
          baseline: undefined,
          records: r.records ?? [],
        }),
      );
    } else if (alert !== null) {
      others.push({
        key: r.key,
        pendingSinceMs: w.startMs,
        firstTrueEndMs: kept?.firstTrueEndMs ?? w.endMs,
        lastTrueEndMs,
        lastWindowEndMs: w.endMs,
        alert,
      });
    }
    // Nothing tracked before or after: the result changed nothing here.
    if (mine.length > 0 || others.length > 0) this.changed = true;
    if (others.length === 0) this.sessions.delete(r.key);
    else this.sessions.set(r.key, others);
    return out;
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
    firstTrueEndMs?: number,
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
      evidence: {
        ...this.evidenceOf({
          value: r.value,
          threshold,
          window,
          count: r.count,
          baseline,
          records: r.records ?? [],
        }),
        pendingSinceMs: startsAtMs,
        // A session's first true result depends on where batches cut it: only windows have one.
        ...(firstTrueEndMs === undefined || this.session ? {} : { firstTrueEndMs }),
      },
    };
  }

  /** The evidence of a decision on one window result, with the window's input records (bounded). */
  private evidenceOf(r: Resolution): AlertEvidence {
    const m = this.rule.measure;
    const aggregates: Record<string, number> = { value: r.value, count: r.count };
    if (r.baseline !== undefined) aggregates['baseline'] = r.baseline;
    return {
      measure: describeMeasure(this.rule),
      windowKind: m.window.kind,
      window: { startMs: r.window.startMs, endMs: r.window.endMs },
      aggregates,
      count: r.count,
      comparison: this.rule.condition.op,
      threshold: r.threshold,
      forMs: this.rule.forMs,
      records: r.records,
    };
  }

  /**
   * The resolved message of `firing`, carrying the values that resolved it (`by`: the quiet window,
   * or the session's final result); without them (staleness, a removed rule), the last firing values.
   */
  private resolve(firing: Alert, endsAtMs: number, by?: Resolution): Alert {
    const values = by ?? {
      value: firing.value,
      threshold: firing.threshold,
      window: firing.window,
      count: 0,
      baseline: undefined,
      records: [],
    };
    const v = this.values({ key: firing.gridId, areaId: firing.areaId, ...values });
    const s = this.rule.resolvedSummary;
    const message = resolved(firing, endsAtMs, `${fillTemplate(s.zh, v)} / ${fillTemplate(s.en, v)}`, by);
    return by === undefined ? message : { ...message, evidence: this.evidenceOf(by) };
  }
}

/** A threshold rule's measure in words: `mean(averageVehicleSpeedKmh) weighted by intensity of traffic where roadClass=arterial, per grid`. */
export function describeMeasure(rule: ThresholdRule): string {
  const m = rule.measure;
  const a = m.aggregation;
  const fn =
    a.fn === 'count'
      ? 'count'
      : a.fn === 'mean'
        ? `mean(${a.field})${a.weightField === undefined ? '' : ` weighted by ${a.weightField}`}`
        : `${a.fn}(${a.field})`;
  const filter = Object.entries(m.filter)
    .map(([k, v]) => `${k}=${v.join('|')}`)
    .join(', ');
  const w = m.window;
  const window =
    w.kind === 'session'
      ? `sessions with gaps < ${w.gapMs / 1000} s`
      : w.kind === 'hopping'
        ? `${w.sizeMs / 1000} s windows every ${w.advanceMs / 1000} s`
        : `${w.sizeMs / 1000} s windows`;
  return `${fn} of ${m.stream}${filter === '' ? '' : ` where ${filter}`}, per ${rule.scope}, ${window}${m.minCount > 1 ? `, at least ${m.minCount} events` : ''}`;
}

/** The values a window result resolved an alert with. */
interface Resolution {
  readonly value: number;
  readonly threshold: number;
  readonly window: WindowBounds;
  readonly count: number;
  readonly baseline: number | undefined;
  /** Input records of the window (bounded). */
  readonly records: readonly RecordRef[];
}

/** Whether a session's firing message says something new (value, severity, bounds, threshold). */
function changed(a: Alert, b: Alert): boolean {
  return (
    a.value !== b.value ||
    a.severity !== b.severity ||
    a.threshold !== b.threshold ||
    a.window.startMs !== b.window.startMs ||
    a.window.endMs !== b.window.endMs
  );
}
