import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import type { KafkaClient } from '@citybrain/kafka';
import { publishAlerts, testAlert } from './api-alerts';
import {
  apiClients,
  codeOf,
  generateTestPki,
  rpc,
  secureGatewayEnv,
  TEST_TOKENS,
  type TestPki,
} from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const { OK, UNAUTHENTICATED } = grpc.status;

/** The audit lines of a service's output (JSON log lines marked `audit: true`). */
function auditLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l['audit'] === true);
}

// Issue 10: the placeholder token of the Kubernetes example was accepted; tokens could not be
// rotated without a restart; nothing logged refused calls, silences or acknowledgements; plaintext
// mode could be exposed on every interface.
describe('secrets and exposure of the gateway', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let pki: TestPki;
  let gateway: RunningService;
  let address: string;
  let base: Record<string, string>;

  beforeAll(async () => {
    kafka = testClient(brokers);
    pki = generateTestPki();
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    address = `127.0.0.1:${grpcPort}`;
    base = {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
    };
    gateway = startService('alert-gateway', { ...base, ...secureGatewayEnv(pki) });
    await waitHealthy(`http://127.0.0.1:${metricsPort}/healthz`, gateway);
    await publishAlerts(kafka, `city.alerts.v1${suffix}`, [testAlert('sec-1', 'G001', 'A01')]);
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
    pki?.remove();
  });

  const exitOf = async (env: Record<string, string>) => {
    const s = startService('alert-gateway', env);
    const code = await waitFor('the gateway to exit', () => s.process.exitCode ?? undefined);
    return { code, output: s.output() };
  };

  it('refuses to start with the example’s placeholder token, naming the entry', async () => {
    const file = join(pki.dir, 'placeholder-tokens.yaml');
    writeFileSync(
      file,
      'tokens:\n  - { token: REPLACE-ME-committee-token-0000, subject: chair, role: committee }\n',
    );
    const { code, output } = await exitOf({ ...base, ...secureGatewayEnv(pki), CITYBRAIN_TOKENS_FILE: file });
    expect(code).toBe(2);
    expect(output).toMatch(/CITYBRAIN_TOKENS_FILE.*tokens\.0\.token \(chair\): looks like a placeholder/);
  });

  it('refuses plaintext on every interface unless explicitly allowed', async () => {
    const { code, output } = await exitOf({
      ...base,
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_GRPC_HOST: '0.0.0.0',
    });
    expect(code).toBe(2);
    expect(output).toMatch(/CITYBRAIN_GRPC_HOST: plaintext gRPC .*binds a loopback address only/);
  });

  it('revokes a token removed from the tokens file without a restart', async () => {
    const officer = apiClients(address, { pki, token: TEST_TOKENS.officerA01 });
    const committee = apiClients(address, { pki, token: TEST_TOKENS.committee });
    try {
      expect(await codeOf(rpc(officer.alerts, 'ListActiveAlerts', {}))).toBe(OK);
      writeFileSync(
        join(pki.dir, 'tokens.yaml'),
        `tokens:\n  - { token: "${TEST_TOKENS.committee}", subject: chair, role: committee }\n`,
      );
      await waitFor('the officer’s token to be refused', async () =>
        (await codeOf(rpc(officer.alerts, 'ListActiveAlerts', {}))) === Number(UNAUTHENTICATED)
          ? true
          : undefined,
      );
      expect(await codeOf(rpc(committee.alerts, 'ListActiveAlerts', {}))).toBe(OK);
    } finally {
      officer.close();
      committee.close();
    }
  });

  it('writes one audit line per refused call, silence, expiry and acknowledgement, with who and from where, never the token', async () => {
    const committee = apiClients(address, { pki, token: TEST_TOKENS.committee });
    const stranger = apiClients(address, { pki, token: 'a-stranger-token-q8ZkL1vR4mT9' });
    try {
      expect(await codeOf(rpc(stranger.alerts, 'ListActiveAlerts', {}))).toBe(UNAUTHENTICATED);
      await waitFor('the alert', async () =>
        (await rpc(committee.alerts, 'ListActiveAlerts', {})).alerts.length > 0 ? true : undefined,
      );
      await rpc(committee.alerts, 'AcknowledgeAlert', { alertId: 'sec-1', note: 'on it' });
      const s = await rpc(committee.alerts, 'CreateSilence', {
        matchers: [{ name: 'gridId', op: 'OP_EQUAL', value: 'G001' }],
        endsAt: { seconds: Math.floor(Date.now() / 1000) + 600 },
        comment: 'audit',
      });
      await rpc(committee.alerts, 'ExpireSilence', { silenceId: s.silence!.silenceId });
      const lines = await waitFor('the audit lines', () => {
        const l = auditLines(gateway.output());
        return l.some((x) => x['decision'] === 'silence-expired') ? l : undefined;
      });
      const pick = (decision: string) => lines.find((l) => l['decision'] === decision);
      expect(pick('refused')).toMatchObject({
        method: 'ListActiveAlerts',
        code: 'UNAUTHENTICATED',
        subject: '(unauthenticated)',
        peer: expect.stringMatching(/127\.0\.0\.1/) as unknown,
      });
      expect(pick('acknowledged')).toMatchObject({ subject: 'chair', role: 'committee', alertId: 'sec-1' });
      expect(pick('silence-created')).toMatchObject({
        subject: 'chair',
        silenceId: s.silence!.silenceId,
        matchers: 'gridId="G001"',
        peer: expect.stringMatching(/127\.0\.0\.1/) as unknown,
      });
      expect(pick('silence-expired')).toMatchObject({ subject: 'chair', silenceId: s.silence!.silenceId });
      const output = gateway.output();
      for (const token of [...Object.values(TEST_TOKENS), 'a-stranger-token-q8ZkL1vR4mT9'])
        expect(output).not.toContain(token);
    } finally {
      committee.close();
      stranger.close();
    }
  });
});
