import { z } from 'zod';

// The simulator's stdout protocol: one JSON object per line. The demo reads only what it reports on;
// other lines (and other fields) are ignored so that the simulator may say more later.
const planLine = z.object({
  type: z.literal('plan'),
  day: z.number(),
  startMs: z.number(),
  endMs: z.number(),
  congestion: z.number(),
  accidents: z.array(z.string()),
  caseSpikeGridId: z.string(),
  overduePermits: z.number(),
});
const sentLine = z.object({
  type: z.literal('sent'),
  incidentId: z.string(),
  gridId: z.string(),
  injured: z.number(),
  dead: z.number(),
  sentAtMs: z.number(),
});
const summaryLine = z.object({
  type: z.literal('summary'),
  events: z.number(),
  malformed: z.number(),
  seconds: z.number(),
  eventsPerSecond: z.number(),
});
const simulatorLine = z.discriminatedUnion('type', [planLine, sentLine, summaryLine]);

/** A line of the simulator's stdout that the demo understands. */
export type SimulatorOutput = z.infer<typeof simulatorLine>;

/** Parses one stdout line of the simulator; `undefined` for anything else (not JSON, another type). */
export function parseSimulatorLine(line: string): SimulatorOutput | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = simulatorLine.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
