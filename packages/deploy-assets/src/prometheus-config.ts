import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { DeployAssetError } from './errors';
import { repoPath } from './repo-paths';

/** The shipped Prometheus configuration, repository-relative. */
export const PROMETHEUS_CONFIG = 'deploy/prometheus/prometheus.yml';

/** What {@link templatePrometheusConfig} changes in the shipped configuration. */
export interface PrometheusTemplate {
  /** Directory to write `prometheus.yml` and the rule files into (created). */
  readonly dir: string;
  /** `host:port` per scrape job name, replacing that job's static targets. */
  readonly targets: Readonly<Record<string, string>>;
  /** Scrape and rule-evaluation interval, seconds (tests use 1). */
  readonly intervalSeconds: number;
}

interface PromConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs?: { job_name: string; static_configs?: { targets: string[] }[]; scrape_interval?: string }[];
}

/**
 * Writes the shipped configuration into `dir` with only the addresses and intervals changed: each
 * named job's targets, the global scrape/evaluation interval and every rule group's interval. Every
 * job of the shipped file must be given a target (so a new job cannot go untested). Returns the path
 * of the written `prometheus.yml`.
 *
 * @throws DeployAssetError when a job has no target or a target names an unknown job.
 */
export function templatePrometheusConfig(template: PrometheusTemplate): string {
  const config = parseYaml(readFileSync(repoPath(PROMETHEUS_CONFIG), 'utf8')) as PromConfig;
  const interval = `${template.intervalSeconds}s`;
  config.global = { ...config.global, scrape_interval: interval, evaluation_interval: interval };
  const jobs = new Set((config.scrape_configs ?? []).map((j) => j.job_name));
  for (const name of Object.keys(template.targets))
    if (!jobs.has(name)) throw new DeployAssetError('ASSET_INVALID', PROMETHEUS_CONFIG, `no job ${name}`);
  for (const job of config.scrape_configs ?? []) {
    const target = template.targets[job.job_name];
    if (target === undefined)
      throw new DeployAssetError(
        'ASSET_INVALID',
        PROMETHEUS_CONFIG,
        `no test target for job ${job.job_name}`,
      );
    job.static_configs = [{ targets: [target] }];
    delete job.scrape_interval;
  }
  mkdirSync(join(template.dir, 'rules'), { recursive: true });
  config.rule_files = (config.rule_files ?? []).map((relative) => {
    const source = repoPath(`deploy/prometheus/${relative}`);
    const doc = parseYaml(readFileSync(source, 'utf8')) as { groups: { interval?: string }[] };
    for (const g of doc.groups) if (g.interval !== undefined) g.interval = interval;
    const written = join(template.dir, 'rules', basename(relative));
    writeFileSync(written, toYaml(doc));
    return written;
  });
  const path = join(template.dir, 'prometheus.yml');
  writeFileSync(path, toYaml(config));
  return path;
}
