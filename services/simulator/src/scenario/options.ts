import { z } from 'zod';
import { ScenarioOptionsError } from './errors';

/** A grid as the simulator needs it: its id, its area and a point inside it. */
export interface SimGrid {
  readonly id: string;
  readonly areaId: string;
  /** A representative point of the grid, WGS84 degrees; it must locate to this grid. */
  readonly centroid: { readonly lat: number; readonly lon: number };
}

/** What to simulate. Only `seed`, `grids`, `startMs` and `durationMs` are required. */
export interface ScenarioOptions {
  /** Seed of every random choice, an integer in `[0, 2^32)`. Same seed and options, same events. */
  readonly seed: number;
  /** The grids events happen in; ids must be unique. */
  readonly grids: readonly SimGrid[];
  /** Event-time start of the simulated period, epoch ms (e.g. a Longgang morning). */
  readonly startMs: number;
  /** Length of simulated city time, ms. */
  readonly durationMs: number;
  /**
   * How often each road-segment sensor reports, ms (default 20 000: three observations per segment per
   * minute, which a 1-minute congestion window needs — the congestion rule asks for at least 3).
   * Lower it to produce more events for benchmarks.
   */
  readonly observationIntervalMs?: number;
  /** Fraction of events that carry coordinates instead of a grid id, 0..1 (default 0.2). */
  readonly pointFraction?: number;
  /**
   * Largest distance of a point location from its grid's centroid, metres (default 0: points sit on the
   * centroid, which the grid registry guarantees to locate to its grid; a larger value is more realistic
   * but may put a point of a small or concave grid into its neighbour).
   */
  readonly pointJitterM?: number;
  /** Grids that get an injected congestion episode, preferably in rush hour (default 3, at most every grid). */
  readonly congestedGrids?: number;
  /** Serious accidents (injured ≥ 1) that are reported and solved inside the period (default 3). */
  readonly seriousAccidents?: number;
  /** Minor incidents: accidents without injuries (1–2 vehicles) and breakdowns (default 6). */
  readonly minorIncidents?: number;
  /** Base rate of new city-management cases per grid per hour at the busiest time of day (default 0.4). */
  readonly casesPerGridPerHour?: number;
  /** Reports in the backlog spike of one grid, spread over 30 simulated minutes (default 24). */
  readonly caseSpikeReports?: number;
  /** New permit applications per hour city-wide in office hours, tenfold fewer at night (default 3). */
  readonly permitsPerHour?: number;
  /**
   * Permits planted so that their 8-day stage deadline falls inside the period, on top of the ~10% of
   * all permits that overrun anyway (default 2).
   */
  readonly overduePermits?: number;
  /** Accident clusters: 3 minor accidents in one grid, 8–12 minutes apart (default 1). */
  readonly accidentClusters?: number;
  /** Work orders that miss a deadline: normal ones dispatched late, urgent ones accepted late (default 2). */
  readonly stalledOrders?: number;
  /** Area-wide slowdowns: every arterial road of one area congested for 15 minutes (0 or 1, default 1). */
  readonly areaSlowdowns?: number;
  /**
   * Bound of the event-time disorder of the stream, ms (default 0: non-decreasing event time). With
   * `d > 0` every event is emitted at most `d` ms of event time after a later one, as a source with
   * network delays would.
   */
  readonly maxDisorderMs?: number;
}

const simGridSchema = z.object({
  id: z.string().min(1),
  areaId: z.string().min(1),
  centroid: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
});

/** Fails on any option `generateScenario` cannot honour; fills in the defaults. */
export const scenarioOptionsSchema = z.object({
  seed: z.number().int().min(0).max(0xffff_ffff),
  grids: z
    .array(simGridSchema)
    .min(1)
    .superRefine((grids, ctx) => {
      const seen = new Set<string>();
      grids.forEach((grid, index) => {
        if (seen.has(grid.id)) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate grid id ${grid.id}` });
        }
        seen.add(grid.id);
      });
    }),
  startMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  durationMs: z
    .number()
    .int()
    .positive()
    .max(366 * 24 * 3_600_000),
  observationIntervalMs: z.number().int().min(100).max(3_600_000).default(20_000),
  pointFraction: z.number().min(0).max(1).default(0.2),
  pointJitterM: z.number().min(0).max(1000).default(0),
  congestedGrids: z.number().int().min(0).default(3),
  seriousAccidents: z.number().int().min(0).max(1000).default(3),
  minorIncidents: z.number().int().min(0).max(10_000).default(6),
  casesPerGridPerHour: z.number().min(0).max(1000).default(0.4),
  caseSpikeReports: z.number().int().min(1).max(100_000).default(24),
  permitsPerHour: z.number().min(0).max(1000).default(3),
  overduePermits: z.number().int().min(0).max(1000).default(2),
  maxDisorderMs: z.number().int().min(0).max(3_600_000).default(0),
  accidentClusters: z.number().int().min(0).max(100).default(1),
  stalledOrders: z.number().int().min(0).max(1000).default(2),
  areaSlowdowns: z.number().int().min(0).max(1).default(1),
});

/** Options with every default filled in, as the generator uses them. */
export type ResolvedScenarioOptions = Readonly<z.output<typeof scenarioOptionsSchema>> & {
  /** End of the period, exclusive: `startMs + durationMs`. */
  readonly endMs: number;
};

/**
 * Validates `options` and fills in the defaults.
 * @throws ScenarioOptionsError naming every bad option.
 */
export function resolveScenarioOptions(options: ScenarioOptions): ResolvedScenarioOptions {
  const parsed = scenarioOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ScenarioOptionsError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
      { cause: parsed.error },
    );
  }
  return Object.freeze({ ...parsed.data, endMs: parsed.data.startMs + parsed.data.durationMs });
}
