import type { CaseEvent, CaseChannel } from '@citybrain/domain';
import { SERVICE_WEIGHTS, serviceDefinition, type ServiceDefinition } from './case-catalogue';
import { caseLifecycle, HOURLY_CASE_ACTIVITY } from './case-lifecycle';
import type { ScheduledCaseSpike } from './case-spike';
import { cityHourOfDay, HOUR_MS } from './city-clock';
import type { EventIds } from './event-ids';
import type { EventQueue } from './event-queue';
import type { Locator } from './locator';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';

/** Share of the spike's reports about its theme; the rest are whatever neighbours notice meanwhile. */
const SPIKE_THEME_SHARE = 0.7;
/**
 * Cases reported this long before the period are the work orders still open at its start: their
 * earlier stages are backfilled at the start, their later ones (closures among them) happen in the
 * period. Without them no work order of a short run could close (the quickest take ~50 minutes),
 * so the closure KPIs (按期结案率) would stay empty.
 */
export const CASE_BACKLOG_MS = 12 * HOUR_MS;

/**
 * City-management cases: reports arrive as a Poisson process over all grids (uniformly) whose rate
 * follows residents' hourly activity, peaking at `casesPerGridPerHour` per grid; plus the planned
 * spike's reports in its grid. Each case is queued with its whole lifecycle at once (the queue sorts
 * the stages among the other events).
 */
export class CaseSource {
  private nextArrivalMs: number;
  private readonly meanGapMs: number;
  private spikeCursor = 0;
  private caseCount = 0;

  constructor(
    private readonly options: ResolvedScenarioOptions,
    private readonly spike: ScheduledCaseSpike,
    private readonly rng: Random,
    private readonly ids: EventIds,
    private readonly locator: Locator,
  ) {
    const peakRatePerHour = options.grids.length * options.casesPerGridPerHour;
    this.meanGapMs = peakRatePerHour > 0 ? HOUR_MS / peakRatePerHour : Number.POSITIVE_INFINITY;
    this.nextArrivalMs = options.startMs - (peakRatePerHour > 0 ? CASE_BACKLOG_MS : 0) + this.gap();
  }

  /** Queues every case reported before `untilMs`, with all its stages. */
  emitUntil(untilMs: number, queue: EventQueue): void {
    while (this.nextArrivalMs < untilMs) {
      const atMs = Math.ceil(this.nextArrivalMs);
      // Thinning: candidates at the peak rate, kept with the hour's relative activity.
      if (this.rng.chance(HOURLY_CASE_ACTIVITY[cityHourOfDay(atMs)] ?? 0)) {
        this.report(this.rng.pick(this.options.grids), atMs, this.rng.weighted(SERVICE_WEIGHTS), queue);
      }
      this.nextArrivalMs += this.gap();
    }
    const times = this.spike.reportTimesMs;
    for (let t = times[this.spikeCursor]; t !== undefined && t < untilMs; t = times[++this.spikeCursor]) {
      const service = this.rng.chance(SPIKE_THEME_SHARE)
        ? serviceDefinition(this.spike.plan.serviceCode)
        : this.rng.weighted(SERVICE_WEIGHTS);
      this.report(this.spike.grid, t, service, queue);
    }
  }

  private gap(): number {
    return Number.isFinite(this.meanGapMs) ? this.rng.exponential(this.meanGapMs) : this.meanGapMs;
  }

  private report(grid: SimGrid, receivedMs: number, service: ServiceDefinition, queue: EventQueue): void {
    const rng = this.rng;
    this.caseCount += 1;
    const caseId = `sim-${this.options.seed}-case-${this.caseCount}`;
    const urgency = rng.chance(service.urgentShare) ? 'urgent' : 'normal';
    const channel = rng.weighted(service.channels);
    const description = rng.pick(service.descriptions);
    const location = this.locator.of(grid);
    const steps = caseLifecycle(rng, service, urgency, receivedMs, this.intakeSource(channel, grid));
    // A case of the backlog that was closed before the period is history, not an open work order.
    if ((steps.at(-1)?.atMs ?? 0) < this.options.startMs) return;
    for (const step of steps) {
      const event: CaseEvent = {
        eventId: this.ids.next(),
        eventTimeMs: step.atMs,
        source: step.source,
        location,
        family: 'case',
        caseId,
        stage: step.stage,
        serviceCode: service.code,
        urgency,
        channel,
        description,
      };
      queue.push(event);
    }
  }

  private intakeSource(channel: CaseChannel, grid: SimGrid): string {
    switch (channel) {
      case 'hotline':
        return 'hotline-12345';
      case 'resident':
        return 'app-zheliban';
      case 'inspector':
        return `inspector/${grid.id}`;
      case 'camera':
        return `camera/${grid.id}-C${this.rng.int(1, 3)}`;
    }
  }
}
