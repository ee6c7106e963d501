import { Counter, Gauge, Histogram, type Registry } from '@citybrain/observability';

/**
 * The gateway's metrics. Prometheus conventions: base units, `_total` counters, bounded labels (gRPC
 * method and status code, rule, status, reason — never a subscriber or alert id). Every series also
 * carries `service="alert-gateway"`.
 */
export function createGatewayMetrics(registry: Registry) {
  const registers = [registry];
  return {
    openStreams: new Gauge({
      name: 'citybrain_grpc_open_streams',
      help: 'Open server streams, per gRPC method.',
      labelNames: ['method'],
      registers,
    }),
    /** Errors are the series whose `code` is not `OK`. */
    requests: new Counter({
      name: 'citybrain_grpc_requests_total',
      help: 'gRPC requests handled, per method and status code.',
      labelNames: ['method', 'code'],
      registers,
    }),
    /** Unary latency, observed by the call runner for every unary method. */
    requestSeconds: new Histogram({
      name: 'citybrain_grpc_request_duration_seconds',
      help: 'Time to answer a unary gRPC request, per method.',
      labelNames: ['method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    alertsReceived: new Counter({
      name: 'citybrain_gateway_alerts_received_total',
      help: 'Alert messages read from the alerts topic, per rule and status.',
      labelNames: ['rule', 'status'],
      registers,
    }),
    alertsDelivered: new Counter({
      name: 'citybrain_gateway_alerts_delivered_total',
      help: 'Alert messages queued for subscribers (one per matching subscriber).',
      registers,
    }),
    stateRecordsInvalid: new Counter({
      name: 'citybrain_gateway_state_records_invalid_total',
      help: 'Records of the state topics (acknowledgements, silences, grid state) that could not be decoded and were skipped (each is logged).',
      labelNames: ['topic'],
      registers,
    }),
    subscribersDropped: new Counter({
      name: 'citybrain_gateway_subscribers_dropped_total',
      help: 'Subscribers cut off, per reason.',
      labelNames: ['reason'],
      registers,
    }),
    activeAlerts: new Gauge({
      name: 'citybrain_gateway_active_alerts',
      help: 'Alerts currently firing, as known to the gateway, per area. Every replica holds them all: take max across replicas, never sum.',
      labelNames: ['area'],
      registers,
    }),
    consumerUp: new Gauge({
      name: 'citybrain_kafka_consumer_up',
      help: '1 while the Kafka consumer of the alerts topic is a running group member, else 0.',
      registers,
    }),
  };
}

/** The gateway's metric handles. */
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
