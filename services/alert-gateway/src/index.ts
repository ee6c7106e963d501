/**
 * The citybrain alert gateway: the governance committee's gRPC API.
 *
 * - `AlertService`: alert streams with resume cursors (per-partition offset vectors over the alerts
 *   and acknowledgement topics, served from a bounded replay log), heartbeats, per-subscriber
 *   flow control; listings with paging; acknowledgements; Alertmanager-style silences and
 *   inhibition applied at delivery.
 * - `GridService`: the grid hierarchy and the latest window state of a grid (from the compacted
 *   grid-state topic the processor writes).
 * - `IngestService`: client-streaming ingest with per-event validation.
 * - Mutual TLS, bearer tokens with roles (committee, area officer, grid worker), health and reflection.
 *
 * @example
 * ```ts
 * import { loadGatewayConfig, startGateway, TokenTable } from '@citybrain/alert-gateway';
 * const config = loadGatewayConfig(process.env); // TLS unless CITYBRAIN_GRPC_INSECURE=true
 * const tokens = TokenTable.parse(tokensYaml, gridRegistry);
 * const handle = await startGateway(config, gridRegistry, logger, { tokens });
 * console.log(`listening on ${handle.address}`);
 * ```
 */
export { loadGatewayConfig, type GatewayConfig, type GatewayTopics, type TransportSecurity } from './config';
export {
  startGateway,
  serverCredentials,
  ALERT_SERVICE_NAME,
  GRID_SERVICE_NAME,
  INGEST_SERVICE_NAME,
  type GatewayHandle,
  type GatewayOptions,
} from './gateway';
export { TokenTable, OPEN_ACCESS, inScope, scopeFilter, type Principal, type Role } from './auth';
export { parseInhibitRules } from './inhibit-rules-file';
export { encodeCursor, decodeCursor, type StreamCursor } from './stream-cursor';
export { GatewayError, toServiceError, type GatewayErrorCode } from './errors';
export type { AckRecord } from './ack-store';
