import type { AlertKind, CaseUrgency, Severity } from '@citybrain/domain';
import { ALERT_KINDS, SEVERITIES } from '@citybrain/domain';
import { z } from 'zod';
import type { SpeedBandsKmh } from './congestion-level';
import { DEFAULT_SPEED_BANDS_KMH } from './congestion-level';
import { parseDurationMs } from './duration';
import { RulesConfigError, type RulesConfigIssue } from './errors';

/** Which events a measure reads: traffic observations, traffic incidents, case or permit events. */
export type MeasureStream = 'traffic' | 'incident' | 'case' | 'permit';
export const MEASURE_STREAMS: readonly MeasureStream[] = ['traffic', 'incident', 'case', 'permit'];

/** `grid`: one alert per grid; `area`: the measure aggregates every grid of an area into one alert. */
export type RuleScope = 'grid' | 'area';

/** Event fields a measure may filter on (equality with one of the listed values), per stream. */
export const FILTER_FIELDS: Readonly<Record<MeasureStream, readonly string[]>> = {
  traffic: ['roadClass', 'refRoadSegment', 'source'],
  incident: ['incidentType', 'status', 'source'],
  case: ['stage', 'serviceCode', 'urgency', 'channel', 'source'],
  permit: ['stage', 'source'],
};

/** Numeric event fields a measure may aggregate, per stream. */
export const NUMERIC_FIELDS: Readonly<Record<MeasureStream, readonly string[]>> = {
  traffic: ['averageVehicleSpeedKmh', 'intensity', 'occupancy'],
  incident: ['injured', 'dead', 'vehiclesInvolved'],
  case: [],
  permit: [],
};

/** Identifier fields whose distinct values a measure may count, per stream. */
export const DISTINCT_FIELDS: Readonly<Record<MeasureStream, readonly string[]>> = {
  traffic: ['refRoadSegment'],
  incident: ['incidentId'],
  case: ['caseId', 'serviceCode'],
  permit: ['permitId'],
};

/** A window of the windowing package, with its sizes in ms (Kafka Streams vocabulary). */
export type MeasureWindow =
  | { readonly kind: 'tumbling'; readonly sizeMs: number; readonly graceMs: number }
  | {
      readonly kind: 'hopping';
      readonly sizeMs: number;
      readonly advanceMs: number;
      readonly graceMs: number;
    }
  | { readonly kind: 'session'; readonly gapMs: number; readonly graceMs: number };

/**
 * How a window's events become one number. `mean` may be weighted by another field; `distinct`
 * counts distinct values of an identifier (incidents, not their updates).
 */
export type MeasureAggregation =
  | { readonly fn: 'count' }
  | { readonly fn: 'distinct'; readonly field: string }
  | { readonly fn: 'sum' | 'min' | 'max'; readonly field: string }
  | { readonly fn: 'mean'; readonly field: string; readonly weightField: string | undefined };

/** The windowed measure of a threshold rule. */
export interface Measure {
  readonly stream: MeasureStream;
  /** Field → accepted values; an event passes when every listed field has one of its values. */
  readonly filter: Readonly<Record<string, readonly string[]>>;
  readonly window: MeasureWindow;
  readonly aggregation: MeasureAggregation;
  /** A window with fewer events is no evidence: it neither fires nor resolves. Default 1. */
  readonly minCount: number;
}

/** Comparison operator of a condition: the alert holds while `value <op> threshold`. */
export type ComparisonOp = '>' | '>=' | '<' | '<=';

/** The comparison of a threshold rule. */
export interface Condition {
  readonly op: ComparisonOp;
  readonly threshold: number;
  /** Per-area thresholds replacing `threshold` (area id → threshold). */
  readonly areaOverrides: Readonly<Record<string, number>>;
  /**
   * Trailing baseline (tumbling windows, `>`/`>=` only): the effective threshold is
   * `max(threshold, factor × mean of the key's previous `windows` windows)`, empty windows counting 0.
   */
  readonly baseline: { readonly windows: number; readonly factor: number } | undefined;
}

/** A bilingual summary template; `{name}` placeholders are filled with the alert's values. */
export interface SummaryTemplate {
  readonly zh: string;
  readonly en: string;
}

/** Fields every rule has. */
interface RuleBase {
  /** Alert name (the alert's `rule`); rules may share it when their labels differ. */
  readonly name: string;
  /** `name` plus labels, e.g. `traffic-congestion{roadClass=arterial}`: unique in a rule set. */
  readonly id: string;
  readonly scope: RuleScope;
  readonly kind: AlertKind;
  readonly subCategory: string;
  readonly severity: Severity;
  /** Static labels; every alert also gets `scope` and `areaId`. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A windowed measure compared with a threshold, Prometheus-style (`for`, `keep_firing_for`). */
export interface ThresholdRule extends RuleBase {
  readonly type: 'threshold';
  readonly measure: Measure;
  readonly condition: Condition;
  /** Worse values (same direction as `op`) that raise the severity; sorted, mildest first. */
  readonly escalate: readonly { readonly threshold: number; readonly severity: Severity }[];
  /** Event time the condition must hold (from the first true window's end) before firing. */
  readonly forMs: number;
  /** Event time a firing alert keeps firing after its last true window. */
  readonly keepFiringForMs: number;
  /**
   * A firing alert with no true window for this long past the last one resolves (no data). Infinite
   * for session rules: a session alert ends with its session's final result.
   */
  readonly staleAfterMs: number;
  readonly summary: SummaryTemplate;
  readonly resolvedSummary: SummaryTemplate;
}

/**
 * Optional summary of a lifecycle rule's firing alerts (default: a built-in bilingual text).
 * Placeholders: {gridId} {areaId} {value} {threshold} {startsAt} and the alert's labels (e.g.
 * {incidentId}, {permitId}, {stage}, {caseId}, {deadline}).
 */
interface LifecycleSummary {
  readonly summary: SummaryTemplate | undefined;
}

/** Serious accidents, immediately (no window): casualties, or at least `minVehicles` vehicles. */
export interface SeriousAccidentRuleConfig extends RuleBase, LifecycleSummary {
  readonly type: 'serious-accident';
  readonly minVehicles: number;
  readonly closedRetentionMs: number;
}

/** Deadlines of a work order, each measured from its receipt, ms. */
export interface WorkOrderDeadlines {
  readonly dispatchMs: number;
  readonly acceptMs: number;
  readonly closeMs: number;
}

/** Work-order lifecycle deadlines per urgency, with per-service-code overrides. */
export interface WorkOrderRuleConfig extends RuleBase, LifecycleSummary {
  readonly type: 'work-order-deadline';
  readonly deadlines: Readonly<Record<CaseUrgency, WorkOrderDeadlines>>;
  /** Service code → urgency → deadlines replacing the defaults (partial). */
  readonly byServiceCode: Readonly<
    Record<string, Readonly<Partial<Record<CaseUrgency, Partial<WorkOrderDeadlines>>>>>
  >;
  /** An alert still overdue this long past its deadline escalates to `escalatedSeverity`. */
  readonly escalateAfterMs: number;
  readonly escalatedSeverity: Severity;
  readonly closedRetentionMs: number;
}

/** Permit deadlines per stage and overall (filing → construction permit). */
export interface PermitRuleConfig extends RuleBase, LifecycleSummary {
  readonly type: 'permit-deadline';
  readonly stageDeadlineMs: number;
  readonly overallDeadlineMs: number;
  readonly closedRetentionMs: number;
}

/** Any rule of a rule file. */
export type RuleConfig = ThresholdRule | SeriousAccidentRuleConfig | WorkOrderRuleConfig | PermitRuleConfig;

/** Settings of the KPI metrics computed beside the rules. */
export interface KpiConfig {
  /** Tumbling window of the per-grid congestion level gauge, ms. */
  readonly congestionWindowMs: number;
  readonly speedBandsKmh: SpeedBandsKmh;
}

/** A validated, frozen rule file. */
export interface RuleSet {
  readonly rules: readonly RuleConfig[];
  readonly kpi: KpiConfig;
}

const DAY_MS = 86_400_000;

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDurationMs(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(v)} (e.g. 90s, 5m, 1h, 8d)` });
    return z.NEVER;
  }
  return ms;
});
const positiveDuration = duration.refine((ms) => ms > 0, 'must be > 0');
const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label names are [a-zA-Z_][a-zA-Z0-9_]*');
const labels = z
  .record(labelName, z.string().min(1))
  .default({})
  .refine((l) => !('scope' in l) && !('areaId' in l), 'scope and areaId are set by the engine');
const summary = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const windowSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tumbling'), size: positiveDuration, grace: duration.default(0) }),
  z.strictObject({
    kind: z.literal('hopping'),
    size: positiveDuration,
    advance: positiveDuration,
    grace: duration.default(0),
  }),
  z.strictObject({ kind: z.literal('session'), gap: positiveDuration, grace: duration.default(0) }),
]);

const aggregationSchema = z.discriminatedUnion('fn', [
  z.strictObject({ fn: z.literal('count') }),
  z.strictObject({ fn: z.literal('distinct'), field: z.string() }),
  z.strictObject({ fn: z.enum(['sum', 'min', 'max']), field: z.string() }),
  z.strictObject({ fn: z.literal('mean'), field: z.string(), weight: z.string().optional() }),
]);

const common = {
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'rule names are kebab-case'),
  scope: z.enum(['grid', 'area']).default('grid'),
  kind: z.enum(ALERT_KINDS as [AlertKind, ...AlertKind[]]),
  sub_category: z.string().min(1),
  severity,
  labels,
};

const thresholdSchema = z.strictObject({
  ...common,
  type: z.literal('threshold'),
  measure: z.strictObject({
    stream: z.enum(MEASURE_STREAMS as [MeasureStream, ...MeasureStream[]]),
    filter: z.record(z.string(), oneOrMany).default({}),
    window: windowSchema,
    aggregation: aggregationSchema,
    min_count: z.number().int().min(1).default(1),
  }),
  condition: z.strictObject({
    op: z.enum(['>', '>=', '<', '<=']),
    threshold: z.number(),
    area_overrides: z.record(z.string(), z.number()).default({}),
    baseline: z
      .strictObject({ windows: z.number().int().min(1).max(168), factor: z.number().positive() })
      .optional(),
  }),
  escalate: z.array(z.strictObject({ threshold: z.number(), severity })).default([]),
  for: duration.default(0),
  keep_firing_for: duration.default(0),
  stale_after: positiveDuration.optional(),
  summary,
  resolved_summary: summary.optional(),
});

const deadlines = z.strictObject({
  dispatch: positiveDuration,
  accept: positiveDuration,
  close: positiveDuration,
});
const partialDeadlines = deadlines.partial();

const accidentSchema = z.strictObject({
  ...common,
  type: z.literal('serious-accident'),
  summary: summary.optional(),
  min_vehicles: z.number().int().min(1).default(3),
  closed_retention: positiveDuration.default(DAY_MS),
});

const workOrderSchema = z.strictObject({
  ...common,
  type: z.literal('work-order-deadline'),
  summary: summary.optional(),
  deadlines: z.strictObject({ urgent: deadlines, normal: deadlines }),
  by_service_code: z
    .record(
      z.string(),
      z.strictObject({ urgent: partialDeadlines.optional(), normal: partialDeadlines.optional() }),
    )
    .default({}),
  escalate_after: positiveDuration,
  escalated_severity: severity,
  closed_retention: positiveDuration.default(DAY_MS),
});

const permitSchema = z.strictObject({
  ...common,
  type: z.literal('permit-deadline'),
  summary: summary.optional(),
  stage_deadline: positiveDuration.default(8 * DAY_MS),
  overall_deadline: positiveDuration.default(8 * DAY_MS),
  closed_retention: positiveDuration.default(DAY_MS),
});

const speedBand = z.strictObject({
  mostlyFree: z.number().positive(),
  light: z.number().positive(),
  moderate: z.number().positive(),
  severe: z.number().positive(),
});

const fileSchema = z.strictObject({
  version: z.literal(1),
  kpi: z
    .strictObject({
      congestion_window: positiveDuration.default(60_000),
      speed_bands: z
        .strictObject({ expressway: speedBand, arterial: speedBand, secondary: speedBand })
        .optional(),
    })
    .default({ congestion_window: 60_000 }),
  rules: z.array(
    z.discriminatedUnion('type', [thresholdSchema, accidentSchema, workOrderSchema, permitSchema]),
  ),
});

type FileRule = z.output<typeof fileSchema>['rules'][number];

/** `name{k=v,...}` with the labels sorted by name; `name` alone without labels. */
export function ruleIdOf(name: string, ruleLabels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(ruleLabels).sort();
  return keys.length === 0 ? name : `${name}{${keys.map((k) => `${k}=${ruleLabels[k]!}`).join(',')}}`;
}

function checkRule(rule: FileRule, path: string, issues: RulesConfigIssue[]): void {
  if (rule.type !== 'threshold') {
    if (rule.scope !== 'grid')
      issues.push({ path: `${path}.scope`, message: `${rule.type} rules are per grid` });
    return;
  }
  const { stream, filter, aggregation, window } = rule.measure;
  for (const field of Object.keys(filter)) {
    if (!FILTER_FIELDS[stream].includes(field))
      issues.push({
        path: `${path}.measure.filter.${field}`,
        message: `cannot filter ${stream} events on ${field}; one of: ${FILTER_FIELDS[stream].join(', ')}`,
      });
  }
  const numeric = (field: string | undefined, at: string) => {
    if (field !== undefined && !NUMERIC_FIELDS[stream].includes(field))
      issues.push({
        path: `${path}.measure.aggregation.${at}`,
        message: `${stream} events have no numeric field ${field}${NUMERIC_FIELDS[stream].length ? `; one of: ${NUMERIC_FIELDS[stream].join(', ')}` : ''}`,
      });
  };
  if (aggregation.fn === 'distinct') {
    if (!DISTINCT_FIELDS[stream].includes(aggregation.field))
      issues.push({
        path: `${path}.measure.aggregation.field`,
        message: `cannot count distinct ${aggregation.field} of ${stream} events; one of: ${DISTINCT_FIELDS[stream].join(', ')}`,
      });
  } else if (aggregation.fn !== 'count') numeric(aggregation.field, 'field');
  if (aggregation.fn === 'mean') numeric(aggregation.weight, 'weight');
  if (window.kind === 'hopping' && window.advance > window.size)
    issues.push({ path: `${path}.measure.window.advance`, message: 'must not exceed size' });
  const { op, baseline, threshold } = rule.condition;
  if (baseline !== undefined) {
    if (window.kind !== 'tumbling')
      issues.push({ path: `${path}.condition.baseline`, message: 'a baseline needs tumbling windows' });
    if (op === '<' || op === '<=')
      issues.push({ path: `${path}.condition.baseline`, message: 'a baseline needs op > or >=' });
  }
  const worse = op === '>' || op === '>=' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  let previous = threshold;
  rule.escalate.forEach((e, i) => {
    if (!worse(e.threshold, previous))
      issues.push({
        path: `${path}.escalate[${i}].threshold`,
        message: `must be worse (${op}) than ${previous}: escalations go from mild to severe`,
      });
    previous = e.threshold;
  });
  if (rule.stale_after !== undefined && rule.stale_after < rule.keep_firing_for)
    issues.push({ path: `${path}.stale_after`, message: 'must be at least keep_firing_for' });
  if (window.kind === 'session') checkSessionRule(rule, path, issues);
}

/**
 * A session rule decides on a session that grows as its events arrive, and the rule sees it at
 * whatever points the input's batches happen to cut it (early results) and once final. So that the
 * alerts do not depend on those cuts, the condition must only ever become truer as the session grows
 * (once true, true until the session ends), and nothing may depend on when it was first seen true.
 */
function checkSessionRule(
  rule: Extract<FileRule, { type: 'threshold' }>,
  path: string,
  issues: RulesConfigIssue[],
): void {
  const { fn } = rule.measure.aggregation;
  const { op } = rule.condition;
  const up = op === '>' || op === '>=';
  const growing = up ? fn === 'count' || fn === 'distinct' || fn === 'sum' || fn === 'max' : fn === 'min';
  if (!growing)
    issues.push({
      path: `${path}.condition.op`,
      message: `a session rule needs a condition that only becomes truer as the session grows: op > or >= with count, distinct, sum or max, or op < or <= with min (not ${op} on ${fn})`,
    });
  if (rule.for > 0)
    issues.push({
      path: `${path}.for`,
      message: 'a session rule fires when its condition first holds; raise the threshold instead of `for`',
    });
  if (rule.stale_after !== undefined)
    issues.push({
      path: `${path}.stale_after`,
      message: 'a session alert ends with its session, not by staleness',
    });
}

function windowOf(w: z.output<typeof windowSchema>): MeasureWindow {
  switch (w.kind) {
    case 'tumbling':
      return { kind: 'tumbling', sizeMs: w.size, graceMs: w.grace };
    case 'hopping':
      return { kind: 'hopping', sizeMs: w.size, advanceMs: w.advance, graceMs: w.grace };
    case 'session':
      return { kind: 'session', gapMs: w.gap, graceMs: w.grace };
  }
}

/** The span of a window kind that the default staleness is a multiple of. */
function spanMs(w: MeasureWindow): number {
  return w.kind === 'session' ? w.gapMs : w.sizeMs;
}

function toRule(rule: FileRule): RuleConfig {
  const base = {
    name: rule.name,
    id: ruleIdOf(rule.name, rule.labels),
    scope: rule.scope,
    kind: rule.kind,
    subCategory: rule.sub_category,
    severity: rule.severity,
    labels: rule.labels,
  };
  switch (rule.type) {
    case 'threshold': {
      const m = rule.measure;
      const window = windowOf(m.window);
      const agg = m.aggregation;
      return {
        ...base,
        type: 'threshold',
        measure: {
          stream: m.stream,
          filter: Object.fromEntries(
            Object.entries(m.filter).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]),
          ),
          window,
          aggregation: agg.fn === 'mean' ? { fn: 'mean', field: agg.field, weightField: agg.weight } : agg,
          minCount: m.min_count,
        },
        condition: {
          op: rule.condition.op,
          threshold: rule.condition.threshold,
          areaOverrides: rule.condition.area_overrides,
          baseline: rule.condition.baseline,
        },
        escalate: rule.escalate,
        forMs: rule.for,
        keepFiringForMs: rule.keep_firing_for,
        staleAfterMs:
          rule.stale_after ??
          // A session ends with its final result; other windows allow for missing data.
          (window.kind === 'session'
            ? Number.POSITIVE_INFINITY
            : Math.max(3 * spanMs(window), rule.keep_firing_for)),
        summary: rule.summary,
        resolvedSummary: rule.resolved_summary ?? {
          zh: `已恢复：${rule.summary.zh}`,
          en: `resolved: ${rule.summary.en}`,
        },
      };
    }
    case 'serious-accident':
      return {
        ...base,
        type: 'serious-accident',
        summary: rule.summary,
        minVehicles: rule.min_vehicles,
        closedRetentionMs: rule.closed_retention,
      };
    case 'work-order-deadline': {
      const d = (x: { dispatch: number; accept: number; close: number }) => ({
        dispatchMs: x.dispatch,
        acceptMs: x.accept,
        closeMs: x.close,
      });
      const partial = (
        x:
          | { dispatch?: number | undefined; accept?: number | undefined; close?: number | undefined }
          | undefined,
      ) => {
        const out: { dispatchMs?: number; acceptMs?: number; closeMs?: number } = {};
        if (x?.dispatch !== undefined) out.dispatchMs = x.dispatch;
        if (x?.accept !== undefined) out.acceptMs = x.accept;
        if (x?.close !== undefined) out.closeMs = x.close;
        return out;
      };
      return {
        ...base,
        type: 'work-order-deadline',
        summary: rule.summary,
        deadlines: { urgent: d(rule.deadlines.urgent), normal: d(rule.deadlines.normal) },
        byServiceCode: Object.fromEntries(
          Object.entries(rule.by_service_code).map(([code, v]) => [
            code,
            { urgent: partial(v.urgent), normal: partial(v.normal) },
          ]),
        ),
        escalateAfterMs: rule.escalate_after,
        escalatedSeverity: rule.escalated_severity,
        closedRetentionMs: rule.closed_retention,
      };
    }
    case 'permit-deadline':
      return {
        ...base,
        type: 'permit-deadline',
        summary: rule.summary,
        stageDeadlineMs: rule.stage_deadline,
        overallDeadlineMs: rule.overall_deadline,
        closedRetentionMs: rule.closed_retention,
      };
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function zodPath(path: readonly PropertyKey[], doc: unknown): string {
  let out = '';
  let node: unknown = doc;
  for (const part of path) {
    if (typeof part === 'number') {
      const name = (node as unknown[] | undefined)?.[part];
      const ruleName =
        out === 'rules' && typeof name === 'object' && name !== null
          ? (name as { name?: unknown }).name
          : undefined;
      out += typeof ruleName === 'string' ? `[${part}](${ruleName})` : `[${part}]`;
    } else {
      out += out === '' ? String(part) : `.${String(part)}`;
    }
    node =
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return out;
}

/**
 * Validates a parsed rule file (the YAML document as plain data) into a frozen {@link RuleSet}.
 *
 * @example
 * ```ts
 * const ruleSet = parseRuleSet(YAML.parse(text));
 * ```
 * @throws RulesConfigError naming every bad entry by path, e.g.
 *   `rules[2](traffic-congestion).condition.threshold: Invalid input: expected number`
 */
export function parseRuleSet(doc: unknown): RuleSet {
  const parsed = fileSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue) => {
      const path = zodPath(issue.path, doc);
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'unknown key' }));
      return [{ path, message: issue.message }];
    });
    throw new RulesConfigError(issues, { cause: parsed.error });
  }
  const issues: RulesConfigIssue[] = [];
  const seen = new Map<string, number>();
  parsed.data.rules.forEach((rule, i) => {
    const path = `rules[${i}](${rule.name})`;
    checkRule(rule, path, issues);
    const id = ruleIdOf(rule.name, rule.labels);
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({ path, message: `duplicate rule ${id} (also rules[${first}]); give it other labels` });
    else seen.set(id, i);
  });
  const bands = parsed.data.kpi.speed_bands ?? DEFAULT_SPEED_BANDS_KMH;
  for (const [roadClass, b] of Object.entries(bands)) {
    if (!(b.mostlyFree > b.light && b.light > b.moderate && b.moderate > b.severe))
      issues.push({
        path: `kpi.speed_bands.${roadClass}`,
        message: 'bounds must strictly decrease: mostlyFree > light > moderate > severe',
      });
  }
  if (issues.length > 0) throw new RulesConfigError(issues);
  return deepFreeze({
    rules: parsed.data.rules.map(toRule),
    kpi: { congestionWindowMs: parsed.data.kpi.congestion_window, speedBandsKmh: bands },
  });
}
