import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import type { KafkaClient } from '@citybrain/kafka';
import type { WireMatcherInput } from '@citybrain/proto';
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
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const { OK, INVALID_ARGUMENT, PERMISSION_DENIED } = grpc.status;
type Who = 'committee' | 'officerA01' | 'workerG001';
const WHO: readonly Who[] = ['committee', 'officerA01', 'workerG001'];
const eq = (name: string, value: string): WireMatcherInput => ({ name, op: 'OP_EQUAL', value });
const re = (name: string, value: string): WireMatcherInput => ({ name, op: 'OP_REGEX', value });

// Issue 10: a grid worker's silence hid its grid's alerts from the committee; a worker could expire
// the committee's silence; the committee could mute the city with areaId=~".+". The matrix of role ×
// target × action on a real gateway (grid workers allowed to silence by configuration, 2 h at most).
describe('silence scope and ownership', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let pki: TestPki;
  let gateway: RunningService;
  const clients = {} as Record<Who, ReturnType<typeof apiClients>>;

  const create = (who: Who, matchers: WireMatcherInput[], hours = 1, force = false) =>
    rpc(clients[who].alerts, 'CreateSilence', {
      matchers,
      endsAt: { seconds: Math.floor(Date.now() / 1000) + hours * 3600 },
      comment: `by ${who}`,
      force,
    });

  beforeAll(async () => {
    kafka = testClient(brokers);
    pki = generateTestPki();
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_HEARTBEAT_INTERVAL_MS: '200',
      CITYBRAIN_SILENCE_GRID_WORKERS: 'true',
      CITYBRAIN_SILENCE_MAX_DURATION: '2h',
      ...secureGatewayEnv(pki),
    });
    await waitHealthy(`http://127.0.0.1:${metricsPort}/healthz`, gateway);
    for (const who of WHO)
      clients[who] = apiClients(`127.0.0.1:${grpcPort}`, { pki, token: TEST_TOKENS[who] });
  });

  afterAll(async () => {
    for (const c of Object.values(clients)) c.close();
    expect(await gateway?.stop()).toBe(0);
    pki?.remove();
  });

  // role × target → code, for [committee, area officer A01, grid worker G001]
  const createCases: [string, WireMatcherInput[], number, number[]][] = [
    ['own grid G001', [eq('gridId', 'G001')], 1, [OK, OK, OK]],
    ['grid G002 of area A01', [eq('gridId', 'G002')], 1, [OK, OK, PERMISSION_DENIED]],
    ['one rule in area A01', [eq('areaId', 'A01'), eq('rule', 'r')], 1, [OK, OK, PERMISSION_DENIED]],
    [
      'every alert of area A01',
      [eq('areaId', 'A01')],
      1,
      [INVALID_ARGUMENT, INVALID_ARGUMENT, PERMISSION_DENIED],
    ],
    [
      'one rule in area A05',
      [eq('areaId', 'A05'), eq('rule', 'r')],
      1,
      [OK, PERMISSION_DENIED, PERMISSION_DENIED],
    ],
    [
      'the whole city, areaId=~".+"',
      [re('areaId', '.+')],
      1,
      [INVALID_ARGUMENT, PERMISSION_DENIED, PERMISSION_DENIED],
    ],
    ['own grid until 9999', [eq('gridId', 'G001')], 70_000_000, [OK, INVALID_ARGUMENT, INVALID_ARGUMENT]],
    [
      'own grid for 3 h (over the 2 h bound)',
      [eq('gridId', 'G001')],
      3,
      [OK, INVALID_ARGUMENT, INVALID_ARGUMENT],
    ],
  ];
  it.each(createCases)('CreateSilence %s', async (_name, matchers, hours, expected) => {
    const got = [];
    for (const who of WHO) got.push(await codeOf(create(who, matchers, hours)));
    expect(got).toEqual(expected);
  });

  it('lets only the committee force a city-wide silence', async () => {
    expect(await codeOf(create('officerA01', [eq('areaId', 'A01')], 1, true))).toBe(PERMISSION_DENIED);
    const forced = await create('committee', [re('areaId', '.+')], 1, true);
    expect(forced.silence?.state).toBe('active');
    await rpc(clients.committee.alerts, 'ExpireSilence', { silenceId: forced.silence!.silenceId });
  });

  it('expires a silence only for its owner or the committee', async () => {
    const workers = (await create('workerG001', [eq('gridId', 'G001'), eq('rule', 'expire-test')])).silence!;
    const committees = (await create('committee', [eq('gridId', 'G001'), eq('rule', 'expire-test-2')]))
      .silence!;
    const expire = (who: Who, silenceId: string) =>
      codeOf(rpc(clients[who].alerts, 'ExpireSilence', { silenceId }));
    expect(await expire('workerG001', committees.silenceId)).toBe(PERMISSION_DENIED);
    expect(await expire('officerA01', committees.silenceId)).toBe(PERMISSION_DENIED);
    expect(await expire('officerA01', workers.silenceId)).toBe(PERMISSION_DENIED);
    expect(await expire('workerG001', workers.silenceId)).toBe(OK);
    expect(await expire('committee', committees.silenceId)).toBe(OK);
  });

  it('a grid worker’s silence hides alerts from the others, never from the committee', async () => {
    // a clean slate: the committee expires what the cases above created
    for (const s of (await rpc(clients.committee.alerts, 'ListSilences', {})).silences)
      await rpc(clients.committee.alerts, 'ExpireSilence', { silenceId: s.silenceId });
    const streams = Object.fromEntries(
      WHO.map((who) => [who, recordStream(clients[who].alerts, { gridIds: ['G001'] })]),
    ) as Record<Who, ReturnType<typeof recordStream>>;
    await waitFor('the streams', () => (WHO.every((w) => streams[w].heartbeats > 0) ? true : undefined));
    await create('workerG001', [eq('gridId', 'G001'), eq('rule', 'traffic-congestion')]);
    await publishAlerts(kafka, `city.alerts.v1${suffix}`, [
      testAlert('hidden', 'G001', 'A01'),
      { ...testAlert('shown', 'G001', 'A01', {}, 1), rule: 'case-spike' },
    ]);
    await waitFor('the committee to see both and the others the unsilenced one', () =>
      streams.committee.alerts.length >= 2 &&
      streams.officerA01.alerts.length >= 1 &&
      streams.workerG001.alerts.length >= 1
        ? true
        : undefined,
    );
    // (the two alerts may sit on different partitions: their order on the stream is not fixed)
    const seen = (who: Who) => streams[who].alerts.map((a) => [a.alert.alertId, a.silenced]).sort();
    expect(seen('committee')).toEqual([
      ['hidden', true],
      ['shown', false],
    ]);
    expect(seen('officerA01')).toEqual([['shown', false]]);
    expect(seen('workerG001')).toEqual([['shown', false]]);
    const listed = await rpc(clients.committee.alerts, 'ListActiveAlerts', {});
    expect(listed.alerts.map((a) => a.alertId).sort()).toEqual(['hidden', 'shown']);
    expect(listed.silencedAlertIds).toEqual(['hidden']);
    const officer = await rpc(clients.officerA01.alerts, 'ListActiveAlerts', {});
    expect(officer).toMatchObject({
      alerts: [expect.objectContaining({ alertId: 'shown' })],
      silencedAlertIds: [],
    });
    for (const s of Object.values(streams)) s.cancel();
  });
});
