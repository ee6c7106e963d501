/**
 * What `deploy/` ships, read and checked from code: the PromQL of the Grafana dashboards and the
 * Prometheus rules, the Prometheus configuration templated for a test, and the configuration reference
 * (`docs/configuration.md`) generated from the services' environment schemas.
 *
 * @example
 * ```ts
 * import { dashboardQueries, substituteGrafanaVariables, templatePrometheusConfig } from '@citybrain/deploy-assets';
 * const config = templatePrometheusConfig({
 *   dir: '.run/prometheus-test',
 *   targets: { 'citybrain-processor': '127.0.0.1:9464', 'citybrain-alert-gateway': '127.0.0.1:9465', prometheus: '127.0.0.1:9090' },
 *   intervalSeconds: 1,
 * });
 * for (const q of dashboardQueries()) console.log(q.where, substituteGrafanaVariables(q.expr));
 * ```
 */
export { DeployAssetError, type DeployAssetErrorCode } from './errors';
export { REPO_ROOT, repoPath } from './repo-paths';
export {
  dashboardQueries,
  ruleQueries,
  shippedRules,
  substituteGrafanaVariables,
  metricNamesIn,
  readJson,
  DASHBOARD_DIR,
  RULES_DIR,
  type ShippedQuery,
  type ShippedRule,
} from './promql-queries';
export {
  readConfigSchemas,
  renderConfigReference,
  configKeysOf,
  allConfigKeys,
  schemaSourceFiles,
  CONFIG_REFERENCE,
  KNOWN_MEANINGS,
  KNOWN_CONSTANTS,
  type ConfigKey,
  type ConfigSchema,
} from './config-reference';
export { templatePrometheusConfig, PROMETHEUS_CONFIG, type PrometheusTemplate } from './prometheus-config';
