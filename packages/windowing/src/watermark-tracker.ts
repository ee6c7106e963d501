import {
  resolveWatermarkOptions,
  type ResolvedWatermarkOptions,
  type WatermarkOptions,
} from './watermark-options';

/** What the tracker knows about one source partition. JSON-serialisable. */
export interface PartitionClock {
  /** Largest event time seen on the partition, epoch ms. */
  maxTimestampMs: number;
  /** Processing time at which the partition last delivered an event, epoch ms. */
  lastEventAtMs: number;
  /**
   * Whether the partition was last reported read to its end (see `idleRequiresEnd`); always true
   * without that option. Not part of the snapshot: after a restore the input is read again from the
   * committed offsets, so nothing is known to be at its end until reported.
   */
  atEnd: boolean;
}

/** Serialised state of a {@link WatermarkTracker}. */
export interface WatermarkSnapshot {
  /** The watermark, or `null` while it is `-Infinity` (JSON has no infinities). */
  readonly watermarkMs: number | null;
  /** Processing time of the last event on any partition, or `null` before any. */
  readonly lastEventAtMs: number | null;
  /**
   * `[partition, maxTimestampMs, lastEventAtMs]` per partition; `maxTimestampMs` is `null` for an
   * assigned partition that has not delivered yet (it still holds the watermark back after a restore).
   */
  readonly partitions: readonly (readonly [string, number | null, number])[];
}

/**
 * Per-partition bounded-out-of-orderness watermarks with idleness and a processing-time fallback, as
 * used inside {@link WindowEngine}; usable alone as an event-time clock (e.g. for rule timers).
 * Internally mutable; deterministic given the same calls.
 *
 * @example
 * ```ts
 * const clock = new WatermarkTracker({ maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 });
 * clock.observe('city.traffic.v1/0', event.eventTimeMs, nowMs);
 * const watermarkMs = clock.advance(nowMs);
 * ```
 */
export class WatermarkTracker {
  private readonly partitions = new Map<string, PartitionClock>();
  // Batches usually carry runs of one partition: skip the Map lookup for them.
  private cachedName: string | undefined;
  private cachedClock: PartitionClock | undefined;
  private lastEventAtMs: number | undefined;
  private current = Number.NEGATIVE_INFINITY;
  // After a restore, the processing times in the snapshot belong to the old process: rebase them on
  // the first `nowMs` seen, or downtime would make every partition idle and the fallback leap ahead.
  private rebasePending = false;

  private readonly opts: ResolvedWatermarkOptions;

  /** @throws WindowSpecError when an option is out of range. */
  constructor(options: WatermarkOptions) {
    this.opts = resolveWatermarkOptions(options);
  }

  /** The current watermark, epoch ms; `-Infinity` before the first advance past an event. Monotonic. */
  get watermarkMs(): number {
    return this.current;
  }

  /** Records an event of `partition` with event time `timestampMs`, received at processing time `nowMs`. */
  observe(partition: string, timestampMs: number, nowMs: number): void {
    if (this.rebasePending) this.rebase(nowMs);
    let clock = this.cachedName === partition ? this.cachedClock : this.partitions.get(partition);
    if (clock === undefined) {
      clock = { maxTimestampMs: timestampMs, lastEventAtMs: nowMs, atEnd: !this.opts.idleRequiresEnd };
      this.partitions.set(partition, clock);
    } else {
      if (timestampMs > clock.maxTimestampMs) clock.maxTimestampMs = timestampMs;
      clock.lastEventAtMs = nowMs;
    }
    this.cachedName = partition;
    this.cachedClock = clock;
    this.lastEventAtMs = nowMs;
  }

  /**
   * Reports whether `partition` has been read to its end (its last record read: nothing pending).
   * With `idleRequiresEnd`, only such a partition may go idle. A partition this tracker does not
   * know is ignored (it is not assigned, and no event of it was seen).
   */
  readTo(partition: string, atEnd: boolean): void {
    const clock = this.partitions.get(partition);
    if (clock !== undefined) clock.atEnd = atEnd || !this.opts.idleRequiresEnd;
  }

  /** Recomputes the watermark at processing time `nowMs` and returns it. Never moves it back. */
  advance(nowMs: number): number {
    if (this.rebasePending) this.rebase(nowMs);
    const { maxOutOfOrdernessMs, idleTimeoutMs, idleAdvanceAfterMs, eventTimePerProcessingMs } = this.opts;
    let minActive = Number.POSITIVE_INFINITY;
    let maxAll = Number.NEGATIVE_INFINITY;
    let allAtEnd = true;
    for (const clock of this.partitions.values()) {
      const wm = clock.maxTimestampMs - maxOutOfOrdernessMs;
      if (wm > maxAll) maxAll = wm;
      // Idle: quiet for the timeout AND read to its end (always, without idleRequiresEnd). A
      // partition with records pending holds the watermark back however old its last event is.
      const idle = clock.atEnd && nowMs - clock.lastEventAtMs >= idleTimeoutMs;
      if (!idle && wm < minActive) minActive = wm;
      if (!clock.atEnd) allAtEnd = false;
    }
    // No active partition: every one is idle, so none may hold the others back.
    let candidate = minActive === Number.POSITIVE_INFINITY ? maxAll : minActive;
    // The fallback, too, only while nothing is pending anywhere.
    if (idleAdvanceAfterMs !== undefined && this.lastEventAtMs !== undefined && allAtEnd) {
      const quietMs = nowMs - this.lastEventAtMs;
      if (quietMs >= idleAdvanceAfterMs) {
        candidate = Math.max(candidate, maxAll + quietMs * eventTimePerProcessingMs);
      }
    }
    if (candidate > this.current) this.current = candidate;
    return this.current;
  }

  /**
   * Sets the partitions this tracker answers for: new ones start active with no event yet (holding
   * the watermark back until they deliver or go idle), missing ones are forgotten.
   */
  assign(partitions: readonly string[], nowMs: number): void {
    if (this.rebasePending) this.rebase(nowMs);
    const keep = new Set(partitions);
    for (const name of [...this.partitions.keys()]) if (!keep.has(name)) this.partitions.delete(name);
    for (const name of keep) {
      if (!this.partitions.has(name))
        this.partitions.set(name, {
          maxTimestampMs: Number.NEGATIVE_INFINITY,
          lastEventAtMs: nowMs,
          atEnd: !this.opts.idleRequiresEnd,
        });
    }
    this.cachedName = undefined;
    this.cachedClock = undefined;
  }

  /** Partitions seen so far. */
  partitionNames(): string[] {
    return [...this.partitions.keys()];
  }

  /** JSON-serialisable state. */
  snapshot(): WatermarkSnapshot {
    return {
      watermarkMs: Number.isFinite(this.current) ? this.current : null,
      lastEventAtMs: this.lastEventAtMs ?? null,
      // An assigned partition without an event yet is kept (as null: JSON has no -Infinity), or a
      // restore would let the other partitions' events make its first events late.
      partitions: [...this.partitions].map(
        ([name, c]) =>
          [name, Number.isFinite(c.maxTimestampMs) ? c.maxTimestampMs : null, c.lastEventAtMs] as const,
      ),
    };
  }

  /**
   * Replaces the state with a snapshot's. With `rebaseProcessingTime` (default), the snapshot's
   * processing times are replaced by the first `nowMs` seen afterwards: the downtime of a restart then
   * neither idles partitions nor advances the watermark through the processing-time fallback.
   */
  restore(snap: WatermarkSnapshot, rebaseProcessingTime = true): void {
    this.partitions.clear();
    this.cachedName = undefined;
    this.cachedClock = undefined;
    for (const [name, maxTimestampMs, lastEventAtMs] of snap.partitions) {
      this.partitions.set(name, {
        maxTimestampMs: maxTimestampMs ?? Number.NEGATIVE_INFINITY,
        lastEventAtMs,
        atEnd: !this.opts.idleRequiresEnd,
      });
    }
    this.current = snap.watermarkMs ?? Number.NEGATIVE_INFINITY;
    this.lastEventAtMs = snap.lastEventAtMs ?? undefined;
    this.rebasePending = rebaseProcessingTime;
  }

  private rebase(nowMs: number): void {
    this.rebasePending = false;
    for (const clock of this.partitions.values()) clock.lastEventAtMs = nowMs;
    if (this.lastEventAtMs !== undefined) this.lastEventAtMs = nowMs;
  }
}
