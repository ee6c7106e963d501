/** How a run maps event time onto the wall clock. */
export interface PacingSettings {
  /** Event time that corresponds to `wallStartMs`, epoch ms (the start of the simulated period). */
  readonly eventStartMs: number;
  /** Wall-clock time the run started, epoch ms. */
  readonly wallStartMs: number;
  /** Event-time ms per wall ms; 0 = as fast as possible (no event-time pacing). */
  readonly compression: number;
  /** Largest number of records per wall second; 0 = unlimited. */
  readonly ratePerSecond: number;
}

/**
 * Wall time at which an event of time `eventTimeMs` is due under event-time pacing alone:
 * `wallStartMs + (eventTimeMs - eventStartMs) / compression`. Events before the start (a backfill) are
 * due at once, and so is everything with `compression` 0.
 */
export function pacedWallMs(eventTimeMs: number, settings: PacingSettings): number {
  const { eventStartMs, wallStartMs, compression } = settings;
  if (compression <= 0) return wallStartMs;
  return wallStartMs + Math.max(0, eventTimeMs - eventStartMs) / compression;
}

/**
 * Due times of successive records: event-time pacing, then a rate limit that spaces records at least
 * `1000 / ratePerSecond` ms apart. After a stall (a slow broker) the limiter lets at most one second's
 * worth of records through at once, so catching up never exceeds the rate by more than that burst.
 * Pure: the caller passes the wall clock in.
 */
export class Pacer {
  private readonly intervalMs: number;
  private lastDueMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly settings: PacingSettings) {
    this.intervalMs = settings.ratePerSecond > 0 ? 1000 / settings.ratePerSecond : 0;
  }

  /**
   * Wall time at which the next record, of event time `eventTimeMs`, may be sent; `nowMs` is the
   * current wall time. Call once per record, in send order.
   */
  dueAt(eventTimeMs: number, nowMs: number): number {
    const paced = pacedWallMs(eventTimeMs, this.settings);
    if (this.intervalMs === 0) return paced;
    const earliest = Math.max(this.lastDueMs, nowMs - 1000) + this.intervalMs;
    this.lastDueMs = Math.max(paced, earliest);
    return this.lastDueMs;
  }
}
