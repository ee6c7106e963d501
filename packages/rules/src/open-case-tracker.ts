import type { OpenCase, OpenCaseKind } from '@citybrain/domain';

/** One open case of the rule engine, with the state object that is replaced whenever it changes. */
export interface OpenCaseEntry {
  readonly kind: OpenCaseKind;
  readonly caseId: string;
  /** The rule's state of the case; a new object means the case changed. */
  readonly state: object;
  /** The case as the view shows it (computed only when it changed). */
  view(): OpenCase;
}

/** What changed in the open-case view since the last call. */
export interface OpenCaseChanges {
  /** Cases opened or changed. */
  readonly upserts: readonly OpenCase[];
  /** Cases that are no longer open (closed, issued, rejected, or their rule removed). */
  readonly closed: readonly { readonly kind: OpenCaseKind; readonly caseId: string }[];
}

/**
 * Turns the rule engine's open cases into changes for a compacted view topic. It compares each
 * case's state object by identity with the one seen last time (the rules replace it on every change),
 * so a step costs one pass over the open cases and builds only the changed ones. After
 * {@link reset} (a restore) every open case counts as changed: publishing it again is harmless for
 * a compacted topic, and it repairs a view that never saw it.
 */
export class OpenCaseTracker {
  private seen = new Map<string, { state: object; kind: OpenCaseKind; caseId: string }>();

  /** The changes since the last call (or since {@link reset}). */
  changes(entries: Iterable<OpenCaseEntry>): OpenCaseChanges {
    const next = new Map<string, { state: object; kind: OpenCaseKind; caseId: string }>();
    const upserts: OpenCase[] = [];
    for (const e of entries) {
      const key = `${e.kind}/${e.caseId}`;
      if (next.has(key)) continue; // a case tracked by two rules: the first one's view wins
      next.set(key, { state: e.state, kind: e.kind, caseId: e.caseId });
      if (this.seen.get(key)?.state !== e.state) upserts.push(e.view());
    }
    const closed: { kind: OpenCaseKind; caseId: string }[] = [];
    for (const [key, s] of this.seen) if (!next.has(key)) closed.push({ kind: s.kind, caseId: s.caseId });
    this.seen = next;
    return { upserts, closed };
  }

  /** Forgets what was seen: the next {@link changes} reports every open case. */
  reset(): void {
    this.seen = new Map();
  }
}
