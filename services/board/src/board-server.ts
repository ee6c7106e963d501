import { existsSync, readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
  createRegistry,
  startMetricsServer,
  type Logger,
  type MetricsServer,
} from '@citybrain/observability';
import { loadPackageDefinition } from '@citybrain/proto';
import type { BoardConfig, GatewayTransport } from './config';
import { BoardError } from './errors';
import { GrpcWebBridge } from './grpc-web-bridge';
import { methodTable } from './method-table';
import { bridgeObserver, createBoardMetrics } from './metrics';
import { serveStatic } from './static-files';

/** A running board server. */
export interface BoardHandle {
  /** The board's URL, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** Its Prometheus endpoint, e.g. `http://127.0.0.1:9466/metrics`. */
  readonly metricsUrl: string;
  /** Ends open streams with UNAVAILABLE (browsers reconnect and resume elsewhere), then closes. */
  close(): Promise<void>;
}

function channelCredentials(t: GatewayTransport): grpc.ChannelCredentials {
  if (t.kind === 'insecure') return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(
    t.caFile ? readFileSync(t.caFile) : null,
    t.keyFile ? readFileSync(t.keyFile) : null,
    t.certFile ? readFileSync(t.certFile) : null,
  );
}

/**
 * Starts the board: the built single-page app and a gRPC-Web bridge to the gateway on one port,
 * plus `GET /healthz` (200 while the gateway channel is not in TRANSIENT_FAILURE); `/metrics` and the
 * same `/healthz` on the metrics port, like every service.
 *
 * @throws BoardError when the static folder has no `index.html` (build the app first).
 */
export async function startBoard(config: BoardConfig, logger: Logger): Promise<BoardHandle> {
  if (!existsSync(join(config.staticDir, 'index.html')))
    throw new BoardError(
      'static-dir-missing',
      `${config.staticDir} has no index.html: run \`pnpm --filter @citybrain/board build\` first`,
    );
  const client = new grpc.Client(config.gateway.address, channelCredentials(config.gateway.transport), {
    'grpc.keepalive_time_ms': 20_000,
    'grpc.keepalive_timeout_ms': 10_000,
  });
  const registry = createRegistry('board');
  const metrics = createBoardMetrics(registry);
  const bridge = new GrpcWebBridge(
    client,
    methodTable(loadPackageDefinition()),
    logger,
    bridgeObserver(metrics),
  );
  const gatewayReachable = () =>
    client.getChannel().getConnectivityState(true) !== grpc.connectivityState.TRANSIENT_FAILURE;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const route = async () => {
      if (bridge.handles(req)) return bridge.serve(req, res);
      res.once('finish', () => metrics.httpRequests.inc({ code: String(res.statusCode) }));
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/healthz') {
        const ok = gatewayReachable();
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' })
          .end(ok ? 'ok\n' : 'gateway unreachable\n');
        return;
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && (await serveStatic(config.staticDir, req, res)))
        return;
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405).end();
    };
    route().catch((err: unknown) => {
      logger.error({ err, url: req.url }, 'board request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  const tls = config.http.tls;
  const server: Server = tls
    ? createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, handler)
    : createHttpServer(handler);
  // Streams are long-lived: no request timeout on the server side (the gateway's heartbeats keep
  // proxies from closing them).
  server.requestTimeout = 0;
  const metricsServer: MetricsServer = await startMetricsServer(registry, {
    host: config.metrics.host,
    port: config.metrics.port,
    healthy: gatewayReachable,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.http.port, config.http.host, () => resolve());
    });
  } catch (err: unknown) {
    await metricsServer.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${config.http.host}:${address.port}/`;
  logger.info({ url, metrics: metricsServer.url, gateway: config.gateway.address }, 'board listening');
  return {
    url,
    metricsUrl: metricsServer.url,
    close: async () => {
      bridge.abortAll('board shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      client.close();
      await metricsServer.close();
    },
  };
}
