import type { Alert, LocatedEvent, TrafficIncident } from '@citybrain/domain';
import { alertFingerprint, alertId } from './alert-identity';
import { byFingerprint, refired, resolved } from './alert-lifecycle';
import type { ClosedId } from './closed-ids';
import { ClosedIds } from './closed-ids';
import { RULE_NAMES } from './rule-names';
import type { SeriousAccidentRuleConfig } from './rule-set';
import { formatClockUtc8 } from './time-format';

const RULE = RULE_NAMES.seriousAccident;

/**
 * What {@link SeriousAccidentRule} reads of its rule's configuration: the vehicle count that makes an
 * accident without casualties serious, and how long (ms of event time) a closed incident id is kept.
 */
export type SeriousAccidentSettings = Pick<SeriousAccidentRuleConfig, 'minVehicles' | 'closedRetentionMs'>;

/** State of the `serious-accident` rule, for snapshots. */
export interface SeriousAccidentState {
  /** Firing alerts with their incident ids, by fingerprint. */
  readonly firing: readonly { readonly incidentId: string; readonly alert: Alert }[];
  /** Incidents solved or archived recently. */
  readonly closed: readonly ClosedId[];
}

/**
 * `serious-accident`: an ongoing accident with a casualty or at least `minVehicles` vehicles fires at
 * once (critical with a death, else high); an update of the same incident that changes the severity
 * re-emits it, other updates do not. A `solved` or `archived` update resolves it at its event time,
 * and the incident id is then remembered for `closedRetentionMs` so a late `onGoing` cannot re-open it.
 * An `onGoing` update with lower counts (a correction) does not resolve: only closing the incident does.
 */
export class SeriousAccidentRule {
  /** Firing alerts by incident id. */
  private readonly firing = new Map<string, Alert>();
  private readonly closed: ClosedIds;
  /** Whether the state changed since the last {@link takeChanged} (for the state store). */
  private changed = false;

  constructor(
    private readonly config: SeriousAccidentSettings,
    state: SeriousAccidentState = { firing: [], closed: [] },
  ) {
    for (const { incidentId, alert } of state.firing) this.firing.set(incidentId, alert);
    this.closed = new ClosedIds(state.closed);
  }

  onIncident(incident: LocatedEvent<TrafficIncident>): Alert | undefined {
    if (
      incident.incidentType !== 'accident' ||
      this.closed.has(incident.incidentId, incident.eventTimeMs, this.config.closedRetentionMs)
    )
      return undefined;
    const current = this.firing.get(incident.incidentId);
    if (incident.status !== 'onGoing') {
      this.closed.add(incident.incidentId, incident.eventTimeMs);
      if (current === undefined) return undefined;
      this.firing.delete(incident.incidentId);
      this.changed = true;
      return resolved(
        current,
        incident.eventTimeMs,
        `${current.gridId} 事故已${incident.status === 'solved' ? '处理' : '归档'} accident ${incident.status} ${incident.incidentId} (${formatClockUtc8(incident.eventTimeMs)})`,
      );
    }
    const { injured, dead, vehiclesInvolved } = incident;
    if (injured < 1 && dead < 1 && vehiclesInvolved < this.config.minVehicles) return undefined;
    const fingerprint = alertFingerprint(RULE, current?.gridId ?? incident.gridId, incident.incidentId);
    const candidate: Alert = {
      alertId: alertId(fingerprint, incident.eventTimeMs),
      fingerprint,
      rule: RULE,
      kind: 'traffic',
      subCategory: 'carAccident',
      gridId: current?.gridId ?? incident.gridId,
      areaId: current?.areaId ?? incident.areaId,
      severity: dead >= 1 ? 'critical' : 'high',
      status: 'firing',
      startsAtMs: incident.eventTimeMs,
      value: injured + dead,
      threshold: 1,
      window: { startMs: incident.eventTimeMs, endMs: incident.eventTimeMs + 1 },
      summary:
        `${current?.gridId ?? incident.gridId} 严重交通事故 serious accident ${incident.incidentId}: ` +
        `${injured} injured, ${dead} dead, ${vehiclesInvolved} vehicles (${formatClockUtc8(incident.eventTimeMs)})`,
      labels: { incidentId: incident.incidentId },
      evidence: {
        measure: `injured + dead of an ongoing accident (or at least ${this.config.minVehicles} vehicles)`,
        windowKind: 'event',
        window: { startMs: incident.eventTimeMs, endMs: incident.eventTimeMs + 1 },
        aggregates: { injured, dead, vehicles: vehiclesInvolved },
        count: 1,
        comparison: '>=',
        threshold: 1,
        forMs: 0,
        records: [{ eventId: incident.eventId, eventTimeMs: incident.eventTimeMs }],
      },
    };
    if (current === undefined) {
      this.firing.set(incident.incidentId, candidate);
      this.changed = true;
      return candidate;
    }
    const next = refired(current, candidate);
    if (next !== undefined) {
      this.firing.set(incident.incidentId, next);
      this.changed = true;
    }
    return next;
  }

  onWatermark(watermarkMs: number): void {
    this.closed.expire(watermarkMs, this.config.closedRetentionMs);
  }

  active(): Alert[] {
    return byFingerprint([...this.firing.values()]);
  }

  /**
   * Whether the state ({@link snapshot}) changed since the previous call (or since construction), so
   * a state store rewrites it only then.
   */
  takeChanged(): boolean {
    const changed = this.closed.takeChanged().size > 0 || this.changed;
    this.changed = false;
    return changed;
  }

  snapshot(): SeriousAccidentState {
    const firing = [...this.firing].map(([incidentId, alert]) => ({ incidentId, alert }));
    firing.sort((a, b) =>
      a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0,
    );
    return { firing, closed: this.closed.entries() };
  }
}
