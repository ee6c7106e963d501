import { MINUTE_MS } from './city-clock';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';

/** The backlog spike: one grid gets many reports in a short time. */
export interface PlannedCaseSpike {
  readonly gridId: string;
  readonly areaId: string;
  /** First moment of the spike, epoch ms, on a whole minute from the period's start. */
  readonly fromMs: number;
  /** End of the spike, exclusive: 30 minutes after `fromMs` (the whole period if shorter). */
  readonly toMs: number;
  /** Reports received in `[fromMs, toMs)` on top of the grid's base rate. */
  readonly reports: number;
  /** What most of the spike is about (70% of its reports). */
  readonly serviceCode: string;
}

/** The spike with the report times the generator uses. */
export interface ScheduledCaseSpike {
  readonly plan: PlannedCaseSpike;
  readonly grid: SimGrid;
  /** Ascending, evenly spread with jitter so that every 10-minute window inside the spike gets its share. */
  readonly reportTimesMs: readonly number[];
}

const SPIKE_DURATION_MS = 30 * MINUTE_MS;
/** Renovation waste dumped along several streets: the article's example, many neighbours calling. */
export const SPIKE_SERVICE_CODE = 'waste.dumping';

/** Picks the spike's grid and its 30 minutes (uniform over the period) and spreads its reports. */
export function planCaseSpike(options: ResolvedScenarioOptions, rng: Random): ScheduledCaseSpike {
  const grid = rng.pick(options.grids);
  const durationMs = Math.min(SPIKE_DURATION_MS, options.durationMs);
  const fromMs =
    options.startMs + rng.int(0, Math.floor((options.durationMs - durationMs) / MINUTE_MS)) * MINUTE_MS;
  const reports = options.caseSpikeReports;
  const reportTimesMs: number[] = [];
  for (let i = 0; i < reports; i++) {
    reportTimesMs.push(fromMs + Math.floor(((i + rng.between(0.05, 0.95)) * durationMs) / reports));
  }
  return {
    plan: {
      gridId: grid.id,
      areaId: grid.areaId,
      fromMs,
      toMs: fromMs + durationMs,
      reports,
      serviceCode: SPIKE_SERVICE_CODE,
    },
    grid,
    reportTimesMs,
  };
}
