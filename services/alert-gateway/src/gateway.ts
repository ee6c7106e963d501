import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { alertToWire, decodeAlert } from '@citybrain/codec';
import type { GridRegistry } from '@citybrain/grid';
import { BatchConsumer, createKafkaClient, ensureTopics, type IncomingBatch } from '@citybrain/kafka';
import {
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import {
  loadGrpcObject,
  loadPackageDefinition,
  type AlertServiceHandlers,
  type WireSubscribeResponseInput,
} from '@citybrain/proto';
import { ActiveAlerts } from './active-alerts';
import { matches, parseFilter, type KnownIds } from './alert-filter';
import type { GatewayConfig } from './config';
import { GatewayError, toServiceError } from './errors';
import { createGatewayMetrics } from './metrics';
import { SubscriberHub, type StreamItem } from './subscriber-hub';

/** The fully-qualified name of the service, as health checks and reflection know it. */
export const ALERT_SERVICE_NAME = 'citybrain.v1.AlertService';

/** A running gateway. */
export interface GatewayHandle {
  /** `host:port` the gRPC server listens on. */
  readonly address: string;
  readonly metricsUrl: string;
  /** Ends streams with UNAVAILABLE, stops the server and the consumer; idempotent. */
  stop(): Promise<void>;
}

function toWire(item: StreamItem): WireSubscribeResponseInput {
  if (item.kind === 'alert') return { alert: alertToWire(item.alert), position: item.position };
  return {
    heartbeat: { sentAt: { seconds: Math.floor(item.atMs / 1000), nanos: (item.atMs % 1000) * 1e6 } },
    position: item.position,
  };
}

/** Starts the alert gateway: alerts-topic consumer, gRPC server (AlertService, health, reflection), `/metrics`. */
export async function startGateway(
  config: GatewayConfig,
  registry: GridRegistry,
  logger: Logger,
): Promise<GatewayHandle> {
  const promRegistry = createRegistry('alert-gateway');
  const metrics = createGatewayMetrics(promRegistry);
  const store = new ActiveAlerts();
  const hub = new SubscriberHub(config.subscriberQueueLimit);
  const known: KnownIds = {
    hasArea: (id) => registry.area(id) !== undefined,
    hasGrid: (id) => registry.grid(id) !== undefined,
  };
  const health = new HealthImplementation({ '': 'NOT_SERVING', [ALERT_SERVICE_NAME]: 'NOT_SERVING' });
  const setServing = (serving: boolean) => {
    const s = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', s);
    health.setStatus(ALERT_SERVICE_NAME, s);
  };

  // --- the alerts feed: every gateway instance reads the whole topic (its own group) ---
  const client = createKafkaClient(config.kafka, logger);
  await ensureTopics(client, [{ topic: config.topics.alerts, numPartitions: 3 }]);
  const onBatch = async (batch: IncomingBatch): Promise<void> => {
    for (const record of batch.records) {
      const decoded = decodeAlert(record.value ?? new Uint8Array());
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
        continue;
      }
      const alert = decoded.alert;
      metrics.alertsReceived.inc({ rule: alert.rule, status: alert.status });
      if (!store.apply(alert)) continue; // a replayed duplicate
      metrics.activeAlerts.set(store.size);
      metrics.alertsDelivered.inc(hub.publish(alert, `${record.partition}:${record.offset}`));
    }
    await Promise.resolve();
  };
  const consumer = new BatchConsumer(client, {
    groupId: `${config.groupPrefix}-${randomUUID()}`,
    topics: [config.topics.alerts],
    fromBeginning: true,
    onBatch,
  });
  consumer.onState((state) => {
    metrics.consumerUp.set(state === 'running' ? 1 : 0);
    setServing(state === 'running');
    logger.info({ state }, 'alerts consumer state');
  });

  // --- the gRPC service ---
  const openCalls = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  const handlers: AlertServiceHandlers = {
    Subscribe: (call) => {
      const method = 'Subscribe';
      let filter;
      try {
        filter = parseFilter(call.request, known);
      } catch (err: unknown) {
        const e = toServiceError(err);
        metrics.requests.inc({ method, code: grpc.status[e.code] });
        call.emit('error', e);
        return;
      }
      openCalls.add(call);
      metrics.openStreams.inc({ method });
      let closed = false;
      const unsubscribe = hub.subscribe(filter, {
        write: (item) => call.write(toWire(item)),
        onDrain: (listener) => call.on('drain', listener),
        overflow: (message) => {
          metrics.subscribersDropped.inc({ reason: 'slow-consumer' });
          call.emit('error', toServiceError(new GatewayError('resource-exhausted', message)));
        },
      });
      const close = (code: string) => {
        if (closed) return;
        closed = true;
        unsubscribe();
        openCalls.delete(call);
        metrics.openStreams.dec({ method });
        metrics.requests.inc({ method, code });
      };
      call.on('cancelled', () => close('CANCELLED'));
      call.on('error', () => close('ERROR'));
      call.on('close', () => close('OK'));
    },
    ListActiveAlerts: (call, callback) => {
      const method = 'ListActiveAlerts';
      try {
        const filter = parseFilter(call.request, known);
        const alerts = store.list((a) => matches(filter, a)).map(alertToWire);
        metrics.requests.inc({ method, code: 'OK' });
        callback(null, { alerts });
      } catch (err: unknown) {
        const e = toServiceError(err);
        metrics.requests.inc({ method, code: grpc.status[e.code] });
        callback(e);
      }
    },
  };

  const server = new grpc.Server({
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
  });
  server.addService(loadGrpcObject().citybrain.v1.AlertService.service, handlers);
  health.addToServer(server);
  new ReflectionService(loadPackageDefinition()).addToServer(server);
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${config.grpc.host}:${config.grpc.port}`,
      grpc.ServerCredentials.createInsecure(),
      (err, port) => (err ? reject(err) : resolve(port)),
    );
  });

  let metricsServer: MetricsServer;
  try {
    metricsServer = await startMetricsServer(promRegistry, {
      host: config.metrics.host,
      port: config.metrics.port,
      healthy: () => consumer.state === 'running',
    });
    await consumer.start();
  } catch (err: unknown) {
    server.forceShutdown();
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
      await consumer.stop();
      await metricsServer.close();
      logger.info('alert gateway stopped');
    })());

  const address = `${config.grpc.host}:${boundPort}`;
  logger.info({ address, metrics: metricsServer.url }, 'alert gateway started');
  return { address, metricsUrl: metricsServer.url, stop };
}
