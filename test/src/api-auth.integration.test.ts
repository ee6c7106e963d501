import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject } from '@citybrain/proto';
import type { KafkaClient } from '@citybrain/kafka';
import { publishAlerts, testAlert } from './api-alerts';
import {
  apiClients,
  codeOf,
  generateTestPki,
  recordStream,
  rpc,
  secureGatewayEnv,
  TEST_TOKENS,
  type TestPki,
} from './api-clients';
import { healthCheckWith } from './api-health';
import { healthCheck } from './grpc-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const { OK, UNAUTHENTICATED, PERMISSION_DENIED, UNAVAILABLE } = grpc.status;
type Who = 'committee' | 'officerA01' | 'workerG001' | 'badToken' | 'noToken';
const WHO: readonly Who[] = ['committee', 'officerA01', 'workerG001', 'badToken', 'noToken'];

// Every role against every RPC and filter, over mutual TLS with bearer tokens, on a real gateway.
describe('authorisation matrix of the committee API', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let pki: TestPki;
  let gateway: RunningService;
  let address: string;
  let healthAddress: string;
  const clients = {} as Record<Who, ReturnType<typeof apiClients>>;

  beforeAll(async () => {
    kafka = testClient(brokers);
    pki = generateTestPki();
    const [grpcPort, metricsPort, healthPort] = [await freePort(), await freePort(), await freePort()];
    address = `127.0.0.1:${grpcPort}`;
    healthAddress = `127.0.0.1:${healthPort}`;
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_HEARTBEAT_INTERVAL_MS: '200',
      CITYBRAIN_GRPC_HEALTH_PORT: String(healthPort),
      ...secureGatewayEnv(pki),
    });
    await waitHealthy(`http://127.0.0.1:${metricsPort}/healthz`, gateway);
    for (const who of WHO)
      clients[who] = apiClients(address, {
        pki,
        ...(who === 'noToken'
          ? {}
          : { token: who === 'badToken' ? 'not-a-known-token-at-all' : TEST_TOKENS[who] }),
      });
    await publishAlerts(kafka, `city.alerts.v1${suffix}`, [
      testAlert('in-G001', 'G001', 'A01'),
      testAlert('in-G002', 'G002', 'A01', {}, 1),
      testAlert('in-G050', 'G050', 'A05', {}, 2),
    ]);
    await waitFor('the alerts', async () => {
      const r = await rpc(clients.committee.alerts, 'ListActiveAlerts', {});
      return r.alerts.length === 3 ? true : undefined;
    });
  });

  afterAll(async () => {
    for (const c of Object.values(clients)) c.close();
    expect(await gateway?.stop()).toBe(0);
    pki?.remove();
  });

  /** Expected codes per caller, in WHO order; tokens that fail authentication always get UNAUTHENTICATED. */
  const row = (committee: number, officer: number, worker: number) => [
    committee,
    officer,
    worker,
    UNAUTHENTICATED,
    UNAUTHENTICATED,
  ];

  const unaryCases: [string, (c: ReturnType<typeof apiClients>) => Promise<unknown>, number[]][] = [
    ['ListActiveAlerts {}', (c) => rpc(c.alerts, 'ListActiveAlerts', {}), row(OK, OK, OK)],
    [
      'ListActiveAlerts area A05',
      (c) => rpc(c.alerts, 'ListActiveAlerts', { areaIds: ['A05'] }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    [
      'ListActiveAlerts area A01',
      (c) => rpc(c.alerts, 'ListActiveAlerts', { areaIds: ['A01'] }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'ListActiveAlerts grid G002',
      (c) => rpc(c.alerts, 'ListActiveAlerts', { gridIds: ['G002'] }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'ListActiveAlerts grid G001',
      (c) => rpc(c.alerts, 'ListActiveAlerts', { gridIds: ['G001'] }),
      row(OK, OK, OK),
    ],
    [
      'ListAlerts grid G050',
      (c) => rpc(c.alerts, 'ListAlerts', { gridIds: ['G050'] }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['ListAlerts {}', (c) => rpc(c.alerts, 'ListAlerts', {}), row(OK, OK, OK)],
    ['GetAlert in G001', (c) => rpc(c.alerts, 'GetAlert', { alertId: 'in-G001' }), row(OK, OK, OK)],
    [
      'GetAlert in G002',
      (c) => rpc(c.alerts, 'GetAlert', { alertId: 'in-G002' }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'GetAlert in G050',
      (c) => rpc(c.alerts, 'GetAlert', { alertId: 'in-G050' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    [
      'AcknowledgeAlert in G050',
      (c) => rpc(c.alerts, 'AcknowledgeAlert', { alertId: 'in-G050' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    [
      'AcknowledgeAlert in G002',
      (c) => rpc(c.alerts, 'AcknowledgeAlert', { alertId: 'in-G002' }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'AcknowledgeAlert in G001',
      (c) => rpc(c.alerts, 'AcknowledgeAlert', { alertId: 'in-G001' }),
      row(OK, OK, OK),
    ],
    [
      // grid workers may silence only where the configuration allows it (not here)
      'CreateSilence gridId=G001',
      (c) => rpc(c.alerts, 'CreateSilence', silence('gridId', 'G001')),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'CreateSilence areaId=A01',
      (c) => rpc(c.alerts, 'CreateSilence', silence('areaId', 'A01')),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'CreateSilence areaId=A05',
      (c) => rpc(c.alerts, 'CreateSilence', silence('areaId', 'A05')),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    [
      'CreateSilence rule=x (unpinned)',
      (c) => rpc(c.alerts, 'CreateSilence', silence('rule', 'x')),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['ListSilences', (c) => rpc(c.alerts, 'ListSilences', {}), row(OK, OK, OK)],
    ['ListGrids {}', (c) => rpc(c.grids, 'ListGrids', {}), row(OK, OK, OK)],
    [
      'ListGrids area A05',
      (c) => rpc(c.grids, 'ListGrids', { areaId: 'A05' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['GetGridState G001', (c) => rpc(c.grids, 'GetGridState', { gridId: 'G001' }), row(OK, OK, OK)],
    [
      'GetGridState G002',
      (c) => rpc(c.grids, 'GetGridState', { gridId: 'G002' }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'GetGridState G050',
      (c) => rpc(c.grids, 'GetGridState', { gridId: 'G050' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['GetGridHistory G001', (c) => rpc(c.grids, 'GetGridHistory', { gridId: 'G001' }), row(OK, OK, OK)],
    [
      'GetGridHistory G050',
      (c) => rpc(c.grids, 'GetGridHistory', { gridId: 'G050' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['ListOpenCases {}', (c) => rpc(c.grids, 'ListOpenCases', {}), row(OK, OK, OK)],
    [
      'ListOpenCases grid G002',
      (c) => rpc(c.grids, 'ListOpenCases', { gridId: 'G002' }),
      row(OK, OK, PERMISSION_DENIED),
    ],
    [
      'ListOpenCases area A05',
      (c) => rpc(c.grids, 'ListOpenCases', { areaId: 'A05' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
    ['GetKpis {}', (c) => rpc(c.grids, 'GetKpis', {}), row(OK, OK, OK)],
    ['GetKpis area A01', (c) => rpc(c.grids, 'GetKpis', { areaId: 'A01' }), row(OK, OK, OK)],
    [
      'GetKpis area A05',
      (c) => rpc(c.grids, 'GetKpis', { areaId: 'A05' }),
      row(OK, PERMISSION_DENIED, PERMISSION_DENIED),
    ],
  ];

  // Narrowed to one rule: a silence of every alert of an area or of the city is refused.
  function silence(name: string, value: string) {
    return {
      matchers: [
        { name, op: 'OP_EQUAL' as const, value },
        { name: 'rule', op: 'OP_EQUAL' as const, value: 'traffic-congestion' },
      ],
      endsAt: { seconds: Math.floor(Date.now() / 1000) + 600 },
      comment: 'matrix',
    };
  }

  it.each(unaryCases)('%s', async (_name, call, expected) => {
    const got = [];
    for (const who of WHO) got.push(await codeOf(call(clients[who])));
    expect(got).toEqual(expected);
  });

  const streamCases: [string, object, number[]][] = [
    ['Subscribe {}', {}, row(OK, OK, OK)],
    ['Subscribe area A05', { areaIds: ['A05'] }, row(OK, PERMISSION_DENIED, PERMISSION_DENIED)],
    ['Subscribe area A01', { areaIds: ['A01'] }, row(OK, OK, PERMISSION_DENIED)],
    ['Subscribe grid G002', { gridIds: ['G002'] }, row(OK, OK, PERMISSION_DENIED)],
    ['Subscribe grid G001', { gridIds: ['G001'] }, row(OK, OK, OK)],
  ];

  it.each(streamCases)('%s', async (_name, request, expected) => {
    const got = [];
    for (const who of WHO) {
      const s = recordStream(clients[who].alerts, request);
      const outcome = await waitFor('a heartbeat or an error', () =>
        s.error ? s.error.code : s.heartbeats > 0 ? OK : undefined,
      );
      s.cancel();
      got.push(outcome);
    }
    expect(got).toEqual(expected);
  });

  it('scopes what each role sees: streams, listings, silences and the hierarchy', async () => {
    const seen = async (who: Who) =>
      (await rpc(clients[who].alerts, 'ListAlerts', {})).alerts.map((a) => a.alert?.alertId).sort();
    expect(await seen('committee')).toEqual(['in-G001', 'in-G002', 'in-G050']);
    expect(await seen('officerA01')).toEqual(['in-G001', 'in-G002']);
    expect(await seen('workerG001')).toEqual(['in-G001']);

    const silences = async (who: Who) =>
      (await rpc(clients[who].alerts, 'ListSilences', {})).silences.map((s) => s.matchers[0]?.value).sort();
    expect(await silences('committee')).toEqual(['A01', 'A01', 'A05', 'G001', 'G001', 'x']);
    expect(await silences('officerA01')).toEqual(['A01', 'A01', 'G001', 'G001']);
    expect(await silences('workerG001')).toEqual(['G001', 'G001']);
    // an area officer cannot expire the committee's silence on another area
    const a05 = (await rpc(clients.committee.alerts, 'ListSilences', {})).silences.find(
      (s) => s.matchers[0]?.value === 'A05',
    )!;
    expect(await codeOf(rpc(clients.officerA01.alerts, 'ExpireSilence', { silenceId: a05.silenceId }))).toBe(
      PERMISSION_DENIED,
    );
    expect(await codeOf(rpc(clients.committee.alerts, 'ExpireSilence', { silenceId: a05.silenceId }))).toBe(
      OK,
    );

    const grids = async (who: Who) =>
      (await rpc(clients[who].grids, 'ListGrids', {})).areas.flatMap((a) =>
        a.largeGrids.flatMap((l) => l.grids),
      ).length;
    expect(await grids('committee')).toBe(103);
    const officerAreas = (await rpc(clients.officerA01.grids, 'ListGrids', {})).areas.map((a) => a.areaId);
    expect(officerAreas).toEqual(['A01']);
    expect(await grids('workerG001')).toBe(1);
  });

  it('PublishEvents accepts only events within the caller\u2019s scope', async () => {
    const ev = (eventId: string, gridId: string) => ({
      case: {
        eventId,
        eventTime: { seconds: Math.floor(Date.UTC(2026, 10, 25, 1) / 1000) },
        source: 'app',
        location: { gridId },
        serviceRequestId: `SR-${eventId}`,
        stage: 'CASE_STAGE_RECEIVED' as const,
        serviceCode: 'waste.dumping',
        urgency: 'CASE_URGENCY_NORMAL' as const,
        channel: 'CASE_CHANNEL_RESIDENT' as const,
      },
    });
    const publish = (who: Who) =>
      new Promise<{ accepted: number; results: { rejection: string }[] }>((resolve, reject) => {
        const call = clients[who].ingest.PublishEvents((err, res) =>
          err || !res ? reject(err ?? new Error('none')) : resolve(res),
        );
        call.write(ev(`${who}-1`, 'G001'));
        call.write(ev(`${who}-2`, 'G050'));
        call.end();
      });
    expect((await publish('committee')).accepted).toBe(2);
    const worker = await publish('workerG001');
    expect(worker.accepted).toBe(1);
    expect(worker.results[1]!.rejection).toMatch(/^permission-denied: grid G050 is outside your scope/);
    expect(await codeOf(publish('noToken'))).toBe(UNAUTHENTICATED);
  });

  it('requires TLS with a client certificate, and serves health and reflection without a token', async () => {
    const v1 = loadGrpcObject().citybrain.v1;
    const plain = new v1.AlertService(address, grpc.credentials.createInsecure());
    expect(await codeOf(rpc(plain, 'ListActiveAlerts', {}, { deadline: Date.now() + 3000 }))).toBe(
      UNAVAILABLE,
    );
    plain.close();
    const noCert = apiClients(address, { pki, token: TEST_TOKENS.committee, clientCert: false });
    expect(await codeOf(rpc(noCert.alerts, 'ListActiveAlerts', {}, { deadline: Date.now() + 3000 }))).toBe(
      UNAVAILABLE,
    );
    noCert.close();
    expect(await healthCheckWith(address, pki, 'citybrain.v1.GridService')).toBe('SERVING');
    // probes that cannot speak TLS use the plaintext health-only port
    expect(await healthCheck(healthAddress, 'citybrain.v1.AlertService')).toBe('SERVING');
  });
});
