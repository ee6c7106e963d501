import { Counter, type Registry } from '@citybrain/observability';

/** Metrics of the committee's API beyond the gateway's stream metrics (`metrics.ts`). */
export function createApiMetrics(registry: Registry) {
  const registers = [registry];
  return {
    acknowledgements: new Counter({
      name: 'citybrain_gateway_acknowledgements_total',
      help: 'Alerts acknowledged through AcknowledgeAlert.',
      registers,
    }),
    silences: new Counter({
      name: 'citybrain_gateway_silence_changes_total',
      help: 'Silences created or expired, per action.',
      labelNames: ['action'],
      registers,
    }),
    ingested: new Counter({
      name: 'citybrain_gateway_ingested_events_total',
      help: 'Events received by PublishEvents, per outcome (accepted, or the rejection reason).',
      labelNames: ['outcome'],
      registers,
    }),
    authFailures: new Counter({
      name: 'citybrain_grpc_auth_failures_total',
      help: 'Calls refused by authentication or authorisation, per code.',
      labelNames: ['code'],
      registers,
    }),
  };
}

/** The API's metric handles. */
export type ApiMetrics = ReturnType<typeof createApiMetrics>;
