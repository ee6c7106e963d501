import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the repository's `proto/` folder (the buf module root), found from this file's
 * location so that it works from any checkout.
 */
export const PROTO_ROOT_DIR: string = fileURLToPath(new URL('../../../proto', import.meta.url));

/** The citybrain proto files, relative to {@link PROTO_ROOT_DIR}. */
export const PROTO_FILES: readonly string[] = [
  'citybrain/v1/events.proto',
  'citybrain/v1/alerts.proto',
  'citybrain/v1/alert_service.proto',
];

/** The protobuf package of every citybrain message. */
export const PROTO_PACKAGE = 'citybrain.v1';

/** Fully qualified names of the messages carried on Kafka topics and of the gRPC service. */
export const TYPE_NAMES = {
  trafficEvent: 'citybrain.v1.TrafficEvent',
  permitEvent: 'citybrain.v1.PermitEvent',
  caseEvent: 'citybrain.v1.CaseEvent',
  alert: 'citybrain.v1.Alert',
  alertService: 'citybrain.v1.AlertService',
} as const;
