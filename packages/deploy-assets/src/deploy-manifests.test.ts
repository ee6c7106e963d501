import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import {
  DASHBOARD_DIR,
  configKeysOf,
  dashboardQueries,
  metricNamesIn,
  readJson,
  repoPath,
  ruleQueries,
  shippedRules,
} from './index';

// What can be checked here without Docker or a cluster: every manifest parses, names only
// configuration variables the services really read, and wires ports, probes, files and secrets
// consistently. Docker builds and cluster applies are NOT run here (see deploy/README.md).

type Doc = Record<string, unknown>;
const read = (p: string) => readFileSync(repoPath(p), 'utf8');
const SERVICES = ['processor', 'alert-gateway', 'simulator'] as const;
const METRICS_PORT_KEY: Record<string, string> = {
  processor: 'CITYBRAIN_PROCESSOR_METRICS_PORT',
  'alert-gateway': 'CITYBRAIN_GATEWAY_METRICS_PORT',
  board: 'CITYBRAIN_BOARD_METRICS_PORT',
};

describe('docker compose', () => {
  // Compose files use YAML merge keys (<<: *anchor).
  const compose = parseYaml(read('deploy/compose/docker-compose.yml'), { merge: true }) as {
    services: Record<
      string,
      {
        image?: string;
        build?: { args?: Record<string, string>; context?: string; dockerfile?: string };
        environment?: Record<string, string>;
        ports?: string[];
        volumes?: string[];
        command?: string[];
      }
    >;
  };
  const composeDir = repoPath('deploy/compose');

  it('runs Kafka from the official apache/kafka image in KRaft mode', () => {
    const kafka = compose.services.kafka!;
    expect(kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment?.KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
  });

  it('builds each citybrain service from the one Dockerfile and sets only variables that service reads', () => {
    for (const service of SERVICES) {
      const s = compose.services[service]!;
      expect(s.build?.args?.SERVICE, service).toBe(service);
      expect(existsSync(resolve(composeDir, s.build!.context!, s.build!.dockerfile!))).toBe(true);
      const keys = configKeysOf(service);
      const unknown = Object.keys(s.environment ?? {}).filter((k) => !keys.has(k));
      expect(unknown, service).toEqual([]);
      expect(s.environment?.KAFKA_BROKERS).toBe('kafka:9092');
      const portKey = METRICS_PORT_KEY[service];
      if (portKey) {
        const port = s.environment?.[portKey] ?? keys.get(portKey)?.defaultValue;
        expect(s.ports, service).toContain(`${port}:${port}`);
        expect(s.environment?.CITYBRAIN_METRICS_HOST).toBe('0.0.0.0');
      }
    }
    // plaintext in compose: published on the host's loopback only
    expect(compose.services['alert-gateway']!.ports).toContain('127.0.0.1:50051:50051');
  });

  it('runs the board (no Kafka: it speaks only the gateway API) with its metrics port published', () => {
    const s = compose.services.board!;
    expect(s.build?.args?.SERVICE).toBe('board');
    const keys = configKeysOf('board');
    expect(Object.keys(s.environment ?? {}).filter((k) => !keys.has(k))).toEqual([]);
    const port = s.environment?.CITYBRAIN_BOARD_METRICS_PORT;
    expect(s.ports).toContain(`${port}:${port}`);
    expect(s.environment?.CITYBRAIN_METRICS_HOST).toBe('0.0.0.0');
    expect(s.environment?.CITYBRAIN_BOARD_GATEWAY_ADDRESS).toBe('alert-gateway:50051');
    // The Prometheus job scrapes that port.
    const prom = parseYaml(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { job_name: string; static_configs?: { targets: string[] }[] }[];
    };
    const job = prom.scrape_configs.find((j) => j.job_name === 'citybrain-board');
    expect(job?.static_configs?.[0]?.targets).toEqual([`board:${port}`]);
  });

  it('mounts files that exist: Prometheus config and rules, Grafana provisioning and dashboards', () => {
    for (const name of ['prometheus', 'grafana']) {
      for (const v of compose.services[name]!.volumes ?? []) {
        const [source] = v.split(':');
        if (source?.startsWith('.')) expect(existsSync(resolve(composeDir, source)), v).toBe(true);
      }
    }
    const provisioning = parseYaml(read('deploy/grafana/provisioning/dashboards/citybrain.yml')) as {
      providers: { options: { path: string } }[];
    };
    const dashboardsMount = compose.services.grafana!.volumes!.find((v) =>
      v.startsWith('../grafana/dashboards:'),
    );
    expect(dashboardsMount?.split(':')[1]).toBe(provisioning.providers[0]!.options.path);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('deploy/docker/Dockerfile');
  it('is multi-stage, parameterised by SERVICE, runs as non-root and has a health check', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*healthcheck\.mjs/m);
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
  });
  it('copies only paths that exist, and its health check reads the real metrics-port variables', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm))
      for (const src of m[1]!.split(' ')) expect(existsSync(repoPath(src)), src).toBe(true);
    const health = read('deploy/docker/healthcheck.mjs');
    for (const [service, key] of Object.entries(METRICS_PORT_KEY)) {
      expect(health).toContain(`${key} ?? '${configKeysOf(service).get(key)?.defaultValue}'`);
    }
    // The container-wide variables the image sets must exist too.
    for (const m of dockerfile.matchAll(/\b(CITYBRAIN_[A-Z_]+|KAFKA_[A-Z_]+)=/g))
      if (m[1] !== 'CITYBRAIN_SERVICE')
        expect(
          [...SERVICES, 'board'].some((s) => configKeysOf(s).has(m[1]!)),
          m[1],
        ).toBe(true);
  });
});

function kustomize(dir: string): Doc[] {
  const r = spawnSync('kubectl', ['kustomize', repoPath(dir)], { encoding: 'utf8' });
  if (r.error)
    throw new Error(`kubectl is needed to render ${dir} (CI must not skip this): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Doc);
}

const hasKubectl = !spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).error;
// A laptop without kubectl skips the rendering checks; CI must never skip them silently.
const skipRendering = !hasKubectl && process.env['CI'] !== 'true';

describe('Kubernetes manifests', () => {
  it('every base and overlay file parses as YAML', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(repoPath(d), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${d}/${e.name}`);
        else if (/\.ya?ml$/.test(e.name)) files.push(`${d}/${e.name}`);
      }
    };
    walk('deploy/k8s');
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) for (const doc of parseAllDocuments(read(f))) expect(doc.errors, f).toEqual([]);
  });

  it('ships the grid and rule files as exact copies of deploy/config (fix: bash deploy/k8s/sync-files.sh)', () => {
    // kustomize reads only files under its root, hence copies.
    for (const f of ['longgang-grids.yaml', 'rules.yaml'])
      expect(
        read(`deploy/k8s/base/files/${f}`) === read(`deploy/config/${f}`),
        `${f}: run bash deploy/k8s/sync-files.sh`,
      ).toBe(true);
  });

  for (const dir of ['deploy/k8s/base', 'deploy/k8s/overlays/example'])
    it.skipIf(skipRendering)(
      `${dir} renders (kubectl kustomize) into consistent Deployments, probes, PDBs, HPA, ConfigMaps and Secrets`,
      () => {
        const docs = kustomize(dir);
        const of = (kind: string) => docs.filter((d) => d.kind === kind);
        const name = (d: Doc) => (d.metadata as { name: string }).name;
        const configMaps = new Map(
          of('ConfigMap').map((c) => [name(c), (c.data ?? {}) as Record<string, string>]),
        );
        const secrets = new Map(of('Secret').map((s) => [name(s), (s.data ?? {}) as Record<string, string>]));
        const env = [...configMaps].find(([n]) => n.startsWith('citybrain-env'))?.[1];
        expect(env).toBeDefined();
        const partitions = Number(env!.CITYBRAIN_INPUT_PARTITIONS);

        const deployments = of('Deployment');
        expect(deployments.map(name).sort()).toEqual(['citybrain-alert-gateway', 'citybrain-processor']);
        for (const d of deployments) {
          const service = name(d).replace(/^citybrain-/, '');
          const keys = configKeysOf(service);
          const pod = (d.spec as { template: { spec: Doc; metadata: Doc } }).template;
          const spec = pod.spec as {
            securityContext: { runAsNonRoot: boolean };
            containers: {
              env?: { name: string; value?: string }[];
              envFrom?: { configMapRef: { name: string } }[];
              ports: { name: string; containerPort: number }[];
              readinessProbe: Doc;
              livenessProbe: Doc;
              resources: { requests: Doc; limits: Doc };
              volumeMounts: { name: string; mountPath: string }[];
            }[];
            volumes: { name: string; configMap?: { name: string }; secret?: { secretName: string } }[];
          };
          expect(spec.securityContext.runAsNonRoot).toBe(true);
          const c = spec.containers[0]!;
          const vars = new Map<string, string>();
          for (const ref of c.envFrom ?? [])
            for (const [k, v] of Object.entries(configMaps.get(ref.configMapRef.name) ?? {})) vars.set(k, v);
          for (const e of c.env ?? []) vars.set(e.name, e.value ?? '');
          expect(
            [...vars.keys()].filter((k) => !keys.has(k)),
            `${service}: variables it does not read`,
          ).toEqual([]);
          // Ports: the named metrics port is the one the service is told to listen on.
          const metricsPort = c.ports.find((p) => p.name === 'metrics')!.containerPort;
          expect(String(metricsPort)).toBe(vars.get(METRICS_PORT_KEY[service]!));
          expect(vars.get('CITYBRAIN_METRICS_HOST')).toBe('0.0.0.0');
          expect((pod.metadata.annotations as Record<string, string>)['prometheus.io/port']).toBe(
            String(metricsPort),
          );
          // Probes: readiness on gRPC health (gateway) or /healthz (processor); liveness on /metrics.
          expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/metrics', port: 'metrics' } });
          if (service === 'alert-gateway') {
            const grpcPort = c.ports.find((p) => p.name === 'grpc')!.containerPort;
            expect(String(grpcPort)).toBe(vars.get('CITYBRAIN_GRPC_PORT'));
            // The API port speaks TLS, which Kubernetes' gRPC probe cannot: it probes the plaintext
            // health-only port instead.
            const healthPort = c.ports.find((p) => p.name === 'grpc-health')!.containerPort;
            expect(String(healthPort)).toBe(vars.get('CITYBRAIN_GRPC_HEALTH_PORT'));
            expect(c.readinessProbe).toMatchObject({
              grpc: { port: healthPort, service: alertServiceName() },
            });
          } else expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'metrics' } });
          expect(c.resources.requests).toHaveProperty('cpu');
          expect(c.resources.limits).toHaveProperty('memory');
          // Files named by variables live on a mounted ConfigMap or Secret that has that key.
          for (const [k, v] of vars) {
            if (!/_(FILE|CERT|KEY|CA)$/.test(k) || !v.startsWith('/')) continue;
            const mount = c.volumeMounts.find((m) => dirname(v) === m.mountPath);
            expect(mount, `${k}=${v} is not on a mounted volume`).toBeDefined();
            const vol = spec.volumes.find((x) => x.name === mount!.name)!;
            const data = vol.configMap
              ? configMaps.get(vol.configMap.name)
              : secrets.get(vol.secret!.secretName);
            expect(data, `${k}: volume ${vol.name} has no source`).toBeDefined();
            expect(Object.keys(data!), `${k}=${v}`).toContain(v.slice(dirname(v).length + 1));
          }
          // One PodDisruptionBudget selects it.
          const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
          const pdbs = of('PodDisruptionBudget').filter((p) =>
            Object.entries(
              (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
            ).every(([k, v]) => labels[k] === v),
          );
          expect(pdbs.length, `${service} PDB`).toBe(1);
        }
        // The processor's HPA never outgrows the input partitions (idle consumers beyond them).
        const hpa = of('HorizontalPodAutoscaler')[0]!.spec as {
          maxReplicas: number;
          minReplicas: number;
          scaleTargetRef: { name: string };
        };
        expect(hpa.scaleTargetRef.name).toBe('citybrain-processor');
        expect(hpa.maxReplicas).toBeLessThanOrEqual(partitions);
        expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      },
    );
});

/** `<package>.<service>` of the AlertService, read from the contract. */
function alertServiceName(): string {
  const proto = read('proto/citybrain/v1/alert_service.proto');
  const pkg = /^package ([\w.]+);/m.exec(proto)![1];
  const svc = /^service (AlertService)\b/m.exec(proto)![1];
  return `${pkg}.${svc}`;
}

describe('Prometheus and Grafana assets', () => {
  it('dashboards use the provisioned datasource and unique uids', () => {
    const ds = parseYaml(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string }[];
    };
    const uid = ds.datasources[0]!.uid;
    const uids = new Set<string>();
    for (const f of readdirSync(repoPath(DASHBOARD_DIR))) {
      const text = read(`${DASHBOARD_DIR}/${f}`);
      const d = readJson(`${DASHBOARD_DIR}/${f}`) as { uid: string };
      expect(uids.has(d.uid)).toBe(false);
      uids.add(d.uid);
      const used = new Set(
        [...text.matchAll(/"uid": "([^"]+)"/g)].map((m) => m[1]).filter((u) => u !== d.uid),
      );
      expect([...used], f).toEqual([uid]);
    }
    expect(dashboardQueries().length).toBeGreaterThan(20);
  });

  it('every metric the dashboards and rules read is defined by a service, recorded, or a KPI/reload name announced for the processor', () => {
    const defined = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(repoPath(d), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${d}/${e.name}`);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
          for (const m of read(`${d}/${e.name}`).matchAll(/name: '(citybrain_\w+)'/g)) defined.add(m[1]!);
      }
    };
    for (const s of readdirSync(repoPath('services')))
      if (existsSync(repoPath(`services/${s}/src`))) walk(`services/${s}/src`);
    const recorded = new Set(shippedRules().flatMap((r) => (r.record ? [r.record] : [])));
    // Announced by the KPI and rule-reload work on the processor (exact names from the issue).
    const announced = new Set([
      'citybrain_grid_congestion_level',
      'citybrain_work_orders_open',
      'citybrain_work_orders_closed_total',
      'citybrain_permit_lead_time_seconds',
      'citybrain_rules_reload_success',
      'citybrain_rules_last_reload_timestamp_seconds',
    ]);
    const unknown = [...dashboardQueries(), ...ruleQueries()]
      .flatMap((q) => metricNamesIn(q.expr).map((n) => ({ n: n.replace(/_(bucket|sum|count)$/, ''), q })))
      .filter(({ n }) => n !== 'up' && !recorded.has(n) && !defined.has(n) && !announced.has(n))
      .map(({ n, q }) => `${q.file} ${q.where}: ${n}`);
    expect(unknown).toEqual([]);
    // Metric names follow the conventions: counters end in _total, nothing else does.
    for (const n of defined) expect(n).toMatch(/^citybrain_[a-z0-9_]+$/);
  });

  it('the Kubernetes scrape configuration has the same jobs and rules as the compose one, on the pods’ annotated ports', () => {
    const compose = parseYaml(read('deploy/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string }[];
    };
    const k8s = parseYaml(read('deploy/prometheus/prometheus-kubernetes.yml')) as typeof compose;
    expect(k8s.rule_files).toEqual(compose.rule_files);
    const citybrainJobs = (c: typeof compose) =>
      c.scrape_configs.map((j) => j.job_name).filter((j) => j.startsWith('citybrain-'));
    expect(citybrainJobs(k8s)).toEqual(citybrainJobs(compose));
    for (const f of compose.rule_files) expect(existsSync(repoPath(`deploy/prometheus/${f}`)), f).toBe(true);
  });
});
