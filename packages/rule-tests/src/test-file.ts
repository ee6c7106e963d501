import type { AlertStatus, Severity } from '@citybrain/domain';
import { SEVERITIES } from '@citybrain/domain';
import { parseDurationMs } from '@citybrain/rules';
import { z } from 'zod';
import { RuleTestFileError } from './errors';

/** Offsets and intervals are durations as in rule files (`90s`, `5m`, `1h30m`, `8d`), from `start`. */
const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDurationMs(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(v)} (e.g. 20s, 5m, 1h, 8d)` });
    return z.NEVER;
  }
  return ms;
});
const positiveDuration = duration.refine((ms) => ms > 0, 'must be > 0');
const grid = z.string().min(1);
const labels = z.record(z.string(), z.string()).optional();

const trafficSeries = z.strictObject({
  traffic: z.strictObject({
    grid,
    road_class: z.enum(['expressway', 'arterial', 'secondary']).default('arterial'),
    segment: z.string().min(1).optional(),
    intensity: z.number().nonnegative().default(20),
  }),
  /** Offset of the first value (default 0). */
  start: duration.default(0),
  /** Spacing of the values (default: the test's `interval`). */
  interval: positiveDuration.optional(),
  /** Speeds in km/h, space-separated: `12` one observation, `12x3` three, `_` or `_x5` none (a gap). */
  values: z.string(),
});

const incidentSeries = z.strictObject({
  incident: z.strictObject({
    grid,
    type: z.enum(['accident', 'breakdown', 'roadWorks', 'obstacle']).default('accident'),
    status: z.enum(['onGoing', 'solved', 'archived']).default('onGoing'),
    /** One incident's updates share an id; without it, each time is a new incident. */
    id: z.string().min(1).optional(),
    injured: z.number().int().nonnegative().default(0),
    dead: z.number().int().nonnegative().default(0),
    vehicles: z.number().int().nonnegative().default(2),
  }),
  at: z.array(duration).min(1),
});

const caseSeries = z.strictObject({
  case: z.strictObject({
    grid,
    id: z.string().min(1),
    service_code: z.string().min(1).default('waste.dumping'),
    urgency: z.enum(['normal', 'urgent']).default('normal'),
  }),
  /** Stage → offset, e.g. `{ received: 0m, dispatched: 40m, closed: 2h }`. */
  stages: z.partialRecord(
    z.enum(['received', 'dispatched', 'accepted', 'bounced', 'handled', 'verified', 'closed']),
    duration,
  ),
});

const permitSeries = z.strictObject({
  permit: z.strictObject({ grid, id: z.string().min(1), project: z.string().min(1).default('project') }),
  stages: z.partialRecord(z.enum(['filed', 'review', 'permitIssued', 'rejected']), duration),
});

const expectedAlert = z.strictObject({
  rule: z.string().min(1),
  /** The alert's grid id (the area id for area rules). */
  grid,
  status: z.enum(['firing', 'resolved']),
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
  /** The rule's and alert's own labels, exactly (`scope` and `areaId` are implied). */
  labels,
  value: z.number().optional(),
  starts_at: duration.optional(),
  ends_at: duration.optional(),
  summary: z.string().optional(),
});

const testSchema = z.strictObject({
  name: z.string().min(1),
  /** Default spacing of traffic series values. */
  interval: positiveDuration.default(20_000),
  input: z.array(z.union([trafficSeries, incidentSeries, caseSeries, permitSeries])).default([]),
  alerts: z
    .array(z.strictObject({ eval_time: duration, exp_alerts: z.array(expectedAlert).default([]) }))
    .min(1),
});

const fileSchema = z.strictObject({
  /** The rule file under test, relative to this file. */
  rule_file: z.string().min(1),
  /** The grid registry, relative to this file (default: the caller's, e.g. the shipped one). */
  grids_file: z.string().min(1).optional(),
  /** Time zero of every offset (RFC 3339; default 2026-11-25T08:00:00+08:00). */
  start: z.iso.datetime({ offset: true }).default('2026-11-25T08:00:00+08:00'),
  tests: z.array(testSchema).min(1),
});

/** A traffic series: observations of one road class of a grid. */
export type TrafficSeries = z.output<typeof trafficSeries>;
/** Incident reports of a grid at given times. */
export type IncidentSeries = z.output<typeof incidentSeries>;
/** One work order's stages. */
export type CaseSeries = z.output<typeof caseSeries>;
/** One permit's stages. */
export type PermitSeries = z.output<typeof permitSeries>;
/** Any input series. */
export type InputSeries = TrafficSeries | IncidentSeries | CaseSeries | PermitSeries;

/** An alert a test expects at an evaluation point. */
export interface ExpectedAlert {
  readonly rule: string;
  readonly grid: string;
  readonly status: AlertStatus;
  readonly severity: Severity;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly value?: number | undefined;
  /** Offsets from the file's `start`, ms. */
  readonly starts_at?: number | undefined;
  readonly ends_at?: number | undefined;
  readonly summary?: string | undefined;
}

/** One rule test: input series and the alerts expected at evaluation points (offsets in ms). */
export interface RuleTest {
  readonly name: string;
  readonly interval: number;
  readonly input: readonly InputSeries[];
  readonly alerts: readonly { readonly eval_time: number; readonly exp_alerts: readonly ExpectedAlert[] }[];
}

/** A validated rule-test file. */
export interface RuleTestFile {
  readonly ruleFile: string;
  readonly gridsFile: string | undefined;
  /** Time zero, epoch ms. */
  readonly startMs: number;
  readonly tests: readonly RuleTest[];
}

/**
 * Validates a parsed rule-test file (YAML or JSON).
 *
 * @throws RuleTestFileError naming every bad entry by path (e.g. `tests[0].input[1].values`).
 */
export function parseRuleTestFile(doc: unknown): RuleTestFile {
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success)
    throw new RuleTestFileError(
      parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
    );
  const f = parsed.data;
  const issues: { path: string; message: string }[] = [];
  f.tests.forEach((t, i) =>
    t.input.forEach((s, j) => {
      if ('values' in s) {
        const problem = valuesProblem(s.values);
        if (problem !== undefined) issues.push({ path: `tests[${i}].input[${j}].values`, message: problem });
      }
    }),
  );
  if (issues.length > 0) throw new RuleTestFileError(issues);
  return {
    ruleFile: f.rule_file,
    gridsFile: f.grids_file,
    startMs: Date.parse(f.start),
    tests: f.tests,
  };
}

const VALUE = /^(_|-?\d+(\.\d+)?)(x(\d+))?$/;

/** The values of a compact series: numbers, and `undefined` for gaps. */
export function expandValues(text: string): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (const part of text.trim().split(/\s+/)) {
    if (part === '') continue;
    const m = VALUE.exec(part);
    if (m === null) continue;
    const value = m[1] === '_' ? undefined : Number(m[1]);
    for (let k = 0; k < (m[4] === undefined ? 1 : Number(m[4])); k++) out.push(value);
  }
  return out;
}

function valuesProblem(text: string): string | undefined {
  const bad = text
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '' && !VALUE.test(p));
  return bad.length === 0
    ? undefined
    : `not a value: ${bad.map((b) => JSON.stringify(b)).join(', ')} (e.g. 12, 12x3, _, _x5)`;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
