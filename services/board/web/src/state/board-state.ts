import type { WireAcknowledgement, WireAlert, WireSubscribeResponse } from '@citybrain/proto';

/** Severity names of the contract, lowest first. */
export const SEVERITIES = [
  'SEVERITY_INFORMATIONAL',
  'SEVERITY_LOW',
  'SEVERITY_MEDIUM',
  'SEVERITY_HIGH',
  'SEVERITY_CRITICAL',
] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/** Alert kinds of the contract. */
export const KINDS = [
  'ALERT_KIND_TRAFFIC',
  'ALERT_KIND_CITY_MANAGEMENT',
  'ALERT_KIND_GOVERNMENT_SERVICE',
] as const;

/** 0 for unknown/unspecified, 1 informational … 5 critical. */
export function severityRank(s: string): number {
  return SEVERITIES.indexOf(s as SeverityName) + 1;
}

/** One message of the stream as the feed shows it. */
export interface FeedEntry {
  /** Order of arrival on this board, from 1. */
  readonly seq: number;
  readonly position: string;
  readonly snapshot: boolean;
  readonly alert: WireAlert | undefined;
  readonly ack: WireAcknowledgement | undefined;
  /** Board clock when it arrived (ms), for highlighting what is new. */
  readonly receivedAtMs: number;
}

/** Congestion level drawn on the map: from the grid's active traffic-jam alerts. */
export type CongestionLevel = 'none' | 'moderate' | 'severe';

/** What the feed shows: every filter empty = everything. */
export interface FeedFilter {
  readonly areaId: string;
  readonly severity: string;
  readonly kind: string;
  readonly status: string;
}

export const NO_FILTER: FeedFilter = { areaId: '', severity: '', kind: '', status: '' };

/**
 * The board's state, fed by the Subscribe stream: the firing alerts, their acknowledgements and
 * the feed (newest first, bounded). Pure (no DOM, no I/O), so the views only draw it.
 */
export class BoardState {
  /** Firing alerts by id. */
  readonly active = new Map<string, WireAlert>();
  /** Acknowledgements by alert id. */
  readonly acks = new Map<string, WireAcknowledgement>();
  /** Newest first, at most `maxFeed` entries. */
  feed: FeedEntry[] = [];
  /** The last position received: what a reconnection resumes from. */
  position = '';
  /** Stream messages received (alerts, acknowledgements, heartbeats). */
  received = 0;
  private seq = 0;

  constructor(private readonly maxFeed = 2000) {}

  /**
   * Applies one stream message; returns the feed entry it made (none for a heartbeat).
   * An alert in the snapshot that is already known (a re-sent active alert) is not added twice.
   */
  apply(m: WireSubscribeResponse, nowMs: number): FeedEntry | undefined {
    this.received++;
    if (m.position !== '') this.position = m.position;
    if (m.alert) {
      const a = m.alert;
      if (a.status === 'ALERT_STATUS_FIRING') this.active.set(a.alertId, a);
      else this.active.delete(a.alertId);
    } else if (m.acknowledgement) {
      this.acks.set(m.acknowledgement.alertId, m.acknowledgement);
    } else return undefined;
    const entry: FeedEntry = {
      seq: ++this.seq,
      position: m.position,
      snapshot: m.snapshot,
      alert: m.alert ?? undefined,
      ack: m.acknowledgement ?? undefined,
      receivedAtMs: nowMs,
    };
    this.feed.unshift(entry);
    if (this.feed.length > this.maxFeed) this.feed.length = this.maxFeed;
    return entry;
  }

  /** Forget everything: the stream restarts from the active alerts (resume position too old). */
  reset(): void {
    this.active.clear();
    this.acks.clear();
    this.feed = [];
    this.position = '';
  }

  /** The worst severity rank of each grid's firing alerts (grids with none are absent). */
  worstByGrid(): Map<string, number> {
    const out = new Map<string, number>();
    for (const a of this.active.values()) {
      const r = severityRank(a.severity);
      if (r > (out.get(a.gridId) ?? 0)) out.set(a.gridId, r);
    }
    return out;
  }

  /** Congestion per grid, from its firing traffic-jam alerts (medium = moderate, high or more = severe). */
  congestionByGrid(): Map<string, CongestionLevel> {
    const out = new Map<string, CongestionLevel>();
    for (const a of this.active.values()) {
      if (a.subCategory !== 'trafficJam') continue;
      const level: CongestionLevel = severityRank(a.severity) >= 4 ? 'severe' : 'moderate';
      if (out.get(a.gridId) !== 'severe') out.set(a.gridId, level);
    }
    return out;
  }

  /** Firing alerts per severity. */
  severityCounts(): Record<SeverityName, number> {
    const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<SeverityName, number>;
    for (const a of this.active.values()) if (a.severity in out) out[a.severity as SeverityName]++;
    return out;
  }

  /** Firing alerts per area. */
  areaCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const a of this.active.values()) out.set(a.areaId, (out.get(a.areaId) ?? 0) + 1);
    return out;
  }

  /** The feed entries a filter lets through. */
  filtered(f: FeedFilter): FeedEntry[] {
    return this.feed.filter((e) => matchesFilter(e, f));
  }
}

/** Whether a feed entry passes a filter (an acknowledgement follows its alert's area, and only shows unfiltered otherwise). */
export function matchesFilter(e: FeedEntry, f: FeedFilter): boolean {
  if (e.ack)
    return (
      f.severity === '' && f.kind === '' && f.status === '' && (f.areaId === '' || e.ack.areaId === f.areaId)
    );
  const a = e.alert;
  return (
    !!a &&
    (f.areaId === '' || a.areaId === f.areaId) &&
    (f.severity === '' || a.severity === f.severity) &&
    (f.kind === '' || a.kind === f.kind) &&
    (f.status === '' || a.status === f.status)
  );
}
