import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import type { WirePublishEventsRequestInput } from '@citybrain/proto';
import {
  apiClients,
  codeOf,
  generateTestPki,
  rpc,
  secureGatewayEnv,
  TEST_TOKENS,
  type TestPki,
} from './api-clients';
import { freshSuffix } from './kafka-helpers';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

const { OK, PERMISSION_DENIED, INVALID_ARGUMENT } = grpc.status;
const MIN = 60_000;
const ts = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
const msOf = (t: { seconds?: string | number; nanos?: number } | null | undefined) =>
  Number(t?.seconds ?? 0) * 1000 + Math.round((t?.nanos ?? 0) / 1e6);

// The drill-down's and the KPI panel's API on a real processor, gateway (mutual TLS, tokens) and
// broker: cases opened with PublishEvents appear with the rules' deadlines and go when closed; a
// grid's history comes from the grid-state stream; the KPIs equal the processor's /metrics.
describe('open cases, grid history and KPIs over real gRPC', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let pki: TestPki;
  let processor: RunningService;
  let gateway: RunningService;
  let processorMetrics: string;
  let committee: ReturnType<typeof apiClients>;
  let officer: ReturnType<typeof apiClients>;
  let worker: ReturnType<typeof apiClients>;
  // Event time: two hours ago, so that the work order's 30-minute dispatch deadline has passed.
  const t0 = Math.floor((Date.now() - 2 * 60 * MIN) / MIN) * MIN;
  const id = suffix.replace(/\W/g, '');

  const publish = (...events: WirePublishEventsRequestInput[]) =>
    new Promise<{ accepted: number; rejected: number }>((resolve, reject) => {
      const call = committee.ingest.PublishEvents((err, res) =>
        err || !res ? reject(err ?? new Error('no response')) : resolve(res),
      );
      for (const e of events) call.write(e);
      call.end();
    });
  const permit = (stage: string, atMs: number): WirePublishEventsRequestInput => ({
    permit: {
      eventId: `permit-${id}-${stage}`,
      eventTime: ts(atMs),
      source: 'gov-portal',
      location: { gridId: 'G001' },
      permitId: `P-${id}`,
      projectName: 'Wharf Road plant',
      stage: stage as 'PERMIT_STAGE_FILED',
    },
  });
  const workOrder = (stage: string, atMs: number, gridId = 'G001'): WirePublishEventsRequestInput => ({
    case: {
      eventId: `case-${id}-${gridId}-${stage}`,
      eventTime: ts(atMs),
      source: 'hotline',
      location: { gridId },
      serviceRequestId: `W-${id}-${gridId}`,
      stage: stage as 'CASE_STAGE_RECEIVED',
      serviceCode: 'waste.dumping',
      urgency: 'CASE_URGENCY_NORMAL',
      channel: 'CASE_CHANNEL_HOTLINE',
      description: 'old furniture piled by the road',
    },
  });
  const observation = (minute: number, speed: number): WirePublishEventsRequestInput => ({
    traffic: {
      eventId: `obs-${id}-${minute}`,
      eventTime: ts(t0 + minute * MIN + 30_000),
      source: 'loop-7',
      location: { gridId: 'G001' },
      observation: {
        refRoadSegment: 'S1',
        roadClass: 'ROAD_CLASS_ARTERIAL',
        intensity: 20,
        occupancy: 0.3,
        averageVehicleSpeed: speed,
      },
    },
  });

  beforeAll(async () => {
    pki = generateTestPki();
    const [grpcPort, gatewayMetricsPort, processorMetricsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    processor = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_INPUT_PARTITIONS: '3',
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(processorMetricsPort),
      CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
      CITYBRAIN_TICK_INTERVAL_MS: '200',
    });
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(gatewayMetricsPort),
      ...secureGatewayEnv(pki),
    });
    processorMetrics = `http://127.0.0.1:${processorMetricsPort}/metrics`;
    await Promise.all([
      waitHealthy(`http://127.0.0.1:${processorMetricsPort}/healthz`, processor),
      waitHealthy(`http://127.0.0.1:${gatewayMetricsPort}/healthz`, gateway),
    ]);
    const address = `127.0.0.1:${grpcPort}`;
    committee = apiClients(address, { pki, token: TEST_TOKENS.committee });
    officer = apiClients(address, { pki, token: TEST_TOKENS.officerA01 });
    worker = apiClients(address, { pki, token: TEST_TOKENS.workerG001 });
  });

  afterAll(async () => {
    for (const c of [committee, officer, worker]) c?.close();
    expect(await gateway?.stop()).toBe(0);
    expect(await processor?.stop()).toBe(0);
    pki?.remove();
  });

  it('lists a permit and a work order opened with PublishEvents, with their deadlines, in scope', async () => {
    expect(
      await publish(
        permit('PERMIT_STAGE_FILED', t0),
        workOrder('CASE_STAGE_RECEIVED', t0),
        workOrder('CASE_STAGE_RECEIVED', t0, 'G002'),
        workOrder('CASE_STAGE_RECEIVED', t0, 'G050'),
      ),
    ).toMatchObject({ accepted: 4, rejected: 0 });
    const listed = await waitFor('the open cases of G001', async () => {
      const r = await rpc(worker.grids, 'ListOpenCases', { gridId: 'G001' });
      return r.cases.length === 2 ? r.cases : undefined;
    });
    const byKind = Object.fromEntries(listed.map((c) => [c.kind, c]));
    const order = byKind.CASE_KIND_WORK_ORDER!;
    expect(order).toMatchObject({
      caseId: `W-${id}-G001`,
      gridId: 'G001',
      areaId: 'A01',
      stage: 'received',
      title: 'waste.dumping',
      urgency: 'normal',
    });
    expect(msOf(order.openedAt)).toBe(t0);
    // The shipped rule file's limits for a normal order: dispatch 30 min, accept 2 h, close 3 days.
    expect(order.deadlines.map((d) => [d.name, msOf(d.due) - t0, d.met])).toEqual([
      ['dispatch', 30 * MIN, false],
      ['accept', 120 * MIN, false],
      ['close', 3 * 24 * 60 * MIN, false],
    ]);
    const p = byKind.CASE_KIND_PERMIT!;
    expect(p).toMatchObject({ caseId: `P-${id}`, stage: 'filed', title: 'Wharf Road plant', urgency: '' });
    expect(p.deadlines.map((d) => [d.name, msOf(d.due) - t0])).toEqual([
      ['stage', 8 * 24 * 60 * MIN],
      ['permit', 8 * 24 * 60 * MIN],
    ]);
    // The next deadline first: the order's dispatch deadline comes before the permit's.
    expect(listed.map((c) => c.kind)).toEqual(['CASE_KIND_WORK_ORDER', 'CASE_KIND_PERMIT']);
    const kinds = await rpc(committee.grids, 'ListOpenCases', { gridId: 'G001', kind: 'CASE_KIND_PERMIT' });
    expect(kinds.cases.map((c) => c.caseId)).toEqual([`P-${id}`]);
  });

  it('scopes the cases: a grid worker sees only their grid, an area officer only their area', async () => {
    await waitFor('the G050 order on the committee listing', async () => {
      const r = await rpc(committee.grids, 'ListOpenCases', {});
      return r.cases.some((c) => c.gridId === 'G050') ? true : undefined;
    });
    const ids = async (c: ReturnType<typeof apiClients>, req: object) =>
      (await rpc(c.grids, 'ListOpenCases', req)).cases.map((x) => x.gridId).sort();
    expect(await ids(worker, {})).toEqual(['G001', 'G001']);
    expect(await ids(officer, {})).toEqual(['G001', 'G001', 'G002']);
    expect(await ids(officer, { areaId: 'A01' })).toEqual(['G001', 'G001', 'G002']);
    expect(await ids(committee, { areaId: 'A05' })).toEqual(['G050']);
    const codes = await Promise.all([
      codeOf(rpc(worker.grids, 'ListOpenCases', { gridId: 'G002' })),
      codeOf(rpc(worker.grids, 'ListOpenCases', { areaId: 'A01' })),
      codeOf(rpc(officer.grids, 'ListOpenCases', { areaId: 'A05' })),
      codeOf(rpc(officer.grids, 'ListOpenCases', { gridId: 'G050' })),
      codeOf(rpc(committee.grids, 'ListOpenCases', { gridId: 'G001', areaId: 'A01' })),
      codeOf(rpc(worker.grids, 'GetGridHistory', { gridId: 'G002' })),
      codeOf(rpc(worker.grids, 'GetKpis', { areaId: 'A05' })),
      codeOf(rpc(officer.grids, 'GetKpis', { areaId: 'A01' })),
    ]);
    expect(codes).toEqual([
      PERMISSION_DENIED,
      PERMISSION_DENIED,
      PERMISSION_DENIED,
      PERMISSION_DENIED,
      INVALID_ARGUMENT,
      PERMISSION_DENIED,
      PERMISSION_DENIED,
      OK,
    ]);
  });

  it("returns a grid's history of final windows from the grid-state stream", async () => {
    // A loop's observations minute by minute, as a live city sends them: each minute's
    // observation moves the watermark past the previous minute's window, which the processor
    // publishes as final. (In a burst, a step publishes only the newest window per measure.)
    for (let m = 0; m < 12; m++) {
      expect(await publish(observation(m, 20 + m))).toMatchObject({ accepted: 1 });
      if (m === 0) continue;
      await waitFor(`the window of minute ${m - 1}`, async () => {
        const r = await rpc(worker.grids, 'GetGridHistory', { gridId: 'G001', names: ['kpi-congestion'] });
        return r.windows.some((w) => msOf(w.window?.end) === t0 + m * MIN) ? true : undefined;
      });
    }
    const history = (await rpc(worker.grids, 'GetGridHistory', { gridId: 'G001', names: ['kpi-congestion'] }))
      .windows;
    expect(history.length).toBe(11);
    expect(history.map((w) => w.aggregates.find((a) => a.name === 'arterial.meanSpeedKmh')?.value)).toEqual(
      Array.from({ length: 11 }, (_, m) => 20 + m),
    );
    const ends = history.map((w) => msOf(w.window?.end));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    expect(new Set(ends).size).toBe(ends.length);
    expect(history.every((w) => w.name === 'kpi-congestion')).toBe(true);
    const all = await rpc(worker.grids, 'GetGridHistory', { gridId: 'G001' });
    expect(new Set(all.windows.map((w) => w.name)).size).toBeGreaterThan(1);
    const last5 = await rpc(worker.grids, 'GetGridHistory', { gridId: 'G001', spanSeconds: 300 });
    expect(last5.windows.length).toBeLessThan(all.windows.length);
    expect(await codeOf(rpc(worker.grids, 'GetGridHistory', { gridId: 'G001', spanSeconds: 7200 }))).toBe(
      INVALID_ARGUMENT,
    );
  });

  it('removes closed cases, and its KPIs equal the processor metrics', async () => {
    expect(
      await publish(
        workOrder('CASE_STAGE_CLOSED', t0 + 90 * MIN),
        permit('PERMIT_STAGE_PERMIT_ISSUED', t0 + 100 * MIN),
      ),
    ).toMatchObject({ accepted: 2 });
    await waitFor('the closed cases gone from G001', async () => {
      const r = await rpc(worker.grids, 'ListOpenCases', { gridId: 'G001' });
      return r.cases.length === 0 ? true : undefined;
    });
    // The gateway reads the KPI facts the processor wrote in the same transactions that its
    // counters count (after commit): poll until both have seen the closure.
    const figures = await waitFor('the KPIs equal to the processor metrics', async () => {
      const [kpis, m] = [await rpc(committee.grids, 'GetKpis', {}), await scrape(processorMetrics)];
      const a01 = kpis.areas.find((a) => a.areaId === 'A01');
      if (Number(a01?.workOrdersClosed ?? 0) < 1 || Number(a01?.permitsIssued ?? 0) < 1) return undefined;
      const ours = kpis.areas.map((a) => [
        a.areaId,
        Number(a.workOrdersClosed),
        Number(a.workOrdersClosedOnTime),
        Number(a.permitsIssued),
        Number(a.permitsWithinCommitment),
        a.permitLeadTimeSecondsSum,
        Number(a.alertsRaised),
      ]);
      const theirs = kpis.areas.map(({ areaId: area }) => [
        area,
        m('citybrain_work_orders_closed_total', { area }),
        m('citybrain_work_orders_closed_total', { area, on_time: 'true' }),
        m('citybrain_permit_lead_time_seconds_count', { area }),
        m('citybrain_permit_lead_time_seconds_bucket', { area, le: '691200' }),
        m('citybrain_permit_lead_time_seconds_sum', { area }),
        m('citybrain_alerts_published_total', { area, status: 'firing' }),
      ]);
      return JSON.stringify(ours) === JSON.stringify(theirs) ? { kpis, ours } : undefined;
    });
    const a01 = figures.kpis.areas.find((a) => a.areaId === 'A01')!;
    // Closed 90 minutes after receipt: within the 3-day close deadline. Issued 100 minutes after filing.
    expect(a01).toMatchObject({
      workOrdersClosed: '1',
      workOrdersClosedOnTime: '1',
      permitsIssued: '1',
      permitsWithinCommitment: '1',
      permitLeadTimeSecondsSum: 100 * 60,
    });
    expect(figures.kpis.commitmentSeconds).toBe(8 * 24 * 3600);
    expect(Number(figures.kpis.total?.workOrdersClosed)).toBe(
      figures.kpis.areas.reduce((n, a) => n + Number(a.workOrdersClosed), 0),
    );
    const mine = await rpc(worker.grids, 'GetKpis', {});
    expect(mine.areas.map((a) => a.areaId)).toEqual(['A01']);
    console.log(`[api-cases] KPIs per area (board = processor): ${JSON.stringify(figures.ours)}`);
  });
});
