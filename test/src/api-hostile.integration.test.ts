import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import type { KafkaClient } from '@citybrain/kafka';
import { publishAlerts, testAlert } from './api-alerts';
import { apiClients, codeOf, recordStream, rpc } from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const { INVALID_ARGUMENT } = grpc.status;
const cursor = (text: string) => `c1.${Buffer.from(text, 'utf8').toString('base64url')}`;

// Issue 10, as a hostile or careless caller would try it, on a real gateway and broker.
describe('the gateway against hostile requests', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let gateway: RunningService;
  let address: string;
  let healthz: string;
  let api: ReturnType<typeof apiClients>;

  beforeAll(async () => {
    kafka = testClient(brokers);
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    address = `127.0.0.1:${grpcPort}`;
    healthz = `http://127.0.0.1:${metricsPort}/healthz`;
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_HEARTBEAT_INTERVAL_MS: '200',
      CITYBRAIN_GRPC_INSECURE: 'true',
    });
    await waitHealthy(healthz, gateway);
    api = apiClients(address, 'insecure');
    // 300 alerts whose rule names are long runs of one letter: the worst input for (.*)*-style patterns
    await publishAlerts(
      kafka,
      `city.alerts.v1${suffix}`,
      Array.from({ length: 300 }, (_, i) => ({
        ...testAlert(`h${i}`, 'G001', 'A01', {}, i),
        rule: `${'a'.repeat(40 + (i % 20))}${i % 2 === 0 ? 'X' : ''}`,
      })),
    );
    await waitFor('the alerts', async () =>
      (await rpc(api.alerts, 'ListActiveAlerts', {})).alerts.length === 300 ? true : undefined,
    );
  });

  afterAll(async () => {
    api?.close();
    expect(await gateway?.stop()).toBe(0);
  });

  it('answers a listing under the catastrophic silence pattern with the right alerts, and stays healthy', async () => {
    const s = await rpc(api.alerts, 'CreateSilence', {
      matchers: [{ name: 'rule', op: 'OP_REGEX', value: '(.*)*(.*)*(.*)*(.*)*X' }],
      endsAt: { seconds: Math.floor(Date.now() / 1000) + 600 },
      comment: 'the pattern from issue 10',
    });
    expect(s.silence?.state).toBe('active');
    // On a backtracking engine this listing took 80 s for fewer alerts; a 10 s deadline is generous.
    const listed = await rpc(api.alerts, 'ListActiveAlerts', {}, { deadline: Date.now() + 10_000 });
    expect(listed.alerts).toHaveLength(300);
    expect(listed.silencedAlertIds).toHaveLength(150);
    expect(listed.silencedAlertIds.every((id) => Number(id.slice(1)) % 2 === 0)).toBe(true);
    expect((await fetch(healthz)).status).toBe(200);
    // A pattern RE2 cannot run in linear time is refused, naming the field.
    const backref = await rpc(api.alerts, 'CreateSilence', {
      matchers: [{ name: 'rule', op: 'OP_REGEX', value: '(a)\\1' }],
      endsAt: { seconds: Math.floor(Date.now() / 1000) + 600 },
      comment: 'x',
    }).catch((e: grpc.ServiceError) => e);
    expect(backref).toMatchObject({
      code: INVALID_ARGUMENT,
      details: expect.stringMatching(/^matchers\[0\]\.value: invalid regular expression/) as unknown,
    });
  });

  it('answers undecodable request bytes with INVALID_ARGUMENT, not INTERNAL', async () => {
    const raw = new grpc.Client(address, grpc.credentials.createInsecure());
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff]);
    const code = await new Promise<number>((resolve) =>
      raw.makeUnaryRequest(
        '/citybrain.v1.AlertService/GetAlert',
        (b: Buffer) => b,
        (b: Buffer) => b,
        garbage,
        (err) => resolve(err ? err.code : grpc.status.OK),
      ),
    );
    raw.close();
    expect(code).toBe(INVALID_ARGUMENT);
  });

  it('refuses a resume position ahead of the log or forged with 300,000 sources, and an oversized page token', async () => {
    const outcome = async (resumeFrom: string) => {
      const s = recordStream(api.alerts, { resumeFrom });
      return waitFor('an error or a heartbeat', () =>
        s.error ? s.error : s.heartbeats > 0 ? 'streaming' : undefined,
      );
    };
    const ahead = await outcome(cursor('a0:0,a1:0,a2:999999999'));
    expect(ahead).toMatchObject({
      code: INVALID_ARGUMENT,
      details: expect.stringMatching(/^resume_from: is ahead of the log \(a2 at 999999999/) as unknown,
    });
    // 300,000 sources (3 MB): refused from the message's length prefix, before it is read
    const forged = cursor(Array.from({ length: 300_000 }, (_, i) => `a${i % 99_999}:0`).join(','));
    expect(await outcome(forged)).toMatchObject({ code: grpc.status.RESOURCE_EXHAUSTED });
    // 600 sources: within the message limit, over the position's own cap
    const long = cursor(Array.from({ length: 600 }, (_, i) => `a${i}:0`).join(','));
    expect(await outcome(long)).toMatchObject({
      code: INVALID_ARGUMENT,
      details: expect.stringMatching(/^resume_from: longer than 4096 characters/) as unknown,
    });
    expect(await outcome(cursor('z9:0'))).toMatchObject({ code: INVALID_ARGUMENT });
    const token = `p1.${'A'.repeat(20_000)}`;
    expect(await codeOf(rpc(api.alerts, 'ListAlerts', { pageToken: token }))).toBe(INVALID_ARGUMENT);
  });
});
