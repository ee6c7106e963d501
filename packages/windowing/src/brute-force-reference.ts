import type { EngineInput, KeyedEvent } from './keyed-event';
import type { WatermarkOptions } from './watermark-options';
import type { WindowSpec } from './window-spec';

// A deliberately naive model of the engine's documented semantics, for property tests only (not
// exported from index.ts): it keeps every event and recomputes windows from scratch, with none of
// the engine's incremental state, indexes or merge path. Event values are ids; a window's "result"
// is the sorted list of the ids it aggregated.

/** One result of the reference. */
export interface RefResult {
  readonly key: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly ids: readonly number[];
}

/** The reference's output for one input. */
export interface RefOutput {
  readonly results: readonly RefResult[];
  readonly late: readonly { readonly id: number; readonly windowEndMs: number }[];
  readonly watermarkMs: number;
  readonly openWindows: number;
}

interface Accepted {
  readonly key: string;
  readonly ts: number;
  readonly id: number;
  readonly partition: string;
  /** Watermark when the event arrived. */
  readonly wm: number;
}

/** Brute-force reference of `WindowEngine` with an id-collecting aggregator. */
export class BruteForceReference {
  private wm = Number.NEGATIVE_INFINITY;
  private readonly clocks = new Map<string, { max: number; last: number }>();
  private lastEventAt: number | undefined;
  private readonly accepted: Accepted[] = [];
  /** Aligned: `key|start` of windows holding events and not yet emitted. Sliding: defined windows. */
  private readonly openAligned = new Map<string, { key: string; startMs: number; endMs: number }>();
  private readonly emitted = new Set<string>();

  constructor(
    private readonly windows: WindowSpec,
    private readonly watermark: WatermarkOptions,
  ) {}

  step(input: EngineInput<number>): RefOutput {
    const late: { id: number; windowEndMs: number }[] = [];
    const wm = this.wm;
    if (input.kind === 'events') {
      for (const e of input.events) {
        const c = this.clocks.get(e.partition);
        this.clocks.set(e.partition, {
          max: Math.max(c?.max ?? -Infinity, e.timestampMs),
          last: input.nowMs,
        });
        this.lastEventAt = input.nowMs;
        const lateEnd = this.judge(e, wm);
        if (lateEnd !== undefined) late.push({ id: e.value, windowEndMs: lateEnd });
      }
    }
    this.advance(input.nowMs);
    const results = this.close().sort(
      (a, b) => a.endMs - b.endMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.startMs - b.startMs,
    );
    return { results, late, watermarkMs: this.wm, openWindows: this.openCount() };
  }

  private advance(nowMs: number): void {
    const {
      maxOutOfOrdernessMs: ooo,
      idleTimeoutMs,
      idleAdvanceAfterMs,
      eventTimePerProcessingMs = 1,
    } = this.watermark;
    const all = [...this.clocks.values()].map((c) => c.max - ooo);
    const active = [...this.clocks.values()]
      .filter((c) => nowMs - c.last < idleTimeoutMs)
      .map((c) => c.max - ooo);
    let candidate = active.length > 0 ? Math.min(...active) : Math.max(...all);
    if (idleAdvanceAfterMs !== undefined && this.lastEventAt !== undefined) {
      const quiet = nowMs - this.lastEventAt;
      if (quiet >= idleAdvanceAfterMs)
        candidate = Math.max(candidate, Math.max(...all) + quiet * eventTimePerProcessingMs);
    }
    this.wm = Math.max(this.wm, candidate);
  }

  private judge(e: KeyedEvent<number>, wm: number): number | undefined {
    const w = this.windows;
    const g = w.graceMs;
    const accept = () =>
      this.accepted.push({
        key: e.key,
        ts: e.timestampMs,
        id: e.value,
        partition: e.partition,
        wm,
      });
    switch (w.kind) {
      case 'tumbling':
      case 'hopping': {
        const all = w.windowsFor(e.timestampMs);
        const open = all.filter((b) => b.endMs + g > wm);
        if (open.length === 0) return Math.max(...all.map((b) => b.endMs));
        accept();
        for (const b of open) this.openAligned.set(`${e.key}|${b.startMs}`, { key: e.key, ...b });
        return undefined;
      }
      case 'session': {
        const mine = this.sessions(e.key, { ts: e.timestampMs, id: e.value }).find((s) =>
          s.ids.includes(e.value),
        )!;
        if (mine.endMs + g <= wm) return e.timestampMs + w.gapMs;
        accept();
        return undefined;
      }
      case 'sliding': {
        const t = e.timestampMs;
        const leftOpen = t + 1 + g > wm;
        const held = [...this.openAligned.values()].some(
          (b) => b.key === e.key && b.startMs <= t && t < b.endMs,
        );
        if (!leftOpen && !held) return t + 1;
        accept();
        const left = t - w.sizeMs + 1;
        if (leftOpen) this.defineSliding(e.key, left);
        this.defineSliding(e.key, t + 1);
        return undefined;
      }
    }
  }

  private defineSliding(key: string, startMs: number): void {
    const id = `${key}|${startMs}`;
    if (this.windows.kind !== 'sliding' || this.emitted.has(id)) return;
    this.openAligned.set(id, { key, startMs, endMs: startMs + this.windows.sizeMs });
  }

  /** Sessions over the not-yet-emitted accepted events of `key` (plus `extra`), by a sweep. */
  private sessions(key: string, extra?: { ts: number; id: number }): RefResult[] {
    if (this.windows.kind !== 'session') return [];
    const gap = this.windows.gapMs;
    const evs = this.accepted
      .filter((a) => a.key === key && !this.emitted.has(`id:${a.id}`))
      .map((a) => ({ ts: a.ts, id: a.id }));
    if (extra) evs.push(extra);
    evs.sort((a, b) => a.ts - b.ts);
    const out: { key: string; startMs: number; endMs: number; ids: number[] }[] = [];
    for (const ev of evs) {
      const cur = out[out.length - 1];
      if (cur && ev.ts < cur.endMs) {
        cur.endMs = Math.max(cur.endMs, ev.ts + gap);
        cur.ids.push(ev.id);
      } else {
        out.push({ key, startMs: ev.ts, endMs: ev.ts + gap, ids: [ev.id] });
      }
    }
    return out;
  }

  private close(): RefResult[] {
    const g = this.windows.graceMs;
    const out: RefResult[] = [];
    if (this.windows.kind === 'session') {
      for (const key of new Set(this.accepted.map((a) => a.key))) {
        for (const s of this.sessions(key)) {
          if (s.endMs + g > this.wm) continue;
          for (const id of s.ids) this.emitted.add(`id:${id}`);
          out.push({ ...s, ids: [...s.ids].sort((a, b) => a - b) });
        }
      }
      return out;
    }
    for (const [id, b] of this.openAligned) {
      if (b.endMs + g > this.wm) continue;
      this.openAligned.delete(id);
      this.emitted.add(id);
      const ids = this.contentOf(b)
        .map((a) => a.id)
        .sort((x, y) => x - y);
      if (ids.length > 0) out.push({ ...b, ids });
    }
    return out;
  }

  /** Events a window aggregated: accepted, inside it, and arrived while it was open. */
  private contentOf(b: { key: string; startMs: number; endMs: number }): Accepted[] {
    const g = this.windows.graceMs;
    return this.accepted.filter(
      (a) => a.key === b.key && a.ts >= b.startMs && a.ts < b.endMs && a.wm < b.endMs + g,
    );
  }

  private openCount(): number {
    if (this.windows.kind !== 'session') return this.openAligned.size;
    let n = 0;
    for (const key of new Set(this.accepted.map((a) => a.key))) n += this.sessions(key).length;
    return n;
  }
}
