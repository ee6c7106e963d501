import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import * as protoLoader from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { DEFAULT_INHIBIT_RULES, type InhibitRule } from '@citybrain/alerting';
import {
  decodeAlertRecord,
  decodeGridStateRecord,
  decodeKpiFactRecord,
  decodeOpenCaseRecord,
} from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import type { GridRegistry } from '@citybrain/grid';
import {
  BatchConsumer,
  BatchProducer,
  createKafkaClient,
  endOffsetsOnce,
  ensureTopics,
  retryRetriable,
  setGroupOffsets,
  topicEndOffsets,
  type IncomingBatch,
  type IncomingRecord,
  type KafkaClient,
} from '@citybrain/kafka';
import {
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import { loadGrpcObject, loadPackageDefinition } from '@citybrain/proto';
import { AckStore, parseAckRecord } from './ack-store';
import { AlertStore } from './alert-store';
import { createAlertService } from './alert-service';
import { createApiMetrics } from './api-metrics';
import { createAuditLog } from './audit';
import { authenticator, type TokenTable } from './auth';
import { callRunner } from './call-runner';
import type { GatewayConfig, TransportSecurity } from './config';
import { GatewayError, toServiceError } from './errors';
import { createGridService } from './grid-service';
import { GridStateStore } from './grid-state-store';
import { GridHistory } from './grid-history';
import { CaseView } from './case-view';
import { KpiView } from './kpi-view';
import { IngestBudget } from './ingest-limits';
import { createIngestService } from './ingest-service';
import { createGatewayMetrics } from './metrics';
import { MuteEvaluator } from './mute';
import { tolerantService } from './request-decoding';
import { SilenceStore, silenceFromRecord } from './silence-store';
import { SubscriberHub } from './subscriber-hub';

/** The fully-qualified name of the alert service, as health checks and reflection know it. */
export const ALERT_SERVICE_NAME = 'citybrain.v1.AlertService';
/** The fully-qualified name of the grid service. */
export const GRID_SERVICE_NAME = 'citybrain.v1.GridService';
/** The fully-qualified name of the ingest service. */
export const INGEST_SERVICE_NAME = 'citybrain.v1.IngestService';

/** A running gateway. */
export interface GatewayHandle {
  /** `host:port` the gRPC server listens on. */
  readonly address: string;
  readonly metricsUrl: string;
  /** Ends streams with UNAVAILABLE, stops the server and the consumer; idempotent. */
  stop(): Promise<void>;
}

/** Optional collaborators of {@link startGateway}. */
export interface GatewayOptions {
  /**
   * Bearer tokens: a table, or a function giving the table in force (a reloaded tokens file); absent
   * = authentication off (allowed only with CITYBRAIN_GRPC_INSECURE=true).
   */
  readonly tokens?: TokenTable | (() => TokenTable);
  /** Inhibit rules; default {@link DEFAULT_INHIBIT_RULES}. */
  readonly inhibitRules?: readonly InhibitRule[];
}

/** The server credentials of a transport-security configuration (reads the PEM files). */
export async function serverCredentials(security: TransportSecurity): Promise<grpc.ServerCredentials> {
  if (security.kind === 'insecure') return grpc.ServerCredentials.createInsecure();
  const [cert, key, ca] = await Promise.all([
    readFile(security.certFile),
    readFile(security.keyFile),
    security.clientCaFile ? readFile(security.clientCaFile) : Promise.resolve(null),
  ]);
  return grpc.ServerCredentials.createSsl(ca, [{ cert_chain: cert, private_key: key }], ca !== null);
}

/**
 * Starts the alert gateway: a consumer of the alerts, acknowledgements, silences, grid-state,
 * open-case and KPI topics, the gRPC server (AlertService, GridService, IngestService, health, reflection) and `/metrics`.
 */
export async function startGateway(
  config: GatewayConfig,
  registry: GridRegistry,
  logger: Logger,
  options: GatewayOptions = {},
): Promise<GatewayHandle> {
  if (!options.tokens && config.security.kind !== 'insecure')
    throw new GatewayError('internal', 'a tokens file is required unless CITYBRAIN_GRPC_INSECURE=true');
  if (!options.tokens) logger.warn('authentication is off: every caller is treated as the committee');
  const promRegistry = createRegistry('alert-gateway');
  const metrics = createGatewayMetrics(promRegistry);
  const apiMetrics = createApiMetrics(promRegistry);
  const store = new AlertStore(config.resolvedAlertsKept);
  const acks = new AckStore();
  const silences = new SilenceStore();
  const gridState = new GridStateStore();
  const history = new GridHistory();
  const cases = new CaseView();
  const kpis = new KpiView();
  const mute = new MuteEvaluator(store, silences, options.inhibitRules ?? DEFAULT_INHIBIT_RULES);
  const hub = new SubscriberHub({
    queueLimit: config.subscriberQueueLimit,
    replayLimit: config.replayBufferSize,
    isMuted: (a) => mute.isMuted(a),
  });
  const services = [ALERT_SERVICE_NAME, GRID_SERVICE_NAME, INGEST_SERVICE_NAME];
  const health = new HealthImplementation(
    Object.fromEntries(['', ...services].map((s) => [s, 'NOT_SERVING'])),
  );
  const setServing = (serving: boolean) => {
    for (const s of ['', ...services]) health.setStatus(s, serving ? 'SERVING' : 'NOT_SERVING');
  };

  // --- the feeds: every gateway instance reads the whole of each topic (its own group) ---
  const topics = {
    alerts: config.topics.alerts,
    activeAlerts: config.topics.activeAlerts,
    ...config.gatewayTopics,
  };
  const client = createKafkaClient(config.kafka, logger);
  await ensureTopics(client, [
    { topic: topics.alerts, numPartitions: 3 },
    { topic: topics.acks, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.silences, numPartitions: 1, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.gridState, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.activeAlerts, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.cases, numPartitions: 3, configs: { 'cleanup.policy': 'compact' } },
    { topic: topics.kpi, numPartitions: 3 },
    // PublishEvents writes the input topics: create them as the processor would.
    ...[config.topics.traffic, config.topics.permit, config.topics.case].map((topic) => ({
      topic,
      numPartitions: config.inputPartitions,
    })),
  ]);
  // Where the stream's sources end now: a resume position beyond a partition's end is refused.
  for (const [topic, prefix] of [
    [topics.alerts, 'a'],
    [topics.acks, 'k'],
  ] as const)
    for (const { partition, offset } of await topicEndOffsets(client, topic))
      hub.noteLogEnd(`${prefix}${partition}`, Number(offset));
  // The firing alerts come from the compacted active-alerts view; of the alerts topic only its tail
  // is read (enough for the replay buffer and the resolved alerts kept), so start-up time is bounded
  // by what is firing, not by the topic's history.
  const alertsTail = await alertsTailStart(
    client,
    topics.alerts,
    Math.max(config.replayBufferSize, config.resolvedAlertsKept),
  );
  // Subscribers are written to synchronously; yielding to the event loop every few records lets
  // fast subscribers drain between records of a large Kafka batch, so that only a subscriber that
  // really cannot keep up reaches its queue limit.
  const YIELD_EVERY_RECORDS = 32;
  /** Areas with a series of the active-alerts gauge. */
  const areasSeen = new Set<string>();
  const traceLabel = config.traceLabel;
  const onAlerts = async (batch: IncomingBatch): Promise<void> => {
    const readAtMs = Date.now();
    const source = `a${batch.partition}`;
    hub.noteLogEnd(source, Number(batch.highWatermark));
    let n = 0;
    for (const record of batch.records) {
      if (++n % YIELD_EVERY_RECORDS === 0 && hub.size > 0) await new Promise((r) => setImmediate(r));
      const offset = Number(record.offset);
      const decoded = decodeAlertRecord(record); // protobuf or JSON, by its content-type
      if (!decoded.ok) {
        logger.warn(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            reason: decoded.error.message,
          },
          'skipping an undecodable alert record',
        );
        hub.append(source, offset, undefined);
        continue;
      }
      const alert = decoded.alert;
      metrics.alertsReceived.inc({ rule: alert.rule, status: alert.status });
      // Every firing message, as the processor's citybrain_alerts_published_total counts them.
      if (alert.status === 'firing') kpis.alertRaised(alert.areaId);
      const fresh = store.apply(alert); // false for a replayed duplicate: it still advances positions
      metrics.alertsDelivered.inc(hub.append(source, offset, fresh ? { kind: 'alert', alert } : undefined));
      const traced = traceLabel === undefined ? undefined : alert.labels[traceLabel];
      if (traced !== undefined) {
        const at = {
          trace: traced,
          alertId: alert.alertId,
          status: alert.status,
          partition: batch.partition,
          offset,
        };
        logger.info({ ...at, hop: 'gateway-read', atMs: readAtMs }, 'trace');
        logger.info({ ...at, hop: 'gateway-sent', atMs: Date.now() }, 'trace');
      }
    }
    // Per area, once per batch (a pass over the firing alerts), so dashboards can honour their area
    // filter; areas that went quiet are set back to 0 rather than left at their last count.
    const perArea = new Map<string, number>([...areasSeen].map((a) => [a, 0]));
    for (const a of store.firing()) perArea.set(a.areaId, (perArea.get(a.areaId) ?? 0) + 1);
    for (const [area, count] of perArea) {
      areasSeen.add(area);
      metrics.activeAlerts.set({ area }, count);
    }
  };
  const onAcks = (batch: IncomingBatch) => {
    const source = `k${batch.partition}`;
    hub.noteLogEnd(source, Number(batch.highWatermark));
    for (const record of batch.records) {
      const ack = parseAckRecord(record.value);
      if (ack) acks.apply(ack);
      hub.append(source, Number(record.offset), ack ? { kind: 'ack', ack } : undefined);
    }
  };
  // State that survives restarts (acknowledgements, silences, grid state, open cases, KPI facts, the
  // active-alerts view) is read first, up to the end offsets seen at start, so that listings and mute
  // decisions see it before any alert does.
  const stateTopics = [
    topics.acks,
    topics.silences,
    topics.gridState,
    topics.cases,
    topics.kpi,
    topics.activeAlerts,
  ];
  const pending = new Map<string, number>();
  for (const topic of stateTopics)
    for (const { partition, offset } of await topicEndOffsets(client, topic))
      if (Number(offset) > 0) pending.set(`${topic}/${partition}`, Number(offset));
  let stateLoaded: () => void = () => {};
  const stateReady = new Promise<void>((resolve) => (stateLoaded = resolve));
  if (pending.size === 0) stateLoaded();
  // An undecodable state record is logged and counted, never dropped silently.
  const invalidState = (r: IncomingRecord) => {
    metrics.stateRecordsInvalid.inc({ topic: r.topic });
    logger.warn(
      { topic: r.topic, partition: r.partition, offset: r.offset },
      'skipping an undecodable state record',
    );
  };
  const onStateBatch = async (batch: IncomingBatch): Promise<void> => {
    if (batch.topic === topics.acks) onAcks(batch);
    else if (batch.topic === topics.silences) {
      for (const r of batch.records) {
        if (r.value === null) continue; // a tombstone: compaction's deletion marker
        const s = silenceFromRecord(r.value);
        if (s) silences.apply(s);
        else invalidState(r);
      }
    } else if (batch.topic === topics.activeAlerts) {
      // Only the start needs the view: afterwards the alerts topic itself is the feed. The latest
      // record per key wins (compaction may not have removed older ones or the tombstoned yet).
      if (!view) return;
      for (const r of batch.records) {
        const key = r.key?.toString('utf8') ?? '';
        if (r.value === null)
          view.delete(key); // a resolved alert's tombstone
        else {
          const decoded = decodeAlertRecord(r);
          if (decoded.ok) view.set(key, decoded.alert);
          else invalidState(r);
        }
      }
    } else if (batch.topic === topics.gridState) {
      for (const r of batch.records) {
        if (r.value === null) continue;
        const g = decodeGridStateRecord(r.value);
        if (g) {
          gridState.apply(g.gridId, g.windows);
          history.apply(g.gridId, g.windows);
        } else invalidState(r);
      }
    } else if (batch.topic === topics.cases) {
      for (const r of batch.records) {
        const key = r.key?.toString('utf8');
        if (key === undefined) {
          invalidState(r);
          continue;
        }
        if (r.value === null) {
          cases.apply(key, null); // a tombstone: the case closed
          continue;
        }
        const c = decodeOpenCaseRecord(r.value);
        if (c) cases.apply(key, c);
        else invalidState(r);
      }
    } else if (batch.topic === topics.kpi) {
      for (const r of batch.records) {
        const fact = decodeKpiFactRecord(r.value);
        if (fact) kpis.apply(fact);
        else invalidState(r);
      }
    }
    await Promise.resolve();
  };
  // The active-alerts view as read so far; applied to the store once the state topics are read,
  // before the alerts topic's tail.
  let view: Map<string, Alert> | undefined = new Map();
  void stateReady.then(() => {
    for (const alert of view?.values() ?? []) store.apply(alert);
    view = undefined;
  });
  const groupId = `${config.groupPrefix}-${randomUUID()}`;
  await retryRetriable(() => setGroupOffsets(client, groupId, topics.alerts, alertsTail), {
    code: 'OFFSETS_COMMIT_FAILED',
    timeoutMs: 30_000,
  });
  const stateConsumer = new BatchConsumer(client, {
    groupId: `${groupId}-state`,
    topics: stateTopics,
    fromBeginning: true,
    onBatch: onStateBatch,
  });
  const alertsConsumer = new BatchConsumer(client, {
    groupId,
    topics: [topics.alerts],
    fromBeginning: true,
    onBatch: onAlerts,
  });
  // Read to the end offsets seen at start, counting transaction markers (the processor writes grid
  // state in transactions): a marker never reaches onBatch, so progress comes from the consumer.
  stateConsumer.onProgress((topic, partition, next) => {
    const key = `${topic}/${partition}`;
    const target = pending.get(key);
    if (target !== undefined && next >= target) {
      pending.delete(key);
      if (pending.size === 0) stateLoaded();
    }
  });
  const consumers = [stateConsumer, alertsConsumer];
  const producer = new BatchProducer(client);
  const onConsumerState = () => {
    const up = consumers.every((c) => c.state === 'running');
    metrics.consumerUp.set(up ? 1 : 0);
    setServing(up);
    logger.info({ state: stateConsumer.state, alerts: alertsConsumer.state }, 'gateway consumers state');
  };
  for (const c of consumers) c.onState(onConsumerState);

  // --- the gRPC services ---
  const { tokens } = options;
  const authenticate = authenticator(
    tokens === undefined ? undefined : typeof tokens === 'function' ? tokens : () => tokens,
  );
  const audit = createAuditLog(logger);
  const runner = callRunner({
    authenticate,
    countRequest: (method, code) => metrics.requests.inc({ method, code }),
    countAuthFailure: (code) => apiMetrics.authFailures.inc({ code }),
    observeSeconds: (method, seconds) => metrics.requestSeconds.observe({ method }, seconds),
    audit,
  });
  const send = (records: Parameters<BatchProducer['send']>[0]) => producer.send(records);
  const openCalls = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const grpcObject = loadGrpcObject().citybrain.v1;
  const server = new grpc.Server({
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    // No request is larger than one event may be (PublishEvents streams one event per message): a
    // bigger message is refused from its length prefix, before it is read into memory.
    'grpc.max_receive_message_length': Math.max(config.ingest.maxEventBytes, 64 * 1024) + 4096,
  });
  server.addService(
    tolerantService(grpcObject.AlertService.service),
    createAlertService({
      registry,
      store,
      acks,
      silences,
      mute,
      hub,
      runner,
      authenticate,
      send,
      topics,
      now: Date.now,
      streams: {
        opened: (call) => {
          openCalls.add(call);
          metrics.openStreams.inc({ method: 'Subscribe' });
        },
        closed: (call, code) => {
          openCalls.delete(call);
          metrics.openStreams.dec({ method: 'Subscribe' });
          metrics.requests.inc({ method: 'Subscribe', code });
        },
        dropped: () => metrics.subscribersDropped.inc({ reason: 'slow-consumer' }),
      },
      silencePolicy: config.silences,
      audit,
      counters: {
        acknowledged: () => apiMetrics.acknowledgements.inc(),
        silence: (action) => apiMetrics.silences.inc({ action }),
      },
    }),
  );
  server.addService(
    tolerantService(grpcObject.GridService.service),
    createGridService({ registry, store, gridState, history, cases, kpis, mute, acks, runner }),
  );
  server.addService(
    tolerantService(grpcObject.IngestService.service),
    createIngestService({
      registry,
      runner,
      authenticate,
      topics: { traffic: config.topics.traffic, permit: config.topics.permit, case: config.topics.case },
      send,
      count: (outcome) => apiMetrics.ingested.inc({ outcome }),
      limits: config.ingest,
      budget: new IngestBudget(config.ingest.maxInflightBytes),
      now: Date.now,
    }),
  );
  health.addToServer(server);
  // Reflection describes citybrain's services and the standard health service alike.
  new ReflectionService({ ...loadPackageDefinition(), ...healthPackageDefinition() }).addToServer(server);
  const credentials = await serverCredentials(config.security);
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${config.grpc.host}:${config.grpc.port}`, credentials, (err, port) =>
      err ? reject(err) : resolve(port),
    );
  });

  // Probes that cannot speak TLS get the health service alone, in plaintext, on its own port.
  let healthServer: grpc.Server | undefined;
  if (config.grpc.healthPort !== undefined) {
    const hs = new grpc.Server();
    health.addToServer(hs);
    healthServer = hs;
    await new Promise<number>((resolve, reject) =>
      hs.bindAsync(
        `${config.grpc.host}:${config.grpc.healthPort}`,
        grpc.ServerCredentials.createInsecure(),
        (err, p) => (err ? reject(err) : resolve(p)),
      ),
    ).catch((err: unknown) => {
      server.forceShutdown();
      throw err;
    });
  }

  let metricsServer: MetricsServer;
  try {
    metricsServer = await startMetricsServer(promRegistry, {
      host: config.metrics.host,
      port: config.metrics.port,
      healthy: () => consumers.every((c) => c.state === 'running'),
    });
    await producer.connect();
    await stateConsumer.start();
    const STATE_LOAD_BOUND_MS = 60_000;
    let timer: NodeJS.Timeout | undefined;
    const loaded = await Promise.race([
      stateReady.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), STATE_LOAD_BOUND_MS))),
    ]);
    clearTimeout(timer);
    if (!loaded)
      logger.warn({ pending: [...pending.keys()] }, 'state topics not fully read; starting anyway');
    await alertsConsumer.start();
  } catch (err: unknown) {
    server.forceShutdown();
    healthServer?.forceShutdown();
    throw err;
  }
  const heartbeat = setInterval(() => hub.heartbeat(Date.now()), config.heartbeatIntervalMs);
  heartbeat.unref();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      clearInterval(heartbeat);
      setServing(false);
      for (const call of openCalls)
        call.emit(
          'error',
          toServiceError(new GatewayError('unavailable', 'server shutting down; reconnect')),
        );
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, config.grpc.shutdownGraceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      healthServer?.forceShutdown();
      await alertsConsumer.stop();
      await stateConsumer.stop();
      await producer.disconnect();
      await metricsServer.close();
      logger.info('alert gateway stopped');
    })());

  const address = `${config.grpc.host}:${boundPort}`;
  logger.info({ address, metrics: metricsServer.url, tls: config.security.kind }, 'alert gateway started');
  return { address, metricsUrl: metricsServer.url, stop };
}

/** The package definition of `grpc.health.v1`, as shipped by grpc-health-check. */
function healthPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(healthProtoPath, {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
}

/** Per partition of the alerts topic, where its last `records` records start. */
async function alertsTailStart(
  client: KafkaClient,
  topic: string,
  records: number,
): Promise<{ partition: number; offset: number }[]> {
  const ends = await retryRetriable(() => endOffsetsOnce(client, [topic]), {
    code: 'OFFSETS_FETCH_FAILED',
    timeoutMs: 30_000,
  });
  return ends.map((e) => ({ partition: e.partition, offset: Math.max(e.low, e.high - records) }));
}
