/**
 * The citybrain alert gateway: a gRPC server that streams alerts from the alerts topic to every
 * subscriber whose filter matches, lists the active alerts, and serves the standard health and
 * reflection services.
 *
 * @example
 * ```ts
 * import { loadGatewayConfig, startGateway } from '@citybrain/alert-gateway';
 * const handle = await startGateway(loadGatewayConfig(process.env), gridRegistry, logger);
 * console.log(`listening on ${handle.address}`);
 * ```
 */
export { loadGatewayConfig, type GatewayConfig } from './config';
export { startGateway, ALERT_SERVICE_NAME, type GatewayHandle } from './gateway';
