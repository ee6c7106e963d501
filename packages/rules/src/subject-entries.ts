import type { ClosedId, ClosedIds } from './closed-ids';

/**
 * One subject of a rule (an open permit, a work order) as a state-store entry: its open track, when
 * it was closed (a closed id still remembered), or both (a subject re-opened after its retention
 * ended, before a watermark forgot the closed id). A rule's state grows with the city; one entry per
 * subject lets a commit write only the subjects that changed.
 */
export interface SubjectEntry<T> {
  readonly track: T | null;
  readonly closedAtMs: number | null;
}

/** The entry of a subject, or undefined when the rule holds nothing of it. */
export function subjectEntry<T>(
  track: T | undefined,
  closedAtMs: number | undefined,
): SubjectEntry<T> | undefined {
  if (track === undefined && closedAtMs === undefined) return undefined;
  return { track: track ?? null, closedAtMs: closedAtMs ?? null };
}

/** A rule state of open tracks and closed ids as subject entries, by subject id. */
export function subjectEntries<T>(
  tracks: readonly T[],
  idOf: (track: T) => string,
  closed: readonly ClosedId[],
): Map<string, SubjectEntry<T>> {
  const closedAt = new Map(closed.map((c) => [c.id, c.closedAtMs]));
  const out = new Map<string, SubjectEntry<T>>();
  for (const t of tracks) out.set(idOf(t), subjectEntry(t, closedAt.get(idOf(t)))!);
  for (const [id, at] of closedAt) if (!out.has(id)) out.set(id, subjectEntry<T>(undefined, at)!);
  return out;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Subject entries back to open tracks and closed ids, each sorted by id (as the rules' snapshots are). */
export function fromSubjectEntries<T>(entries: Iterable<readonly [string, SubjectEntry<T>]>): {
  tracks: T[];
  closed: ClosedId[];
} {
  const sorted = [...entries].sort(([a], [b]) => byId(a, b));
  const tracks: T[] = [];
  const closed: ClosedId[] = [];
  for (const [id, e] of sorted) {
    if (e.track !== null) tracks.push(e.track);
    if (e.closedAtMs !== null) closed.push({ id, closedAtMs: e.closedAtMs });
  }
  return { tracks, closed };
}

/**
 * A rule's open tracks by subject id, beside its closed ids, with the ids whose subject entry
 * changed (opened, moved, closed or forgotten) since the last {@link SubjectTracks.takeChanged}:
 * what a state store rewrites. The rule keeps reading its map; it writes through `put`/`remove`.
 */
export class SubjectTracks<T> {
  private changed = new Set<string>();

  constructor(
    private readonly tracks: Map<string, T>,
    private readonly closed: ClosedIds,
  ) {}

  put(id: string, track: T): void {
    this.tracks.set(id, track);
    this.changed.add(id);
  }

  remove(id: string): void {
    this.tracks.delete(id);
    this.changed.add(id);
  }

  /** Ids of the subjects whose entry changed since the previous call (or since construction). */
  takeChanged(): Set<string> {
    const changed = this.changed;
    for (const id of this.closed.takeChanged()) changed.add(id);
    this.changed = new Set();
    return changed;
  }

  /** Ids of every subject the state holds: open, or closed and remembered. */
  ids(): Set<string> {
    return new Set([...this.tracks.keys(), ...this.closed.ids()]);
  }

  /** One subject's entry, or undefined when the rule holds nothing of it. */
  entry(id: string): SubjectEntry<T> | undefined {
    return subjectEntry(this.tracks.get(id), this.closed.closedAtOf(id));
  }
}
