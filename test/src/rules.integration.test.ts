import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeAlertRecord, encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type {
  Alert,
  CaseEvent,
  CityEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import {
  BatchConsumer,
  BatchProducer,
  ensureTopics,
  type IncomingRecord,
  type KafkaClient,
} from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';
import { countCommitted, waitQuiescent } from './quiescence';
import { freePort, scrape, startService, waitFor, waitHealthy, type RunningService } from './services';

// Every shipped rule (deploy/config/rules.yaml) fires and resolves on the real broker, from scripted
// events in two phases: the first makes every rule fire (and the window rules resolve), the second
// resolves the lifecycle alerts that only a later event ends. Then the rule file is broken and fixed
// while the processor runs.
const SHIPPED_RULES = fileURLToPath(new URL('../../deploy/config/rules.yaml', import.meta.url));
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 25, 0, 0);

let n = 0;
const id = () => `rules-it-${++n}`;
const at = (gridId: string) => ({ location: { kind: 'grid' as const, gridId }, eventId: id() });

function obs(gridId: string, t: number, speedKmh: number): TrafficObservation {
  return {
    ...at(gridId),
    family: 'traffic',
    type: 'observation',
    eventTimeMs: t,
    source: `sensor/${gridId}`,
    refRoadSegment: `${gridId}-S1`,
    roadClass: 'arterial',
    laneId: 0,
    intensity: 20,
    occupancy: 0.4,
    averageVehicleSpeedKmh: speedKmh,
  };
}
const steady = (gridId: string, from: number, to: number, speedKmh: number) =>
  Array.from({ length: Math.floor((to - from) / 20_000) }, (_, i) =>
    obs(gridId, from + 5_000 + i * 20_000, speedKmh),
  );

function accident(
  gridId: string,
  t: number,
  incidentId: string,
  more: Partial<TrafficIncident> = {},
): TrafficIncident {
  return {
    ...at(gridId),
    family: 'traffic',
    type: 'incident',
    eventTimeMs: t,
    source: 'police/122',
    incidentId,
    incidentType: 'accident',
    status: 'onGoing',
    injured: 0,
    dead: 0,
    vehiclesInvolved: 2,
    description: 'collision',
    ...more,
  };
}

function order(gridId: string, t: number, caseId: string, stage: CaseEvent['stage']): CaseEvent {
  return {
    ...at(gridId),
    family: 'case',
    eventTimeMs: t,
    source: 'hotline-12345',
    caseId,
    stage,
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'resident',
    description: 'waste by the road',
  };
}
/** A report that is handled at once: counts as a received case, never overdue. */
const report = (gridId: string, t: number, caseId: string) => [
  order(gridId, t, caseId, 'received'),
  order(gridId, t + 10_000, caseId, 'closed'),
];

function permit(gridId: string, t: number, permitId: string, stage: PermitEvent['stage']): PermitEvent {
  return {
    ...at(gridId),
    family: 'permit',
    eventTimeMs: t,
    source: 'gov',
    permitId,
    projectName: permitId,
    stage,
  };
}

/** Phase 1: every rule fires; the window rules also resolve. */
function phase1(): CityEvent[] {
  const events: CityEvent[] = [
    // traffic-congestion: a severe minute, then free flow.
    ...steady('G001', T0, T0 + MIN, 12),
    ...steady('G001', T0 + MIN, T0 + 2 * MIN, 45),
    // traffic-congestion-sustained and area-congestion: area A03's grids at 16 km/h for 10 minutes.
    ...['G025', 'G026', 'G027'].flatMap((g) => steady(g, T0, T0 + 10 * MIN, 16)),
    // serious-accident: two injured, solved four minutes later.
    accident('G030', T0 + MIN, 'INC-S', { injured: 2 }),
    accident('G030', T0 + 5 * MIN, 'INC-S', { injured: 2, status: 'solved' }),
    // accident-cluster: three minor accidents ten minutes apart.
    accident('G031', T0, 'INC-1'),
    accident('G031', T0 + 10 * MIN, 'INC-2'),
    accident('G031', T0 + 20 * MIN, 'INC-3'),
    // case-backlog-spike: seven reports in seven minutes.
    ...Array.from({ length: 7 }, (_, i) => report('G040', T0 + i * MIN, `SPIKE-${i}`)).flat(),
    // work-order-overdue: received and left alone.
    order('G041', T0, 'W-1', 'received'),
    // permit-overdue: filed nine days ago.
    permit('G042', T0 - 9 * DAY, 'P-1', 'filed'),
  ];
  // case-spike-baseline: one report an hour for six hours, ten in the seventh, one in the eighth.
  for (let h = 0; h < 6; h++) events.push(...report('G050', T0 + h * HOUR + 30 * MIN, `B-${h}`));
  for (let i = 0; i < 10; i++) events.push(...report('G050', T0 + 6 * HOUR + i * 6 * MIN, `S-${i}`));
  events.push(...report('G050', T0 + 7 * HOUR + 30 * MIN, 'B-7'));
  // Event time moves on in every stream, so that windows close and timers fire.
  events.push(obs('G090', T0 + 9 * HOUR, 60), ...report('G091', T0 + 9 * HOUR, 'LAST'));
  events.push(accident('G092', T0 + 9 * HOUR, 'INC-LAST'), permit('G093', T0 + 9 * HOUR, 'P-LAST', 'filed'));
  return events;
}

/** Phase 2: the lifecycles end. */
function phase2(): CityEvent[] {
  const t = T0 + 9 * HOUR;
  return [
    order('G041', t + MIN, 'W-1', 'dispatched'),
    order('G041', t + 2 * MIN, 'W-1', 'accepted'),
    order('G041', t + 3 * MIN, 'W-1', 'closed'),
    permit('G042', t + 4 * MIN, 'P-1', 'permitIssued'),
    obs('G090', t + 5 * MIN, 60),
  ];
}

const RULES = [
  'traffic-congestion',
  'traffic-congestion-sustained',
  'area-congestion',
  'serious-accident',
  'accident-cluster',
  'case-backlog-spike',
  'case-spike-baseline',
  'work-order-overdue',
  'permit-overdue',
];

describe('every shipped rule fires and resolves on the real broker', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  const topics = {
    traffic: TOPIC_BY_FAMILY.traffic + suffix,
    permit: TOPIC_BY_FAMILY.permit + suffix,
    case: TOPIC_BY_FAMILY.case + suffix,
    alerts: `city.alerts.v1${suffix}`,
  };
  const alerts: Alert[] = [];
  /** The alert records as any Kafka client sees them. */
  const raw: IncomingRecord[] = [];
  let client: KafkaClient;
  let producer: BatchProducer;
  let alertsConsumer: BatchConsumer;
  let processor: RunningService;
  let metricsUrl: string;
  let rulesFile: string;

  const send = async (events: CityEvent[]) => {
    await producer.send(
      events.map((e) => {
        const encoded = encodeEvent(e, 'protobuf');
        const key = e.location.kind === 'grid' ? e.location.gridId : 'point';
        return { topic: topics[e.family], key, value: encoded.value, headers: encoded.headers };
      }),
    );
  };
  const lifecycle = (a: Alert) => `${a.rule} ${a.status}`;

  beforeAll(async () => {
    client = testClient(brokers);
    rulesFile = join(await mkdtemp(join(tmpdir(), 'citybrain-rules-it-')), 'rules.yaml');
    await copyFile(SHIPPED_RULES, rulesFile);
    await ensureTopics(client, [
      { topic: topics.traffic, numPartitions: 3 },
      { topic: topics.permit, numPartitions: 3 },
      { topic: topics.case, numPartitions: 3 },
      { topic: topics.alerts, numPartitions: 3 },
    ]);
    alertsConsumer = new BatchConsumer(client, {
      groupId: `citybrain-tests-alerts${suffix}`,
      topics: [topics.alerts],
      fromBeginning: true,
      onBatch: async (batch) => {
        for (const r of batch.records) {
          raw.push(r);
          const decoded = decodeAlertRecord(r);
          if (decoded.ok) alerts.push(decoded.alert);
        }
        await Promise.resolve();
      },
    });
    await alertsConsumer.start();
    producer = new BatchProducer(client);
    await producer.connect();
    await send(phase1());
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    processor = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_INPUT_PARTITIONS: '3',
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
      CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}`,
      CITYBRAIN_RULES_FILE: rulesFile,
      CITYBRAIN_TICK_INTERVAL_MS: '200',
      CITYBRAIN_IDLE_TIMEOUT_MS: '2000',
      CITYBRAIN_IDLE_ADVANCE_AFTER_MS: '600000',
      CITYBRAIN_ALERTS_FORMAT: 'json',
    });
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), processor);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await alertsConsumer?.stop();
    expect(await processor?.stop()).toBe(0);
  });

  it('phase 1: every rule fires; the window rules resolve', async () => {
    const want = [
      ...RULES.map((r) => `${r} firing`),
      ...RULES.filter((r) => !['work-order-overdue', 'permit-overdue'].includes(r)).map(
        (r) => `${r} resolved`,
      ),
    ];
    await waitFor('every rule to fire', () => {
      const seen = new Set(alerts.map(lifecycle));
      return want.every((w) => seen.has(w)) ? true : undefined;
    }).catch(() => undefined);
    expect([...new Set(alerts.map(lifecycle))].sort(), processor.output()).toEqual(
      expect.arrayContaining(want.sort()),
    );
    const area = alerts.find((a) => a.rule === 'area-congestion')!;
    expect(area.labels).toMatchObject({ scope: 'area', areaId: area.areaId });
    for (const a of alerts) expect(a.labels['scope'], a.fingerprint).toMatch(/^(grid|area)$/);
  });

  it('phase 2: the lifecycle alerts resolve; nothing is left firing, nothing is sent twice', async () => {
    await send(phase2());
    await waitFor('the lifecycles to resolve', () => {
      const seen = new Set(alerts.map(lifecycle));
      return seen.has('work-order-overdue resolved') && seen.has('permit-overdue resolved')
        ? true
        : undefined;
    }).catch(() => undefined);
    // Nothing more can come: every alert the processor will write is on the topic and read.
    await waitQuiescent({
      client,
      group: `citybrain-processor${suffix}`,
      inputs: [topics.traffic, topics.permit, topics.case],
      metricsUrl,
      maxOutOfOrdernessMs: 5_000,
    });
    const published = await countCommitted(client, topics.alerts);
    await waitFor('the alerts consumer to read the alerts topic', () =>
      raw.length >= published ? true : undefined,
    );
    const firing = new Map<string, Alert>();
    const messages = new Set<string>();
    for (const a of alerts) {
      // A growing accident cluster re-sends its firing message with a new value: not a duplicate.
      const key = `${a.alertId} ${a.status} ${a.severity} ${a.value}`;
      expect(messages.has(key), `duplicate ${key}`).toBe(false);
      messages.add(key);
      if (a.status === 'firing') firing.set(a.fingerprint, a);
      else firing.delete(a.fingerprint);
    }
    expect([...firing.keys()], processor.output()).toEqual([]);
    for (const rule of RULES) {
      expect(
        alerts.some((a) => a.rule === rule && a.status === 'resolved'),
        rule,
      ).toBe(true);
    }
  });

  it('writes the alerts topic as readable JSON, its headers saying what each alert is', () => {
    expect(raw.length).toBe(alerts.length);
    for (const r of raw) {
      expect(r.headers['content-type']).toBe('application/json');
      const json = JSON.parse(r.value!.toString('utf8')) as Record<string, unknown>;
      expect(r.key?.toString()).toBe(json['areaId']);
      expect(r.headers['x-citybrain-alert-id']).toBe(json['alertId']);
      expect(r.headers['x-citybrain-grid']).toBe(json['gridId']);
      expect(r.headers['x-citybrain-area']).toBe(json['areaId']);
      expect(`SEVERITY_${r.headers['x-citybrain-severity']!.toUpperCase()}`).toBe(json['severity']);
      expect(`ALERT_STATUS_${r.headers['x-citybrain-status']!.toUpperCase()}`).toBe(json['status']);
      expect(json['startsAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('exposes the KPI metrics', async () => {
    const p = await scrape(metricsUrl);
    // G025's last minute ran at 16 km/h on an arterial: moderate (3).
    expect(p('citybrain_grid_congestion_level', { grid: 'G025', area: 'A03' })).toBe(3);
    expect(p('citybrain_work_orders_closed_total', { on_time: 'true' })).toBeGreaterThanOrEqual(1);
    expect(p('citybrain_work_orders_open', { grid: 'G041' })).toBe(0);
    expect(p('citybrain_permit_lead_time_seconds_count')).toBe(1);
    expect(p('citybrain_rules_reload_success')).toBe(1);
  });

  it('rejects a broken rule file, keeps running, and takes the fixed file on SIGHUP', async () => {
    const good = await readFile(rulesFile, 'utf8');
    const before = (await scrape(metricsUrl))('citybrain_rules_last_reload_timestamp_seconds');
    await writeFile(rulesFile, good.replace("op: '<=', threshold: 20 }", "op: '=<', threshold: 20 }"));
    await waitFor('the reload to fail', async () =>
      (await scrape(metricsUrl))('citybrain_rules_reload_success') === 0 ? true : undefined,
    );
    // The metric is set before the log line, which reaches us through a pipe: wait for it too.
    const rejected = /rule file rejected.*rules\[1\]\(traffic-congestion\)\.condition\.op/;
    await waitFor('the rejection in the log', () => (rejected.test(processor.output()) ? true : undefined));
    expect((await scrape(metricsUrl))('citybrain_rules_last_reload_timestamp_seconds')).toBeGreaterThan(
      before,
    );
    expect(processor.process.exitCode).toBeNull();
    await writeFile(rulesFile, good);
    await waitFor('the file-change reload', async () =>
      (await scrape(metricsUrl))('citybrain_rules_reload_success') === 1 ? true : undefined,
    );
    processor.process.kill('SIGHUP');
    await waitFor('the SIGHUP reload', () =>
      processor.output().includes('SIGHUP: reloading') ? true : undefined,
    );
    expect((await scrape(metricsUrl))('citybrain_rules_reload_success')).toBe(1);
  });
});
