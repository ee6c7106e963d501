import type { Aggregator } from './aggregator';
import type { EngineOutput, LateEvent, WindowResult } from './engine-output';
import type { EngineHead, EngineSnapshot, KeySnapshot, RecordTuple, WindowTuple } from './engine-snapshot';
import { SnapshotError } from './errors';
import type { EngineInput, KeyedEvent } from './keyed-event';
import { MinHeap } from './min-heap';
import { openWindow, type OpenWindow } from './open-window';
import { requireMs } from './validate-ms';
import type { WatermarkOptions } from './watermark-options';
import { WatermarkTracker } from './watermark-tracker';
import { floorMod, isEventTimeMs } from './window-bounds';
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
   * Undefined (default): only final results. For sessions, an early result describes the session as
   * it is now; a later merge replaces it by a session with other bounds (no retraction is emitted).
   */
  readonly emitEarlyEveryMs?: number;
  /**
   * When true, the engine records which keys' state changed (a window opened, aggregated, merged or
   * closed; a retained event added or evicted) for {@link WindowEngine.takeChangedKeys}, so a state
   * store can write only those keys. Off by default: untaken changes would accumulate.
   */
  readonly trackChanges?: boolean;
}

/** Options of {@link WindowEngine.restore}. */
export interface RestoreOptions {
  /**
   * Default `true`: treat every partition as having delivered an event at the first `nowMs` after the
   * restore, so the downtime before it neither idles partitions nor moves the watermark by the
   * processing-time fallback. `false` keeps the snapshot's processing times (an in-process hand-over).
   */
  readonly rebaseProcessingTime?: boolean;
}

/** A retained event of a sliding-window key: its single-event aggregate, to build new windows. */
interface SlidingRecord<A> {
  readonly ts: number;
  readonly acc: A;
}

/** Per-key state: open windows by start, retained events (sliding only), the early-emission throttle. */
interface KeyState<A> {
  readonly windows: Map<number, OpenWindow<A>>;
  /** Sliding only: retained events sorted by timestamp; entries before `head` are evicted. */
  records: SlidingRecord<A>[] | undefined;
  head: number;
  lastEarlyAtMs: number;
  dirty: boolean;
}

type Assign<E> = (event: KeyedEvent<E>, wm: number) => number | undefined;

/**
 * The event-time windowing engine: a deterministic reducer from {@link EngineInput} to
 * {@link EngineOutput}. Internally mutable (state is updated in place, for speed), but its outputs
 * depend only on the sequence of inputs, so replays give identical outputs.
 *
 * Per input: every event is first judged against the watermark as it stood before the input
 * (late, or aggregated eagerly into each open window that contains it), then the watermark is
 * advanced once from the input's events and `nowMs`, then every window with
 * `endMs + graceMs <= watermark` is emitted as final (once) and released, then early results are
 * emitted. An event is late only if it contributes to no window: for hopping windows it may be on
 * time for some of its windows and too late for others, and is aggregated into the open ones; for
 * sessions it is late if the session it would form or join is final; for sliding windows if the
 * window ending with it is final and no open window holds it.
 *
 * @example
 * ```ts
 * const engine = new WindowEngine({ windows: TumblingWindows.of(60_000), aggregator: count(),
 *   watermark: { maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 } });
 * const { results, late } = engine.process({ kind: 'events', events, nowMs: Date.now() });
 * ```
 */
export class WindowEngine<E, A, R> {
  private readonly spec: WindowSpec;
  private readonly graceMs: number;
  private readonly aggregator: Aggregator<E, A, R>;
  private readonly tracker: WatermarkTracker;
  private readonly emitEarlyEveryMs: number | undefined;
  private readonly assign: Assign<E>;
  private readonly keys = new Map<string, KeyState<A>>();
  // Close index: distinct window ends in a heap, the windows ending there in a bucket. Entries of
  // windows merged away or moved to a later end (sessions) are stale and skipped.
  private readonly ends = new MinHeap();
  private readonly buckets = new Map<number, OpenWindow<A>[]>();
  private readonly dirtyKeys = new Set<string>();
  private readonly overlaps: OpenWindow<A>[] = [];
  // Early-emission throttles of keys whose state was released, kept until they expire so that a key
  // that reopens a window is still throttled; expired in FIFO order.
  private readonly throttles = new Map<string, number>();
  private readonly throttleQueue: { key: string; atMs: number }[] = [];
  private throttleHead = 0;
  private open = 0;
  // Keys whose state changed since the last takeChangedKeys (only with trackChanges).
  private readonly changed: Set<string> | undefined;

  /** @throws WindowSpecError when an option is out of range. */
  constructor(spec: WindowEngineSpec<E, A, R>) {
    this.spec = spec.windows;
    this.graceMs = spec.windows.graceMs;
    this.aggregator = spec.aggregator;
    this.tracker = new WatermarkTracker(spec.watermark);
    this.emitEarlyEveryMs =
      spec.emitEarlyEveryMs === undefined
        ? undefined
        : requireMs('emitEarlyEveryMs', spec.emitEarlyEveryMs, 0);
    this.changed = spec.trackChanges === true ? new Set() : undefined;
    const w = spec.windows;
    switch (w.kind) {
      case 'tumbling':
      case 'hopping':
        this.assign = (event, wm) => this.assignAligned(event, wm, w.sizeMs, w.advanceMs);
        break;
      case 'session':
        this.assign = (event, wm) => this.assignSession(event, wm, w.gapMs);
        break;
      case 'sliding':
        this.assign = (event, wm) => this.assignSliding(event, wm, w.sizeMs);
        break;
    }
  }

  /** A new engine with the state of `snapshot`. @throws SnapshotError if it does not fit `spec`. */
  static restore<E, A, R>(
    spec: WindowEngineSpec<E, A, R>,
    snapshot: EngineSnapshot,
    opts?: RestoreOptions,
  ): WindowEngine<E, A, R> {
    const engine = new WindowEngine(spec);
    engine.restore(snapshot, opts);
    return engine;
  }

  /** The current watermark, epoch ms (`-Infinity` before any event). Never decreases. */
  get watermarkMs(): number {
    return this.tracker.watermarkMs;
  }

  /** Number of open windows over all keys (for sliding windows, including empty trailing ones). */
  get openWindowCount(): number {
    return this.open;
  }

  /** Applies one input and returns its output, synchronously. */
  process(input: EngineInput<E>): EngineOutput<E, R> {
    const late: LateEvent<E>[] = [];
    const invalid: KeyedEvent<E>[] = [];
    const results: WindowResult<R>[] = [];
    const nowMs = input.nowMs;
    if (input.kind === 'assign') this.tracker.assign(input.partitions, nowMs);
    if (input.kind === 'events') {
      const wm = this.tracker.watermarkMs;
      for (const event of input.events) {
        const ts = event.timestampMs;
        // Whole ms within the date range only: see isEventTimeMs (a fraction broke sliding windows,
        // a time above 2^53 hung the walk over aligned windows).
        if (!isEventTimeMs(ts)) {
          invalid.push(event);
          continue;
        }
        this.tracker.observe(event.partition, ts, nowMs);
        const lateEndMs = this.assign(event, wm);
        if (lateEndMs !== undefined) late.push({ event, windowEndMs: lateEndMs, watermarkMs: wm });
      }
    }
    if (input.kind !== 'assign' && input.readToEnd !== undefined)
      for (const [partition, atEnd] of input.readToEnd) this.tracker.readTo(partition, atEnd);
    const watermarkMs = this.tracker.advance(nowMs);
    this.closeUpTo(watermarkMs, results);
    if (this.emitEarlyEveryMs !== undefined) this.emitEarly(nowMs, results);
    if (results.length > 1) results.sort(compareResults);
    return { results, late, invalid, watermarkMs, openWindows: this.open };
  }

  /**
   * The keys whose state changed since the previous call (with `trackChanges`; otherwise none), in
   * no particular order; read each one's state with {@link keySnapshot} (undefined: the key has no
   * state left). O(changed keys): a state store writes only these.
   */
  takeChangedKeys(): string[] {
    if (this.changed === undefined || this.changed.size === 0) return [];
    const keys = [...this.changed];
    this.changed.clear();
    return keys;
  }

  /** Every key that holds state (open windows or retained events), in no particular order. */
  stateKeys(): IterableIterator<string> {
    return this.keys.keys();
  }

  /** The engine's clock and window spec: the part of a snapshot that is not per key. */
  headSnapshot(): EngineHead {
    return { version: 2, windows: describe(this.spec), watermark: this.tracker.snapshot() };
  }

  /**
   * One key's state as compact JSON (see {@link KeySnapshot}), or undefined when the key holds no
   * state. Windows sorted by start, retained events by time: deterministic.
   */
  keySnapshot(key: string): KeySnapshot | undefined {
    const ks = this.keys.get(key);
    if (ks === undefined) return undefined;
    const agg = this.aggregator;
    const windows: WindowTuple[] = [];
    for (const w of ks.windows.values())
      windows.push([w.startMs, w.endMs, w.count, agg.serialize ? agg.serialize(w.acc) : w.acc]);
    if (windows.length > 1) windows.sort((a, b) => a[0] - b[0]);
    if (ks.records === undefined || ks.head >= ks.records.length) return [windows];
    const records: RecordTuple[] = [];
    for (let i = ks.head; i < ks.records.length; i++) {
      const r = ks.records[i]!;
      records.push([r.ts, agg.serialize ? agg.serialize(r.acc) : r.acc]);
    }
    return [windows, records];
  }

  /** The engine's state as plain JSON (see {@link EngineSnapshot}). Deterministic order. */
  snapshot(): EngineSnapshot {
    const keys: [string, KeySnapshot][] = [];
    for (const key of [...this.keys.keys()].sort(compareStrings)) keys.push([key, this.keySnapshot(key)!]);
    return { ...this.headSnapshot(), keys };
  }

  /**
   * Replaces this engine's state by a snapshot's (its keys in any order). By default processing-time
   * clocks are rebased on the next input (see {@link RestoreOptions}).
   * @throws SnapshotError if it does not fit this engine's spec.
   */
  restore(snapshot: EngineSnapshot, opts?: RestoreOptions): void {
    const snap = snapshot as Partial<EngineSnapshot> | null | undefined;
    if (typeof snap !== 'object' || snap === null || snap.version !== 2) {
      throw new SnapshotError('version', `unsupported snapshot version ${String(snap?.version)}; expected 2`);
    }
    const want = describe(this.spec);
    const got = snap.windows;
    for (const field of ['kind', 'sizeMs', 'advanceMs', 'gapMs', 'graceMs'] as const) {
      if (got?.[field] !== want[field]) {
        throw new SnapshotError(
          `windows.${field}`,
          `snapshot taken with windows.${field} = ${String(got?.[field])}, engine has ${String(want[field])}`,
        );
      }
    }
    const { keys, watermark } = snap;
    if (!isList(keys) || typeof watermark !== 'object' || keys === undefined) {
      throw new SnapshotError('keys', 'snapshot lacks keys or watermark');
    }
    this.keys.clear();
    this.buckets.clear();
    this.dirtyKeys.clear();
    this.changed?.clear();
    this.throttles.clear();
    this.throttleQueue.length = 0;
    this.throttleHead = 0;
    while (this.ends.size > 0) this.ends.pop();
    this.open = 0;
    try {
      this.tracker.restore(watermark, opts?.rebaseProcessingTime ?? true);
      for (const [key, state] of keys) this.addKey(key, state);
    } catch (err: unknown) {
      throw new SnapshotError('keys', 'malformed snapshot', { cause: err });
    }
  }

  /**
   * Adds one key's state ({@link keySnapshot}) after a {@link restore}: a store that keeps keys apart
   * restores them as it reads them, so their parsed JSON never piles up. The key must hold no state yet.
   * @throws SnapshotError on a malformed key state.
   */
  restoreKey(key: string, state: KeySnapshot): void {
    try {
      this.addKey(key, state);
    } catch (err: unknown) {
      throw new SnapshotError('keys', `malformed state of key ${JSON.stringify(key)}`, { cause: err });
    }
  }

  // Runs once per key of a restore (a million windows): no closure per call, no destructuring of
  // the tuples beyond what is read.
  private addKey(key: string, state: KeySnapshot): void {
    const windows = state[0];
    const records = state[1];
    const ks = this.keyState(key);
    for (let i = 0; i < windows.length; i++) {
      const t = windows[i]!;
      const startMs = t[0];
      const endMs = t[1];
      const count = t[2];
      if (typeof startMs !== 'number' || typeof endMs !== 'number' || typeof count !== 'number')
        throw new TypeError(`key ${key}: a window is not [startMs, endMs, count, acc]`);
      const w = openWindow(key, startMs, endMs, this.deserialize(t[3]));
      w.count = count;
      ks.windows.set(startMs, w);
      this.index(w);
      this.open++;
    }
    if (records !== undefined && records.length > 0) {
      const list = (ks.records ??= []);
      for (const r of records) list.push({ ts: r[0], acc: this.deserialize(r[1]) });
    }
  }

  private deserialize(json: unknown): A {
    return this.aggregator.deserialize ? this.aggregator.deserialize(json) : (json as A);
  }

  /** Tumbling and hopping: aggregates into every open window of the event; returns the late end if none. */
  private assignAligned(
    event: KeyedEvent<E>,
    wm: number,
    sizeMs: number,
    advanceMs: number,
  ): number | undefined {
    const ts = event.timestampMs;
    const grace = this.graceMs;
    const lastStart = ts - floorMod(ts, advanceMs);
    // Walk back to the earliest window that contains ts and is still open (windows close in start order).
    let start = lastStart;
    while (start - advanceMs > ts - sizeMs && start - advanceMs + sizeMs + grace > wm) start -= advanceMs;
    if (start + sizeMs + grace <= wm) return lastStart + sizeMs;
    const ks = this.keyState(event.key);
    for (; start <= lastStart; start += advanceMs) {
      let w = ks.windows.get(start);
      if (w === undefined) w = this.create(ks, event.key, start, start + sizeMs);
      this.addTo(ks, w, event);
    }
    return undefined;
  }

  /** Sessions: merges the event's `[t, t + gap)` with every overlapping open session of its key. */
  private assignSession(event: KeyedEvent<E>, wm: number, gapMs: number): number | undefined {
    const ts = event.timestampMs;
    const protoEnd = ts + gapMs;
    const overlaps = this.overlaps;
    overlaps.length = 0;
    const existing = this.keys.get(event.key);
    if (existing) {
      for (const w of existing.windows.values()) if (w.startMs < protoEnd && ts < w.endMs) overlaps.push(w);
    }
    // Overlapping sessions are open, so a merge is never late; a lone proto-window may be.
    if (overlaps.length === 0 && protoEnd + this.graceMs <= wm) return protoEnd;
    const ks = existing ?? this.keyState(event.key);
    let target = overlaps[0];
    if (target === undefined) {
      target = this.create(ks, event.key, ts, protoEnd);
    } else {
      let startMs = Math.min(ts, target.startMs);
      let endMs = Math.max(protoEnd, target.endMs);
      for (let i = 1; i < overlaps.length; i++) {
        const other = overlaps[i]!;
        startMs = Math.min(startMs, other.startMs);
        endMs = Math.max(endMs, other.endMs);
        target.acc = this.aggregator.merge(target.acc, other.acc);
        target.count += other.count;
        other.alive = false;
        ks.windows.delete(other.startMs);
        this.open--;
      }
      if (startMs !== target.startMs) {
        ks.windows.delete(target.startMs);
        target.startMs = startMs;
        ks.windows.set(startMs, target);
      }
      if (endMs !== target.endMs) {
        target.endMs = endMs;
        this.index(target);
      }
    }
    overlaps.length = 0;
    this.addTo(ks, target, event);
    return undefined;
  }

  /**
   * Sliding: adds the event to every open window of its key that contains it, then creates the window
   * ending with it and the one starting right after it from the retained single-event aggregates.
   */
  private assignSliding(event: KeyedEvent<E>, wm: number, sizeMs: number): number | undefined {
    const ts = event.timestampMs;
    const grace = this.graceMs;
    // Every window that can hold ts ends by ts + sizeMs.
    if (ts + sizeMs + grace <= wm) return ts + 1;
    const leftOpen = ts + 1 + grace > wm;
    let ks = this.keys.get(event.key);
    let joined = false;
    if (ks) {
      for (const w of ks.windows.values()) {
        if (w.startMs <= ts && ts < w.endMs) {
          this.addTo(ks, w, event);
          joined = true;
        }
      }
    }
    // Its own window is final and no open window holds it: late (it would be counted nowhere).
    if (!joined && !leftOpen) return ts + 1;
    ks ??= this.keyState(event.key);
    const records = (ks.records ??= []);
    const record: SlidingRecord<A> = { ts, acc: this.aggregator.add(this.aggregator.init(), event.value) };
    const at = upperBound(records, ks.head, ts);
    if (at === records.length) records.push(record);
    else records.splice(at, 0, record);
    this.changed?.add(event.key);
    const leftStart = ts - sizeMs + 1;
    if (leftOpen && !ks.windows.has(leftStart)) this.createFromRecords(ks, event.key, leftStart, sizeMs);
    if (!ks.windows.has(ts + 1)) this.createFromRecords(ks, event.key, ts + 1, sizeMs);
    return undefined;
  }

  private createFromRecords(ks: KeyState<A>, key: string, startMs: number, sizeMs: number): void {
    const w = this.create(ks, key, startMs, startMs + sizeMs);
    const records = ks.records!;
    for (let i = upperBound(records, ks.head, startMs - 1); i < records.length; i++) {
      const r = records[i]!;
      if (r.ts >= w.endMs) break;
      w.acc = this.aggregator.merge(w.acc, r.acc);
      w.count++;
    }
    if (w.count > 0 && this.emitEarlyEveryMs !== undefined) this.markDirty(ks, w);
  }

  private keyState(key: string): KeyState<A> {
    let ks = this.keys.get(key);
    if (ks === undefined) {
      let lastEarlyAtMs = Number.NEGATIVE_INFINITY;
      if (this.throttles.size > 0) {
        lastEarlyAtMs = this.throttles.get(key) ?? lastEarlyAtMs;
        this.throttles.delete(key);
      }
      ks = { windows: new Map(), records: undefined, head: 0, lastEarlyAtMs, dirty: false };
      this.keys.set(key, ks);
    }
    return ks;
  }

  private create(ks: KeyState<A>, key: string, startMs: number, endMs: number): OpenWindow<A> {
    const w = openWindow(key, startMs, endMs, this.aggregator.init());
    ks.windows.set(startMs, w);
    this.index(w);
    this.open++;
    this.changed?.add(key);
    return w;
  }

  private addTo(ks: KeyState<A>, w: OpenWindow<A>, event: KeyedEvent<E>): void {
    w.acc = this.aggregator.add(w.acc, event.value);
    w.count++;
    this.changed?.add(w.key);
    if (this.emitEarlyEveryMs !== undefined) this.markDirty(ks, w);
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
        if (!w.alive || w.endMs !== end) continue;
        // Sliding windows may be empty (the one after a key's last event): released, never emitted.
        if (w.count > 0) results.push(this.resultOf(w, true));
        this.release(w, wm);
      }
    }
  }

  private release(w: OpenWindow<A>, wm: number): void {
    w.alive = false;
    this.open--;
    this.changed?.add(w.key);
    const ks = this.keys.get(w.key);
    if (ks === undefined) return;
    ks.windows.delete(w.startMs);
    if (ks.windows.size === 0) {
      // The last window of a key outlives its retained events: they go with it.
      if (ks.records) evictRecords(ks, Number.POSITIVE_INFINITY);
      this.keys.delete(w.key);
      this.dirtyKeys.delete(w.key);
      if (ks.lastEarlyAtMs !== Number.NEGATIVE_INFINITY) {
        this.throttles.set(w.key, ks.lastEarlyAtMs);
        this.throttleQueue.push({ key: w.key, atMs: ks.lastEarlyAtMs });
      }
    } else if (ks.records) {
      evictRecords(ks, wm - this.graceMs - (this.spec.kind === 'sliding' ? this.spec.sizeMs : 0));
    }
  }

  private emitEarly(nowMs: number, results: WindowResult<R>[]): void {
    const every = this.emitEarlyEveryMs ?? 0;
    const queue = this.throttleQueue;
    while (this.throttleHead < queue.length && nowMs - queue[this.throttleHead]!.atMs >= every) {
      const { key, atMs } = queue[this.throttleHead++]!;
      if (this.throttles.get(key) === atMs) this.throttles.delete(key);
    }
    if (this.throttleHead > 32 && this.throttleHead * 2 > queue.length) {
      queue.splice(0, this.throttleHead);
      this.throttleHead = 0;
    }
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
        if (w.count > 0) results.push(this.resultOf(w, false));
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

/** Drops retained events with `ts <= limitMs` (no window that can still be created holds them). */
function evictRecords(ks: KeyState<unknown>, limitMs: number): void {
  const records = ks.records!;
  while (ks.head < records.length && records[ks.head]!.ts <= limitMs) ks.head++;
  // Compact once the dead prefix dominates, so eviction stays amortised O(1).
  if (ks.head > 32 && ks.head * 2 > records.length) {
    records.splice(0, ks.head);
    ks.head = 0;
  }
}

/** First index in `records[from..]` whose `ts` is greater than `ts`. */
function upperBound(records: readonly SlidingRecord<unknown>[], from: number, ts: number): number {
  let lo = from;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid]!.ts <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describe(w: WindowSpec): EngineSnapshot['windows'] {
  return {
    kind: w.kind,
    sizeMs: w.kind === 'session' ? null : w.sizeMs,
    advanceMs: w.kind === 'hopping' || w.kind === 'tumbling' ? w.advanceMs : null,
    gapMs: w.kind === 'session' ? w.gapMs : null,
    graceMs: w.graceMs,
  };
}

// Array.isArray without its `any[]` narrowing, which would lose the snapshot's types.
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic result order: window end, then key (code-unit order), then window start. */
function compareResults(a: WindowResult<unknown>, b: WindowResult<unknown>): number {
  return (
    a.window.endMs - b.window.endMs || compareStrings(a.key, b.key) || a.window.startMs - b.window.startMs
  );
}
