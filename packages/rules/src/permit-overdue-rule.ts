import type { Alert, LocatedEvent, OpenCase, PermitEvent, PermitStage } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { byFingerprint, resolved } from './alert-lifecycle';
import type { ClosedId } from './closed-ids';
import { ClosedIds } from './closed-ids';
import { SubjectTracks, type SubjectEntry } from './subject-entries';
import { RULE_NAMES } from './rule-names';
import type { PermitRuleConfig } from './rule-set';
import { formatDateTimeUtc8, formatNumber } from './time-format';

const RULE = RULE_NAMES.permitOverdue;

/**
 * What {@link PermitOverdueRule} reads of its rule's configuration: the per-stage and the
 * filing → permit deadlines, and how long a finished permit's id is kept, all ms of event time.
 */
export type PermitOverdueSettings = Pick<
  PermitRuleConfig,
  'stageDeadlineMs' | 'overallDeadlineMs' | 'closedRetentionMs'
>;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The stages a permit waits in; `permitIssued` and `rejected` are terminal. */
export type OpenPermitStage = Extract<PermitStage, 'filed' | 'review'>;

/** Order of the stages; both terminal stages come last. */
const STAGE_RANK: Readonly<Record<PermitStage, number>> = {
  filed: 0,
  review: 1,
  permitIssued: 2,
  rejected: 2,
};

const STAGE_NAMES: Readonly<Record<PermitStage, string>> = {
  filed: '赋码备案 filed',
  review: '审批 review',
  permitIssued: '施工许可证已发 permit issued',
  rejected: '已驳回 rejected',
};

/** What the rule tracks of one open permit; JSON-serialisable. */
export interface PermitTrack {
  readonly permitId: string;
  readonly projectName: string;
  /** Grid and area of the first event seen: they make the fingerprints, which must stay stable. */
  readonly gridId: string;
  readonly areaId: string;
  readonly stage: OpenPermitStage;
  /** Event time the current stage was entered, epoch ms. */
  readonly stageEnteredAtMs: number;
  /** Event time of filing, epoch ms; null when the first event seen was a later stage. */
  readonly filedAtMs: number | null;
  /** The firing overdue alert of the current stage, if any. */
  readonly stageAlert: Alert | null;
  /** The firing overall (filing → permit) alert, if any. */
  readonly overallAlert: Alert | null;
}

/** State of the `permit-overdue` rule, for snapshots. */
export interface PermitOverdueState {
  /** Open permits, by permit id. */
  readonly permits: readonly PermitTrack[];
  /** Permits that reached a terminal stage recently. */
  readonly closed: readonly ClosedId[];
}

const days = (ms: number): number => Number((ms / DAY_MS).toFixed(2));

/**
 * `permit-overdue`: a permit that stays in `filed` or `review` longer than `stageDeadlineMs` fires
 * when the watermark passes (strictly) `stageEnteredAtMs + stageDeadlineMs`; the alert starts at that
 * deadline. Reaching a later stage resolves it at that event's time. Separately, a permit not issued
 * (or rejected) `overallDeadlineMs` after filing fires an `overall` alert, resolved by the terminal
 * event. Out-of-order events: an event whose stage is not after the current stage (a late `filed`
 * after `review`, a repeated stage) is ignored; a forward event always advances, and never moves
 * `stageEnteredAtMs` backwards. Terminal permits release their state, keeping only their id for
 * `closedRetentionMs` so a late stage event cannot resurrect them. A permit first seen in `review`
 * has no known filing time, hence no overall alert until a late `filed` event supplies it.
 */
export class PermitOverdueRule {
  private readonly permits = new Map<string, PermitTrack>();
  private readonly closed: ClosedIds;
  /** Writes to the permits, and what changed of them and of the closed ids, for the state store. */
  private readonly subjects: SubjectTracks<PermitTrack>;

  constructor(
    private readonly config: PermitOverdueSettings,
    state: PermitOverdueState = { permits: [], closed: [] },
  ) {
    for (const p of state.permits) this.permits.set(p.permitId, p);
    this.closed = new ClosedIds(state.closed);
    this.subjects = new SubjectTracks(this.permits, this.closed);
  }

  onPermit(event: LocatedEvent<PermitEvent>): Alert[] {
    const { permitId, stage, eventTimeMs } = event;
    if (this.closed.has(permitId, eventTimeMs, this.config.closedRetentionMs)) return [];
    const track = this.permits.get(permitId);
    const terminal = stage === 'permitIssued' || stage === 'rejected';
    if (track === undefined) {
      if (terminal) {
        this.closed.add(permitId, eventTimeMs);
      } else {
        this.put(permitId, {
          permitId,
          projectName: event.projectName,
          gridId: event.gridId,
          areaId: event.areaId,
          stage,
          stageEnteredAtMs: eventTimeMs,
          filedAtMs: stage === 'filed' ? eventTimeMs : null,
          stageAlert: null,
          overallAlert: null,
        });
      }
      return [];
    }
    if (STAGE_RANK[stage] <= STAGE_RANK[track.stage]) {
      // A late `filed` still tells when the overall commitment started, if nothing else did.
      if (stage === 'filed' && track.filedAtMs === null)
        this.put(permitId, { ...track, filedAtMs: eventTimeMs });
      return [];
    }

    const out: Alert[] = [];
    const at = formatDateTimeUtc8(eventTimeMs);
    const advanced = `${track.gridId} 审批已推进 permit ${permitId} advanced to ${STAGE_NAMES[stage]} (${at})`;
    // A deadline that passed before the watermark got there (history replayed in a burst) still
    // counts: the breach fires at its deadline and resolves at this event, as a replay in real time would.
    const stageAlert = track.stageAlert ?? this.overdueStage(track, eventTimeMs) ?? null;
    if (stageAlert !== null && track.stageAlert === null) out.push(stageAlert);
    if (stageAlert !== null)
      out.push(
        resolved(stageAlert, eventTimeMs, advanced, {
          value: days(eventTimeMs - track.stageEnteredAtMs),
          window: { startMs: track.stageEnteredAtMs, endMs: eventTimeMs },
        }),
      );
    if (terminal) {
      const overallAlert = track.overallAlert ?? this.overdueOverall(track, eventTimeMs) ?? null;
      if (overallAlert !== null && track.overallAlert === null) out.push(overallAlert);
      if (overallAlert !== null)
        out.push(
          resolved(overallAlert, eventTimeMs, advanced, {
            value: days(eventTimeMs - overallAlert.window.startMs),
            window: { startMs: overallAlert.window.startMs, endMs: eventTimeMs },
          }),
        );
      this.remove(permitId);
      this.closed.add(permitId, eventTimeMs);
    } else {
      this.put(permitId, {
        ...track,
        stage,
        stageEnteredAtMs: Math.max(eventTimeMs, track.stageEnteredAtMs),
        stageAlert: null,
      });
    }
    return out;
  }

  /** Event time a still-open permit was filed, if known (for lead-time KPIs). */
  filedAtOf(permitId: string): number | undefined {
    return this.permits.get(permitId)?.filedAtMs ?? undefined;
  }

  /**
   * The open permits' states. A state object is replaced whenever the permit changes, so its
   * identity tells a reader (the case view's change tracker) whether to publish it again.
   */
  openTracks(): IterableIterator<PermitTrack> {
    return this.permits.values();
  }

  /** An open permit as the case view shows it: its stage deadline and the filing → permit commitment. */
  openCase(track: PermitTrack): OpenCase {
    const deadlines = [
      {
        name: 'stage',
        dueMs: track.stageEnteredAtMs + this.config.stageDeadlineMs,
        met: false,
        overdue: track.stageAlert !== null,
      },
    ];
    if (track.filedAtMs !== null)
      deadlines.push({
        name: 'permit',
        dueMs: track.filedAtMs + this.config.overallDeadlineMs,
        met: false,
        overdue: track.overallAlert !== null,
      });
    return {
      kind: 'permit',
      caseId: track.permitId,
      gridId: track.gridId,
      areaId: track.areaId,
      stage: track.stage,
      openedAtMs: track.filedAtMs,
      title: track.projectName,
      urgency: '',
      deadlines,
    };
  }

  onWatermark(watermarkMs: number): Alert[] {
    this.closed.expire(watermarkMs, this.config.closedRetentionMs);
    const out: Alert[] = [];
    for (const track of this.permits.values()) {
      let next = track;
      const stageAlert = this.overdueStage(track, watermarkMs);
      if (stageAlert) {
        next = { ...next, stageAlert };
        out.push(stageAlert);
      }
      const overallAlert = this.overdueOverall(track, watermarkMs);
      if (overallAlert) {
        next = { ...next, overallAlert };
        out.push(overallAlert);
      }
      if (next !== track) this.put(track.permitId, next);
    }
    return byFingerprint(out);
  }

  /**
   * The stage alert a permit deserves at event time `atMs`, unless it has one or is not overdue. Its
   * values are those of the deadline instant, not of `atMs`, so they do not depend on how far the
   * watermark happened to jump past it.
   */
  private overdueStage(track: PermitTrack, atMs: number): Alert | undefined {
    const stageDeadlineAtMs = track.stageEnteredAtMs + this.config.stageDeadlineMs;
    if (track.stageAlert !== null || atMs <= stageDeadlineAtMs) return undefined;
    const inStageDays = days(stageDeadlineAtMs - track.stageEnteredAtMs);
    const deadlineDays = days(this.config.stageDeadlineMs);
    return this.alert(track, track.stage, stageDeadlineAtMs, stageDeadlineAtMs, {
      value: inStageDays,
      threshold: deadlineDays,
      startMs: track.stageEnteredAtMs,
      summary:
        `${track.gridId} 审批超时 permit overdue ${track.permitId} (${track.projectName}) in ${STAGE_NAMES[track.stage]}: ` +
        `past the ${formatNumber(deadlineDays)}-day deadline (in it since ${formatDateTimeUtc8(track.stageEnteredAtMs)})`,
    });
  }

  /** The overall-commitment alert a permit deserves at event time `atMs`, if any (values as above). */
  private overdueOverall(track: PermitTrack, atMs: number): Alert | undefined {
    if (track.filedAtMs === null || track.overallAlert !== null) return undefined;
    const overallDeadlineAtMs = track.filedAtMs + this.config.overallDeadlineMs;
    if (atMs <= overallDeadlineAtMs) return undefined;
    const sinceFilingDays = days(overallDeadlineAtMs - track.filedAtMs);
    const deadlineDays = days(this.config.overallDeadlineMs);
    return this.alert(track, 'overall', overallDeadlineAtMs, overallDeadlineAtMs, {
      value: sinceFilingDays,
      threshold: deadlineDays,
      startMs: track.filedAtMs,
      summary:
        `${track.gridId} 审批承诺超时 permit commitment overdue ${track.permitId} (${track.projectName}): ` +
        `past the ${formatNumber(deadlineDays)}-day commitment (filed ${formatDateTimeUtc8(track.filedAtMs)})`,
    });
  }

  private alert(
    track: PermitTrack,
    subject: OpenPermitStage | 'overall',
    startsAtMs: number,
    atMs: number,
    details: { value: number; threshold: number; startMs: number; summary: string },
  ): Alert {
    const fingerprint = alertFingerprint(RULE, track.gridId, track.permitId, subject);
    return {
      alertId: alertId(fingerprint, startsAtMs),
      fingerprint,
      rule: RULE,
      kind: 'governmentService',
      subCategory: 'permitOverdue',
      gridId: track.gridId,
      areaId: track.areaId,
      severity: 'medium',
      status: 'firing',
      startsAtMs,
      value: details.value,
      threshold: details.threshold,
      window: { startMs: details.startMs, endMs: atMs },
      evidence: {
        measure:
          subject === 'overall'
            ? 'days from filing until the construction permit'
            : `days in stage ${subject}`,
        windowKind: 'deadline',
        window: { startMs: details.startMs, endMs: atMs },
        aggregates: { days: details.value },
        count: 1,
        comparison: '>=',
        threshold: details.threshold,
        forMs: 0,
        records: [],
      },
      summary: details.summary,
      labels: { permitId: track.permitId, stage: subject, projectName: track.projectName },
    };
  }

  active(): Alert[] {
    const alerts: Alert[] = [];
    for (const track of this.permits.values()) {
      if (track.stageAlert !== null) alerts.push(track.stageAlert);
      if (track.overallAlert !== null) alerts.push(track.overallAlert);
    }
    return byFingerprint(alerts);
  }

  private put(id: string, track: PermitTrack): void {
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
  subjectEntry(id: string): SubjectEntry<PermitTrack> | undefined {
    return this.subjects.entry(id);
  }

  snapshot(): PermitOverdueState {
    const permits = [...this.permits.values()].sort((a, b) =>
      a.permitId < b.permitId ? -1 : a.permitId > b.permitId ? 1 : 0,
    );
    return { permits, closed: this.closed.entries() };
  }
}
