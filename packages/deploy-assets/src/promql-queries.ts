import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DeployAssetError } from './errors';
import { repoPath } from './repo-paths';

/** Where a shipped PromQL expression comes from, for messages. */
export interface ShippedQuery {
  /** e.g. `deploy/grafana/dashboards/pipeline-health.json` */
  readonly file: string;
  /** Dashboard panel title or rule name. */
  readonly where: string;
  /** The expression as shipped (Grafana variables not substituted). */
  readonly expr: string;
  /** `panel`, `variable`, `record` or `alert`. */
  readonly kind: 'panel' | 'variable' | 'record' | 'alert';
}

/** The shipped Grafana dashboards, repository-relative. */
export const DASHBOARD_DIR = 'deploy/grafana/dashboards';
/** The shipped Prometheus rule files, repository-relative. */
export const RULES_DIR = 'deploy/prometheus/rules';

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL expression of every shipped dashboard: panel targets and `label_values(...)` variables. */
export function dashboardQueries(): ShippedQuery[] {
  const out: ShippedQuery[] = [];
  for (const name of readdirSync(repoPath(DASHBOARD_DIR))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = `${DASHBOARD_DIR}/${name}`;
    const dashboard = readJson(file) as {
      panels?: Panel[];
      templating?: { list?: { name?: string; query?: string | { query?: string } }[] };
    };
    const walk = (panels: Panel[] | undefined) => {
      for (const p of panels ?? []) {
        for (const t of p.targets ?? [])
          if (t.expr) out.push({ file, where: p.title ?? '(untitled)', expr: t.expr, kind: 'panel' });
        walk(p.panels);
      }
    };
    walk(dashboard.panels);
    for (const v of dashboard.templating?.list ?? []) {
      const q = typeof v.query === 'string' ? v.query : v.query?.query;
      const m = q ? /^label_values\((.+),\s*(\w+)\)$/.exec(q) : null;
      if (m?.[1]) out.push({ file, where: `variable $${v.name ?? '?'}`, expr: m[1], kind: 'variable' });
    }
  }
  return out;
}

/** A rule of a shipped rule file. */
export interface ShippedRule {
  readonly file: string;
  readonly group: string;
  readonly interval: string | undefined;
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
}

/** Every rule of every shipped rule file. */
export function shippedRules(): ShippedRule[] {
  const out: ShippedRule[] = [];
  for (const name of readdirSync(repoPath(RULES_DIR))
    .filter((f) => f.endsWith('.yml'))
    .sort()) {
    const file = `${RULES_DIR}/${name}`;
    const doc = parseYaml(readFileSync(repoPath(file), 'utf8')) as {
      groups?: {
        name: string;
        interval?: string;
        rules: { record?: string; alert?: string; expr: string }[];
      }[];
    };
    if (!doc.groups) throw new DeployAssetError('ASSET_INVALID', file, 'no rule groups');
    for (const g of doc.groups)
      for (const r of g.rules)
        out.push({
          file,
          group: g.name,
          interval: g.interval,
          expr: r.expr.trim(),
          ...(r.record !== undefined ? { record: r.record } : {}),
          ...(r.alert !== undefined ? { alert: r.alert } : {}),
        });
  }
  return out;
}

/** Every PromQL expression of the shipped rules. */
export function ruleQueries(): ShippedQuery[] {
  return shippedRules().map((r) => ({
    file: r.file,
    where: r.record ?? r.alert ?? '?',
    expr: r.expr,
    kind: r.record !== undefined ? 'record' : 'alert',
  }));
}

/**
 * Replaces Grafana's template variables by what Grafana would send for "All" and a default range:
 * `$area` → `.*` (the variable's allValue), `$__rate_interval` → `1m`, `$__interval` → `15s`,
 * `$__range` → `1h`. `rateInterval` changes the first (tests scrape every second).
 */
export function substituteGrafanaVariables(expr: string, rateInterval = '1m'): string {
  return expr
    .replaceAll('$__rate_interval', rateInterval)
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h')
    .replace(/\$\{?area\}?/g, '.*');
}

const PROMQL_WORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'rate',
  'irate',
  'increase',
  'deriv',
  'delta',
  'changes',
  'histogram_quantile',
  'time',
  'le',
  'bool',
  'offset',
  'topk',
  'bottomk',
  'abs',
  'absent',
  'vector',
  'scalar',
  'clamp_min',
  'clamp_max',
  'label_replace',
  'humanize',
  'quantile',
  'stddev',
]);

/**
 * The metric names an expression reads (selectors), without label names, functions or recorded
 * series' label values. Recording-rule names (with `:`) are included.
 */
export function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const withoutGroupings = withoutStrings
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names = new Set<string>();
  for (const m of withoutGroupings.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = m[0];
    const after = withoutGroupings.slice((m.index ?? 0) + word.length).trimStart();
    if (PROMQL_WORDS.has(word) || after.startsWith('(')) continue;
    names.add(word);
  }
  return [...names].sort();
}

/** Reads and parses a repository-relative JSON file. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(repoPath(file), 'utf8')) as unknown;
  } catch (err: unknown) {
    throw new DeployAssetError('ASSET_INVALID', file, 'not valid JSON', { cause: err });
  }
}
