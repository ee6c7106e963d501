import type { Alert, LocatedEvent } from '@citybrain/domain';
import { CityPipeline } from '@citybrain/pipeline';
import type { RuleSet } from '@citybrain/rules';
import { seriesEvents } from './series';
import type { ExpectedAlert, RuleTest, RuleTestFile } from './test-file';

/** What one evaluation point of a test found. */
export interface EvalOutcome {
  /** Offset from the file's start, ms. */
  readonly evalTimeMs: number;
  readonly ok: boolean;
  /**
   * The difference, one line per alert: `- ` expected but not raised, `+ ` raised but not expected,
   * `~ ` raised with other values (each differing field as `field: expected → got`).
   */
  readonly diff: readonly string[];
}

/** The outcome of one rule test. */
export interface RuleTestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly evals: readonly EvalOutcome[];
  /** Set when the test could not run (e.g. a grid the registry does not know). */
  readonly error?: string;
}

/** Labels every alert carries, set by the engine; tests need not list them. */
const IMPLIED_LABELS = new Set(['scope', 'areaId']);

/**
 * Runs every test of `file` against `ruleSet` through the processor's own pipeline
 * ({@link CityPipeline}): the input's events in event-time order, one partition, no out-of-orderness;
 * at each `eval_time` the event-time clock is moved to that instant (windows that ended by then are
 * final, deadlines that passed fire), and the alerts as they stand then — every alert raised so far,
 * with its latest status — must be exactly the expected ones. Deterministic and pure.
 */
export function runRuleTests(
  file: RuleTestFile,
  ruleSet: RuleSet,
  areaOf: (gridId: string) => string | undefined,
): RuleTestResult[] {
  return file.tests.map((t) => runOne(t, file.startMs, ruleSet, areaOf));
}

function runOne(
  test: RuleTest,
  startMs: number,
  ruleSet: RuleSet,
  areaOf: (gridId: string) => string | undefined,
): RuleTestResult {
  const events = seriesEvents(test.input, startMs, test.interval);
  const unknown = [
    ...new Set(events.map((e) => (e.location.kind === 'grid' ? e.location.gridId : ''))),
  ].filter((g) => areaOf(g) === undefined);
  if (unknown.length > 0)
    return {
      name: test.name,
      ok: false,
      evals: [],
      error: `unknown grid ${unknown.join(', ')} in the input`,
    };
  // Processing time runs with event time, and the processing-time fallback moves the clock to each
  // evaluation point, as the processor's clock would in a quiet city.
  const pipeline = new CityPipeline<number>(
    {
      graceMs: 0,
      watermark: {
        maxOutOfOrdernessMs: 0,
        idleTimeoutMs: Number.POSITIVE_INFINITY,
        idleAdvanceAfterMs: 0,
        eventTimePerProcessingMs: 1,
      },
    },
    ruleSet,
    areaOf,
  );
  const latest = new Map<string, Alert>();
  const take = (alerts: readonly Alert[]) => {
    for (const a of alerts) latest.set(a.alertId, a);
  };
  let next = 0;
  const evals: EvalOutcome[] = [];
  for (const point of [...test.alerts].sort((a, b) => a.eval_time - b.eval_time)) {
    const atMs = startMs + point.eval_time;
    for (; next < events.length && events[next]!.eventTimeMs <= atMs; next++) {
      const e = events[next]!;
      const gridId = e.location.kind === 'grid' ? e.location.gridId : '';
      const located = { ...e, gridId, areaId: areaOf(gridId)! } as LocatedEvent;
      take(
        pipeline.processBatch([{ event: located, partition: 'p/0', offset: next, ref: next }], e.eventTimeMs)
          .alerts,
      );
    }
    take(pipeline.tick(atMs).alerts);
    const diff = compare(point.exp_alerts, [...latest.values()], startMs);
    evals.push({ evalTimeMs: point.eval_time, ok: diff.length === 0, diff });
  }
  return { name: test.name, ok: evals.every((e) => e.ok), evals };
}

function ownLabels(a: Alert): Record<string, string> {
  return Object.fromEntries(Object.entries(a.labels).filter(([k]) => !IMPLIED_LABELS.has(k)));
}

const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

/** Same alert: rule, grid, labels (when given) and start (when given). */
function sameIdentity(e: ExpectedAlert, a: Alert, startMs: number): boolean {
  return (
    e.rule === a.rule &&
    e.grid === a.gridId &&
    (e.labels === undefined || sameLabels(e.labels, ownLabels(a))) &&
    (e.starts_at === undefined || startMs + e.starts_at === a.startsAtMs)
  );
}

/** The fields of `e` that `a` does not have, as `field: expected → got`. */
function differences(e: ExpectedAlert, a: Alert, startMs: number): string[] {
  const out: string[] = [];
  const field = (name: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got) out.push(`${name}: ${show(want)} → ${show(got)}`);
  };
  field('status', e.status, a.status);
  field('severity', e.severity, a.severity);
  field('value', e.value, a.value);
  field(
    'ends_at',
    e.ends_at === undefined ? undefined : offset(e.ends_at),
    a.endsAtMs === undefined ? undefined : offset(a.endsAtMs - startMs),
  );
  field('summary', e.summary, a.summary);
  return out;
}

function compare(expected: readonly ExpectedAlert[], got: readonly Alert[], startMs: number): string[] {
  const left = [...got].sort((a, b) => describe(a, startMs).localeCompare(describe(b, startMs)));
  const unmatched: ExpectedAlert[] = [];
  // Exact matches first, so that a near miss is paired with the alert it is about.
  for (const e of expected) {
    const i = left.findIndex((a) => sameIdentity(e, a, startMs) && differences(e, a, startMs).length === 0);
    if (i >= 0) left.splice(i, 1);
    else unmatched.push(e);
  }
  const diff: string[] = [];
  for (const e of unmatched) {
    const i = left.findIndex((a) => sameIdentity(e, a, startMs));
    if (i < 0) {
      diff.push(`- ${describeExpected(e)}   (expected, not raised)`);
      continue;
    }
    const [a] = left.splice(i, 1);
    diff.push(`~ ${describe(a!, startMs)}`);
    for (const d of differences(e, a!, startMs)) diff.push(`    ${d}`);
  }
  for (const a of left) diff.push(`+ ${describe(a, startMs)}   (raised, not expected)`);
  return diff;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** An offset in ms as a duration: `90m` → `1h30m`. */
export function offset(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return sign + out;
}

const labelText = (labels: Readonly<Record<string, string>>): string => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : ` {${keys.map((k) => `${k}=${labels[k]!}`).join(', ')}}`;
};

/** An alert as the diff shows it: identity, status, severity, value and times. */
function describe(a: Alert, startMs: number): string {
  const ends = a.endsAtMs === undefined ? '' : ` ends_at=${offset(a.endsAtMs - startMs)}`;
  return `${a.rule} ${a.gridId}${labelText(ownLabels(a))} ${a.status} ${a.severity} value=${a.value} starts_at=${offset(a.startsAtMs - startMs)}${ends}`;
}

function describeExpected(e: ExpectedAlert): string {
  const parts = [`${e.rule} ${e.grid}${labelText(e.labels ?? {})} ${e.status} ${e.severity}`];
  if (e.value !== undefined) parts.push(`value=${e.value}`);
  if (e.starts_at !== undefined) parts.push(`starts_at=${offset(e.starts_at)}`);
  if (e.ends_at !== undefined) parts.push(`ends_at=${offset(e.ends_at)}`);
  return parts.join(' ');
}
