import type { Aggregator } from './aggregator';
import type { EngineOutput, LateEvent, WindowResult } from './engine-output';
import type { EngineInput, KeyedEvent } from './keyed-event';
import { MinHeap } from './min-heap';
import { heldOffsets, holdOffset, openWindow, type OpenWindow } from './open-window';
import { requireMs } from './validate-ms';
import type { WatermarkOptions } from './watermark-options';
import { WatermarkTracker } from './watermark-tracker';
import { floorMod } from './window-bounds';
import type { WindowSpec } from './window-spec';

/** What a {@link WindowEngine} computes. */
export interface WindowEngineSpec<E, A, R> {
  /** The window assigner, e.g. `TumblingWindows.of(60_000)`. Its `graceMs` applies. */
  readonly windows: WindowSpec;
  /** The aggregation applied to each key's windows. */
  readonly aggregator: Aggregator<E, A, R>;
  /** How the event-time watermark advances. */
  readonly watermark: WatermarkOptions;
  /**
   * When set, open windows also emit early (updating, `final: false`) results: at most one batch per
   * key every `emitEarlyEveryMs` of processing time, holding every window of the key that changed
   * since the key's previous early results. `0` emits on every input that changes a window.
   * Undefined (default): only final results.
   */
  readonly emitEarlyEveryMs?: number;
}

/** Per-key state: the key's open windows by start, and its early-emission throttle. */
interface KeyState<A> {
  readonly windows: Map<number, OpenWindow<A>>;
  lastEarlyAtMs: number;
  dirty: boolean;
}

/**
 * The event-time windowing engine: a deterministic reducer from {@link EngineInput} to
 * {@link EngineOutput}. Internally mutable (for speed, state is updated in place), but its outputs
 * depend only on the sequence of inputs, so replays give identical outputs.
 *
 * Per input: every event is first judged against the watermark as it stood before the input
 * (late, or aggregated eagerly into each open window that contains it), then the watermark is
 * advanced once from the input's events and `nowMs`, then every window with
 * `endMs + graceMs <= watermark` is emitted as final and released, then early results are emitted.
 * An event is late only if it contributes to no window (for hopping windows it may be on time for
 * some of its windows and too late for others: it is aggregated into the open ones).
 */
export class WindowEngine<E, A, R> {
  private readonly windows: WindowSpec;
  private readonly graceMs: number;
  private readonly aggregator: Aggregator<E, A, R>;
  private readonly tracker: WatermarkTracker;
  private readonly emitEarlyEveryMs: number | undefined;
  private readonly keys = new Map<string, KeyState<A>>();
  // Close index: window ends in a heap, and the windows ending there in a bucket.
  private readonly ends = new MinHeap();
  private readonly buckets = new Map<number, OpenWindow<A>[]>();
  private readonly dirtyKeys = new Set<string>();
  private open = 0;

  /** @throws WindowSpecError when an option is out of range. */
  constructor(spec: WindowEngineSpec<E, A, R>) {
    this.windows = spec.windows;
    this.graceMs = spec.windows.graceMs;
    this.aggregator = spec.aggregator;
    this.tracker = new WatermarkTracker(spec.watermark);
    this.emitEarlyEveryMs =
      spec.emitEarlyEveryMs === undefined
        ? undefined
        : requireMs('emitEarlyEveryMs', spec.emitEarlyEveryMs, 0);
  }

  /** The current watermark, epoch ms (`-Infinity` before any event). Never decreases. */
  get watermarkMs(): number {
    return this.tracker.watermarkMs;
  }

  /** Number of open windows over all keys. */
  get openWindowCount(): number {
    return this.open;
  }

  /** Applies one input and returns its output, synchronously. */
  process(input: EngineInput<E>): EngineOutput<E, R> {
    const late: LateEvent<E>[] = [];
    const invalid: KeyedEvent<E>[] = [];
    const results: WindowResult<R>[] = [];
    const nowMs = input.nowMs;
    if (input.kind === 'events') {
      const wm = this.tracker.watermarkMs;
      for (const event of input.events) {
        const ts = event.timestampMs;
        if (!Number.isFinite(ts)) {
          invalid.push(event);
          continue;
        }
        this.tracker.observe(event.partition, ts, nowMs);
        const lateEndMs = this.assignAligned(event, wm);
        if (lateEndMs !== undefined) late.push({ event, windowEndMs: lateEndMs, watermarkMs: wm });
      }
    }
    const watermarkMs = this.tracker.advance(nowMs);
    this.closeUpTo(watermarkMs, results);
    if (this.emitEarlyEveryMs !== undefined) this.emitEarly(nowMs, results);
    if (results.length > 1) results.sort(compareResults);
    return { results, late, invalid, watermarkMs, openWindows: this.open };
  }

  /**
   * Per partition, the lowest offset of any event still held by an open window; partitions without
   * held events are absent. A consumer may commit `min(this, next offset to read)` per partition:
   * after a restart without a snapshot, replaying from there rebuilds every open window.
   * O(open windows).
   */
  lowWaterOffsets(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const ks of this.keys.values()) {
      for (const w of ks.windows.values()) {
        for (const [p, o] of heldOffsets(w)) {
          const prev = out.get(p);
          if (prev === undefined || o < prev) out.set(p, o);
        }
      }
    }
    return out;
  }

  /** Tumbling and hopping: aggregates into every open window of the event; returns the late end if none. */
  private assignAligned(event: KeyedEvent<E>, wm: number): number | undefined {
    const { sizeMs, advanceMs } = this.windows;
    const ts = event.timestampMs;
    const lastStart = ts - floorMod(ts, advanceMs);
    // Earliest window whose end + grace is still above the watermark, and that contains ts.
    let start = lastStart;
    while (start - advanceMs > ts - sizeMs && start - advanceMs + sizeMs + this.graceMs > wm)
      start -= advanceMs;
    if (start + sizeMs + this.graceMs <= wm) return lastStart + sizeMs;
    const ks = this.keyState(event.key);
    for (; start <= lastStart; start += advanceMs) {
      let w = ks.windows.get(start);
      if (w === undefined) {
        w = openWindow(event.key, start, start + sizeMs, this.aggregator.init());
        ks.windows.set(start, w);
        this.index(w);
        this.open++;
      }
      this.addTo(w, event);
      if (this.emitEarlyEveryMs !== undefined) this.markDirty(ks, w);
    }
    return undefined;
  }

  private keyState(key: string): KeyState<A> {
    let ks = this.keys.get(key);
    if (ks === undefined) {
      ks = { windows: new Map(), lastEarlyAtMs: Number.NEGATIVE_INFINITY, dirty: false };
      this.keys.set(key, ks);
    }
    return ks;
  }

  private addTo(w: OpenWindow<A>, event: KeyedEvent<E>): void {
    w.acc = this.aggregator.add(w.acc, event.value);
    w.count++;
    if (event.offset !== undefined) holdOffset(w, event.partition, event.offset);
  }

  private markDirty(ks: KeyState<A>, w: OpenWindow<A>): void {
    w.dirty = true;
    if (!ks.dirty) {
      ks.dirty = true;
      this.dirtyKeys.add(w.key);
    }
  }

  private index(w: OpenWindow<A>): void {
    const bucket = this.buckets.get(w.endMs);
    if (bucket === undefined) {
      this.buckets.set(w.endMs, [w]);
      this.ends.push(w.endMs);
    } else {
      bucket.push(w);
    }
  }

  private closeUpTo(wm: number, results: WindowResult<R>[]): void {
    for (let end = this.ends.peek(); end !== undefined && end + this.graceMs <= wm; end = this.ends.peek()) {
      this.ends.pop();
      const bucket = this.buckets.get(end);
      this.buckets.delete(end);
      if (bucket === undefined) continue;
      for (const w of bucket) {
        // Stale entries: merged away, or moved to a later end (sessions).
        if (!w.alive || w.endMs !== end) continue;
        results.push(this.resultOf(w, true));
        this.release(w);
      }
    }
  }

  private release(w: OpenWindow<A>): void {
    w.alive = false;
    this.open--;
    const ks = this.keys.get(w.key);
    if (ks === undefined) return;
    ks.windows.delete(w.startMs);
    if (ks.windows.size === 0) {
      this.keys.delete(w.key);
      this.dirtyKeys.delete(w.key);
    }
  }

  private emitEarly(nowMs: number, results: WindowResult<R>[]): void {
    const every = this.emitEarlyEveryMs ?? 0;
    for (const key of this.dirtyKeys) {
      const ks = this.keys.get(key);
      if (ks === undefined) {
        this.dirtyKeys.delete(key);
        continue;
      }
      if (nowMs - ks.lastEarlyAtMs < every) continue;
      for (const w of ks.windows.values()) {
        if (!w.dirty) continue;
        w.dirty = false;
        results.push(this.resultOf(w, false));
      }
      ks.dirty = false;
      ks.lastEarlyAtMs = nowMs;
      this.dirtyKeys.delete(key);
    }
  }

  private resultOf(w: OpenWindow<A>, final: boolean): WindowResult<R> {
    return {
      key: w.key,
      window: { startMs: w.startMs, endMs: w.endMs },
      value: this.aggregator.result(w.acc),
      count: w.count,
      final,
    };
  }
}

/** Deterministic result order: window end, then key (code-unit order), then window start. */
function compareResults(a: WindowResult<unknown>, b: WindowResult<unknown>): number {
  return (
    a.window.endMs - b.window.endMs ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    a.window.startMs - b.window.startMs
  );
}
