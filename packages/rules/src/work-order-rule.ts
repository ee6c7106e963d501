import type { Alert, CaseEvent, CaseStage, CaseUrgency, LocatedEvent, OpenCase } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { byFingerprint, refired, resolved } from './alert-lifecycle';
import type { ClosedId } from './closed-ids';
import { ClosedIds } from './closed-ids';
import { SubjectTracks, type SubjectEntry } from './subject-entries';
import type { WorkOrderDeadlines, WorkOrderRuleConfig } from './rule-set';
import { lifecycleSummary } from './template';
import { formatDateTimeUtc8, formatNumber } from './time-format';

/** The deadlines a work order can miss, each measured from its receipt. */
export type WorkOrderDeadline = 'dispatch' | 'accept' | 'close';
const DEADLINES: readonly WorkOrderDeadline[] = ['dispatch', 'accept', 'close'];

/** Progress order of the stages; `bounced` sends an order back to waiting for dispatch. */
const STAGE_RANK: Readonly<Record<Exclude<CaseStage, 'bounced'>, number>> = {
  received: 0,
  dispatched: 1,
  accepted: 2,
  handled: 3,
  verified: 4,
  closed: 5,
};
const STAGE_BY_RANK: readonly string[] = ['received', 'dispatched', 'accepted', 'handled', 'verified'];
/** The rank an order must reach to meet each deadline. */
const MEETS: Readonly<Record<WorkOrderDeadline, number>> = { dispatch: 1, accept: 2, close: 5 };
const NAMES: Readonly<Record<WorkOrderDeadline, { zh: string; en: string }>> = {
  dispatch: { zh: '派单', en: 'dispatched' },
  accept: { zh: '接单', en: 'accepted' },
  close: { zh: '结案', en: 'closed' },
};
const FIELD: Readonly<Record<WorkOrderDeadline, keyof WorkOrderDeadlines>> = {
  dispatch: 'dispatchMs',
  accept: 'acceptMs',
  close: 'closeMs',
};

/** What the rule tracks of one open work order; JSON-serialisable. */
export interface WorkOrderTrack {
  readonly caseId: string;
  readonly gridId: string;
  readonly areaId: string;
  readonly serviceCode: string;
  readonly urgency: CaseUrgency;
  /** Event time of receipt (受理); null until the `received` event is seen. */
  readonly receivedAtMs: number | null;
  /** Highest stage rank reached (0 received … 5 closed); a bounce resets it to 0. */
  readonly rank: number;
  /** Event time of the latest bounce: a deadline missed again after it fires anew from there. */
  readonly bouncedAtMs: number | null;
  /** Firing overdue alerts by deadline. */
  readonly alerts: Readonly<Partial<Record<WorkOrderDeadline, Alert>>>;
}

/** State of the work-order rule, for snapshots. */
export interface WorkOrderState {
  readonly orders: readonly WorkOrderTrack[];
  readonly closed: readonly ClosedId[];
}

/** A closed work order, for the closure KPIs. */
export interface WorkOrderClosure {
  readonly caseId: string;
  readonly gridId: string;
  readonly areaId: string;
  /** Closed no later than its close deadline (true when the receipt was never seen). */
  readonly onTime: boolean;
}

/**
 * Work orders on event time: received → dispatched → accepted (or bounced back) → handled → verified →
 * closed. Each of the dispatch, accept and close deadlines (per urgency, overridable per service
 * code, measured from receipt) fires an alert when the watermark passes it (strictly) while the
 * order has not reached that stage; the alert starts at the deadline and escalates (same id, higher
 * severity) once it has been overdue for `escalateAfterMs`; reaching the stage resolves it at that
 * event's time. An order closed before a deadline never alerts for it. Closed orders release their
 * state, remembering their id for `closedRetentionMs` so that late events cannot re-open them.
 */
export class WorkOrderRule {
  private readonly orders = new Map<string, WorkOrderTrack>();
  private readonly closed: ClosedIds;
  /** Writes to the orders, and what changed of them and of the closed ids, for the state store. */
  private readonly subjects: SubjectTracks<WorkOrderTrack>;

  constructor(
    readonly config: WorkOrderRuleConfig,
    state: WorkOrderState = { orders: [], closed: [] },
  ) {
    for (const o of state.orders) this.orders.set(o.caseId, o);
    this.closed = new ClosedIds(state.closed);
    this.subjects = new SubjectTracks(this.orders, this.closed);
  }

  /** The deadline of `which` for an order, ms after its receipt. */
  deadlineMs(serviceCode: string, urgency: CaseUrgency, which: WorkOrderDeadline): number {
    const field = FIELD[which];
    const override = Object.hasOwn(this.config.byServiceCode, serviceCode)
      ? this.config.byServiceCode[serviceCode]?.[urgency]?.[field]
      : undefined;
    return override ?? this.config.deadlines[urgency][field];
  }

  /** Moves an order's lifecycle; returns resolved alerts and, for a closing event, its closure. */
  onCase(event: LocatedEvent<CaseEvent>): { alerts: Alert[]; closure: WorkOrderClosure | undefined } {
    const none = { alerts: [], closure: undefined };
    if (this.closed.has(event.caseId, event.eventTimeMs, this.config.closedRetentionMs)) return none;
    const t = event.eventTimeMs;
    let track: WorkOrderTrack = this.orders.get(event.caseId) ?? {
      caseId: event.caseId,
      gridId: event.gridId,
      areaId: event.areaId,
      serviceCode: event.serviceCode,
      urgency: event.urgency,
      receivedAtMs: null,
      rank: -1,
      bouncedAtMs: null,
      alerts: {},
    };
    // Deadlines this order passed before the event fire first, whether or not the watermark got
    // there before the event did: the alerts are a function of event time, not of batching.
    const caught = this.overdue(track, t);
    track = caught.track;
    const alerts: Alert[] = caught.alerts;
    if (event.stage === 'received' && (track.receivedAtMs === null || t < track.receivedAtMs))
      track = { ...track, receivedAtMs: t, rank: Math.max(track.rank, 0) };
    if (event.stage === 'bounced') {
      // Back to the dispatcher, unless the work was already done.
      if (track.rank < STAGE_RANK.handled) track = { ...track, rank: 0, bouncedAtMs: t };
      this.put(track.caseId, track);
      return { alerts, closure: undefined };
    }
    const rank = STAGE_RANK[event.stage];
    if (rank > track.rank) {
      const firing = { ...track.alerts };
      for (const d of DEADLINES) {
        const a = firing[d];
        if (a !== undefined && rank >= MEETS[d]) {
          const receivedAtMs = track.receivedAtMs ?? a.window.startMs;
          alerts.push(
            resolved(
              a,
              t,
              `${track.gridId} 工单已${NAMES[d].zh} work order ${track.caseId} ${NAMES[d].en} (${formatDateTimeUtc8(t)})`,
              { value: minutesBetween(receivedAtMs, t), window: { startMs: receivedAtMs, endMs: t } },
            ),
          );
          delete firing[d];
        }
      }
      track = { ...track, rank, alerts: firing };
    }
    if (track.rank >= STAGE_RANK.closed) {
      this.remove(track.caseId);
      this.closed.add(track.caseId, t);
      const due =
        track.receivedAtMs === null
          ? Number.POSITIVE_INFINITY
          : track.receivedAtMs + this.deadlineMs(track.serviceCode, track.urgency, 'close');
      return {
        alerts,
        closure: { caseId: track.caseId, gridId: track.gridId, areaId: track.areaId, onTime: t <= due },
      };
    }
    this.put(track.caseId, track);
    return { alerts, closure: undefined };
  }

  /** Deadlines passed by the watermark fire; alerts overdue for `escalateAfterMs` escalate. */
  onWatermark(watermarkMs: number): Alert[] {
    this.closed.expire(watermarkMs, this.config.closedRetentionMs);
    const out: Alert[] = [];
    for (const track of this.orders.values()) {
      const next = this.overdue(track, watermarkMs);
      if (next.track !== track) this.put(track.caseId, next.track);
      out.push(...next.alerts);
    }
    return byFingerprint(out);
  }

  /**
   * The order's deadline breaches and escalations up to event time `atMs`, each emitted as of the
   * event-time instant it happened (the deadline; the deadline plus `escalateAfterMs`) with the values
   * of that instant, so a watermark that jumped past both emits both, as one that crawled would.
   */
  private overdue(track: WorkOrderTrack, atMs: number): { track: WorkOrderTrack; alerts: Alert[] } {
    if (track.receivedAtMs === null) return { track, alerts: [] };
    const out: Alert[] = [];
    let alerts = track.alerts;
    for (const d of DEADLINES) {
      if (track.rank >= MEETS[d]) continue;
      const limitMs = this.deadlineMs(track.serviceCode, track.urgency, d);
      const dueMs = Math.max(track.receivedAtMs + limitMs, track.bouncedAtMs ?? Number.NEGATIVE_INFINITY);
      const escalateAtMs = dueMs + this.config.escalateAfterMs;
      for (const [instantMs, escalated] of [
        [dueMs, false],
        [escalateAtMs, true],
      ] as const) {
        if (atMs <= instantMs) break;
        const current = alerts[d];
        // Already emitted: a message's window ends at the instant it reports.
        if (current !== undefined && current.window.endMs >= instantMs) continue;
        const candidate = this.alert(track, d, current?.startsAtMs ?? dueMs, limitMs, instantMs, escalated);
        const message = current === undefined ? candidate : refired(current, candidate);
        if (message === undefined) continue;
        out.push(message);
        alerts = { ...alerts, [d]: message };
      }
    }
    return { track: alerts === track.alerts ? track : { ...track, alerts }, alerts: out };
  }

  /** Open orders per grid, for the backlog gauge. */
  openByGrid(): Map<string, { areaId: string; count: number }> {
    const out = new Map<string, { areaId: string; count: number }>();
    for (const o of this.orders.values()) {
      const e = out.get(o.gridId);
      out.set(o.gridId, { areaId: o.areaId, count: (e?.count ?? 0) + 1 });
    }
    return out;
  }

  /**
   * The open orders' states. A state object is replaced whenever the order changes, so its identity
   * tells a reader (the case view's change tracker) whether to publish it again.
   */
  openTracks(): IterableIterator<WorkOrderTrack> {
    return this.orders.values();
  }

  /** An open order as the case view shows it: stage, receipt and its three deadlines. */
  openCase(track: WorkOrderTrack): OpenCase {
    const received = track.receivedAtMs;
    const stage =
      track.rank === 0 && track.bouncedAtMs !== null ? 'bounced' : (STAGE_BY_RANK[track.rank] ?? 'unknown');
    return {
      kind: 'work-order',
      caseId: track.caseId,
      gridId: track.gridId,
      areaId: track.areaId,
      stage,
      openedAtMs: received,
      title: track.serviceCode,
      urgency: track.urgency,
      // The same due instants as `overdue()` measures: from receipt, restarted by a bounce.
      deadlines:
        received === null
          ? []
          : DEADLINES.map((d) => ({
              name: d,
              dueMs: Math.max(
                received + this.deadlineMs(track.serviceCode, track.urgency, d),
                track.bouncedAtMs ?? Number.NEGATIVE_INFINITY,
              ),
              met: track.rank >= MEETS[d],
              overdue: track.alerts[d] !== undefined,
            })),
    };
  }

  active(): Alert[] {
    return byFingerprint([...this.orders.values()].flatMap((o) => Object.values(o.alerts)));
  }

  private put(id: string, track: WorkOrderTrack): void {
    this.subjects.put(id, track);
  }

  private remove(id: string): void {
    this.subjects.remove(id);
  }

  /**
   * Ids of the subjects whose {@link subjectEntry} changed since the previous call (or since
   * construction): opened, moved, closed or forgotten. A state store rewrites only those.
   */
  takeChangedSubjects(): Set<string> {
    return this.subjects.takeChanged();
  }

  /** Ids of every subject the state holds: open, or closed and remembered. */
  subjectIds(): Set<string> {
    return this.subjects.ids();
  }

  /** One subject's state (see {@link subjectEntries}), or undefined when the rule holds nothing of it. */
  subjectEntry(id: string): SubjectEntry<WorkOrderTrack> | undefined {
    return this.subjects.entry(id);
  }

  snapshot(): WorkOrderState {
    const orders = [...this.orders.values()].sort((a, b) =>
      a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0,
    );
    return { orders, closed: this.closed.entries() };
  }

  private alert(
    track: WorkOrderTrack,
    which: WorkOrderDeadline,
    startsAtMs: number,
    limitMs: number,
    atMs: number,
    escalated: boolean,
  ): Alert {
    const c = this.config;
    const fingerprint = alertFingerprint(c.name, track.gridId, track.caseId, which);
    const receivedAtMs = track.receivedAtMs ?? startsAtMs;
    const minutes = (atMs - receivedAtMs) / 60_000;
    const limitMinutes = limitMs / 60_000;
    const n = NAMES[which];
    const labels = {
      ...c.labels,
      caseId: track.caseId,
      deadline: which,
      serviceCode: track.serviceCode,
      urgency: track.urgency,
      scope: 'grid',
      areaId: track.areaId,
    };
    const value = minutesBetween(receivedAtMs, atMs);
    const summary =
      c.summary === undefined
        ? undefined
        : lifecycleSummary(c.summary, {
            gridId: track.gridId,
            areaId: track.areaId,
            value,
            threshold: limitMinutes,
            startsAtMs,
            labels: { ...labels, escalated: String(escalated) },
          });
    return {
      alertId: alertId(fingerprint, startsAtMs),
      fingerprint,
      rule: c.name,
      kind: c.kind,
      subCategory: c.subCategory,
      gridId: track.gridId,
      areaId: track.areaId,
      severity: escalated ? c.escalatedSeverity : c.severity,
      status: 'firing',
      startsAtMs,
      value,
      threshold: limitMinutes,
      window: { startMs: receivedAtMs, endMs: atMs },
      evidence: {
        measure: `minutes from receipt until ${n.en}`,
        windowKind: 'deadline',
        window: { startMs: receivedAtMs, endMs: atMs },
        aggregates: { minutesSinceReceipt: value },
        count: 1,
        comparison: '>=',
        threshold: limitMinutes,
        forMs: 0,
        records: [],
      },
      summary:
        summary ??
        `${track.gridId} 工单超时未${n.zh}${escalated ? '（已升级）' : ''}：${track.caseId}（${track.serviceCode}，${track.urgency === 'urgent' ? '紧急' : '一般'}）受理 ${formatNumber(minutes)} 分钟，时限 ${formatNumber(limitMinutes)} 分钟` +
          ` / work order ${track.caseId} (${track.serviceCode}, ${track.urgency}) not ${n.en} ${formatNumber(minutes)} min after receipt, limit ${formatNumber(limitMinutes)} min${escalated ? ' (escalated)' : ''}`,
      labels,
    };
  }
}

/** Minutes from `fromMs` to `toMs`, to 2 decimals (an alert's value). */
function minutesBetween(fromMs: number, toMs: number): number {
  return Number(((toMs - fromMs) / 60_000).toFixed(2));
}
