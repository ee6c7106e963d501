import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '@citybrain/local-kafka';
import type { KafkaClient } from '@citybrain/kafka';
import type { Alert } from '@citybrain/domain';
import { publishAlerts, testAlert } from './api-alerts';
import { generateTestPki, secureGatewayEnv, TEST_TOKENS, type TestPki } from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const CLI = fileURLToPath(new URL('../../services/cli/src/main.ts', import.meta.url));

/** Runs `citybrain <args>` as its own process; resolves with its exit code and output. */
function citybrain(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// The operations centre's command line against a real gateway (mutual TLS, tokens) and broker.
const base = testAlert('cli-ev', 'G002', 'A01');
const withEvidence: Alert = {
  ...base,
  evidence: {
    measure: 'mean(averageVehicleSpeedKmh) of traffic where roadClass=arterial, per grid, 60 s windows',
    windowKind: 'tumbling',
    window: base.window,
    aggregates: { value: 12, count: 9 },
    count: 9,
    comparison: '<=',
    threshold: 20,
    forMs: 0,
    pendingSinceMs: base.startsAtMs,
    firstTrueEndMs: base.window.endMs,
    records: [{ eventId: 'obs-7', eventTimeMs: base.startsAtMs + 5_000 }],
  },
};

describe('the citybrain CLI against the committee API', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let pki: TestPki;
  let gateway: RunningService;
  let env: Record<string, string>;

  beforeAll(async () => {
    kafka = testClient(brokers);
    pki = generateTestPki();
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      ...secureGatewayEnv(pki),
    });
    await waitHealthy(`http://127.0.0.1:${metricsPort}/healthz`, gateway);
    env = {
      CITYBRAIN_GATEWAY_ADDRESS: `127.0.0.1:${grpcPort}`,
      CITYBRAIN_TOKEN: TEST_TOKENS.committee,
      CITYBRAIN_TLS_CA: pki.caCert,
      CITYBRAIN_TLS_CERT: pki.clientCert,
      CITYBRAIN_TLS_KEY: pki.clientKey,
    };
    await publishAlerts(kafka, `city.alerts.v1${suffix}`, [testAlert('cli-1', 'G001', 'A01'), withEvidence]);
    await waitFor('the alert', async () =>
      (await citybrain(['alerts', 'list'], env)).stdout.includes('G001') ? true : undefined,
    );
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
    pki?.remove();
  });

  it('shows an alert with its evidence (GetAlert), readable and as JSON', async () => {
    const shown = await citybrain(['alerts', 'show', 'cli-ev', '--no-color'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(
      '  measure    mean(averageVehicleSpeedKmh) of traffic where roadClass=arterial',
    );
    expect(shown.stdout).toContain('  aggregates value=12, count=9 (9 events)');
    expect(shown.stdout).toContain('  condition  value <= 20 (held)');
    expect(shown.stdout).toContain('  record     obs-7 at');
    const json = await citybrain(['alerts', 'show', 'cli-ev', '--json'], env);
    // Through Kafka (as JSON: every other test alert is) and gRPC, the evidence is intact.
    expect((JSON.parse(json.stdout) as { evidence: unknown }).evidence).toEqual(withEvidence.evidence);
  });

  it('acknowledges, silences and expires, and shows grids', async () => {
    const ack = await citybrain(['alerts', 'ack', 'cli-1', '--note', 'crew sent'], env);
    expect(ack).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ACK cli-1 G001 by chair .*: crew sent\n$/) as unknown,
    });

    const added = await citybrain(
      ['silence', 'add', 'gridId="G001"', '--duration', '2h', '--comment', 'road works', '--json'],
      env,
    );
    expect(added.code).toBe(0);
    const silence = JSON.parse(added.stdout) as { silenceId: string; state: string };
    expect(silence.state).toBe('active');
    const listed = await citybrain(['silence', 'list'], env);
    expect(listed.stdout).toContain(`${silence.silenceId}  active   {gridId="G001"}`);
    expect((await citybrain(['silence', 'expire', silence.silenceId], env)).stdout).toMatch(/ expired /);

    const grids = await citybrain(['grids', 'show', '--area', 'A01'], env);
    expect(grids.code).toBe(0);
    expect(grids.stdout.split('\n')[0]).toMatch(/^A01 /);
    const one = await citybrain(['grids', 'show', 'G001'], env);
    expect(one.stdout).toMatch(/^G001 .* area A01/);
    expect(one.stdout).toContain('cli-1 traffic-congestion SEVERITY_HIGH (acknowledged)');
  });

  it('publishes events from a file, reporting each rejection with its line and reason (exit 2)', async () => {
    const file = join(pki.dir, 'events.jsonl');
    const event = (id: string, gridId: string) =>
      JSON.stringify({
        case: {
          eventId: id,
          eventTime: '2026-11-25T01:00:00Z',
          source: 'app',
          location: { gridId },
          serviceRequestId: `SR-${id}`,
          stage: 'CASE_STAGE_RECEIVED',
          serviceCode: 'waste.dumping',
          urgency: 'CASE_URGENCY_NORMAL',
          channel: 'CASE_CHANNEL_RESIDENT',
        },
      });
    writeFileSync(
      file,
      [event('e1', 'G001'), '{"case": {"eventId": "e2"}}', event('e3', 'G999'), 'nope', ''].join('\n'),
    );
    const res = await citybrain(['events', 'publish', file], env);
    expect(res.code).toBe(2);
    expect(res.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^line 2: rejected: missing-field: /),
      expect.stringMatching(/^line 3: rejected: unknown-grid/),
      'line 4: rejected: malformed-json: not a JSON object',
    ]);
    expect(res.stderr).toContain('1 accepted, 3 rejected');
  });

  it('says clearly what is wrong: refused token, forbidden request, wrong address, bad flag', async () => {
    const refused = await citybrain(['alerts', 'list'], {
      ...env,
      CITYBRAIN_TOKEN: 'wrong-token-0000000000',
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/refused the token: token refused/);
    const forbidden = await citybrain(['alerts', 'list', '--area', 'A05'], {
      ...env,
      CITYBRAIN_TOKEN: TEST_TOKENS.workerG001,
    });
    expect(forbidden.code).toBe(3);
    expect(forbidden.stderr).toMatch(
      /not allowed: area_ids\[0\]: area A05 is outside your scope \(grid G001\)/,
    );
    const port = await freePort();
    const nowhere = await citybrain(['alerts', 'list'], {
      ...env,
      CITYBRAIN_GATEWAY_ADDRESS: `127.0.0.1:${port}`,
    });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(new RegExp(`cannot reach the alert gateway at 127\\.0\\.0\\.1:${port}`));
    const bad = await citybrain(
      ['silence', 'add', 'gridId=G001', '--duration', 'forever', '--comment', 'x'],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--duration: "forever" is not a duration/);
  });
});
