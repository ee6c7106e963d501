import { Counter, Gauge, Histogram, type Registry } from '@citybrain/observability';

/**
 * Per-grid and per-area KPI metrics of the city (one set per stream thread: each reports the grids
 * of its own tasks, so the merged series sum). Closure rate and
 * on-time closure rate are PromQL ratios of these, e.g.
 * `sum by (area) (rate(citybrain_work_orders_closed_total{on_time="true"}[1d]))
 *   / sum by (area) (rate(citybrain_work_orders_closed_total[1d]))`.
 */
export function createKpiMetrics(registry: Registry) {
  const registers = [registry];
  return {
    congestionLevel: new Gauge({
      name: 'citybrain_grid_congestion_level',
      help: 'Worst congestion level of a grid in its latest final 1-minute window: 0 free, 1 mostly free, 2 light, 3 moderate, 4 severe.',
      labelNames: ['grid', 'area'],
      registers,
    }),
    workOrdersOpen: new Gauge({
      name: 'citybrain_work_orders_open',
      help: 'Work orders received and not yet closed, per grid (the open backlog).',
      labelNames: ['grid', 'area'],
      registers,
    }),
    workOrdersClosed: new Counter({
      name: 'citybrain_work_orders_closed_total',
      help: 'Work orders closed, per area and whether they were closed within their close deadline.',
      labelNames: ['area', 'on_time'],
      registers,
    }),
    permitLeadTime: new Histogram({
      name: 'citybrain_permit_lead_time_seconds',
      help: 'Event time from a permit filing (赋码备案) to its construction permit, per area.',
      labelNames: ['area'],
      // 1 h … 30 d; the city's commitment is 8 days (691200 s).
      buckets: [3600, 21600, 86400, 172800, 345600, 518400, 691200, 1036800, 1382400, 2592000],
      registers,
    }),
  };
}

/** The KPI metric handles. */
export type KpiMetrics = ReturnType<typeof createKpiMetrics>;

/**
 * The state of the rule file: the main thread reads and validates it, then hands it to every stream
 * thread, so these live in the main thread's registry.
 */
export function createRuleFileMetrics(registry: Registry) {
  const registers = [registry];
  return {
    rulesReloadSuccess: new Gauge({
      name: 'citybrain_rules_reload_success',
      help: '1 if the last load of the rule file succeeded, 0 if it was rejected (the previous rules keep running).',
      registers,
    }),
    rulesLastReload: new Gauge({
      name: 'citybrain_rules_last_reload_timestamp_seconds',
      help: 'Unix time of the last attempt to load the rule file, successful or not.',
      registers,
    }),
  };
}

/** The rule-file metric handles. */
export type RuleFileMetrics = ReturnType<typeof createRuleFileMetrics>;
