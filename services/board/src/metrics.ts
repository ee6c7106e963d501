import * as grpc from '@grpc/grpc-js';
import { Counter, Gauge, Histogram, type Registry } from '@citybrain/observability';

/** What the gRPC-Web bridge reports about each call it bridges. */
export interface BridgeObserver {
  /** A call reached the gateway (a stream is now open). */
  started(method: string, streaming: boolean): void;
  /** A call ended with `code` after `seconds` (a stream closed). */
  finished(method: string, streaming: boolean, code: grpc.status, seconds: number): void;
}

/** The short method name of a path, `/citybrain.v1.GridService/GetKpis` → `GetKpis` (the gateway's label). */
export function methodLabel(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The name of a gRPC status code, e.g. `PERMISSION_DENIED` (the gateway's `code` label). */
export function codeLabel(code: grpc.status): string {
  return grpc.status[code] ?? 'UNKNOWN';
}

/**
 * The board server's metrics. Prometheus conventions: base units, `_total` counters, bounded
 * labels (the contract's method names, gRPC status names, HTTP status codes — never a token, a user
 * or a grid). Every series also carries `service="board"`.
 */
export function createBoardMetrics(registry: Registry) {
  const registers = [registry];
  return {
    /** Errors are the series whose `code` is not `OK`. */
    bridgeRequests: new Counter({
      name: 'citybrain_board_bridge_requests_total',
      help: 'gRPC-Web calls bridged to the gateway, per method and final gRPC status.',
      labelNames: ['method', 'code'],
      registers,
    }),
    bridgeSeconds: new Histogram({
      name: 'citybrain_board_bridge_request_duration_seconds',
      help: 'Time from a bridged unary call arriving to its status (the gateway round trip included), per method.',
      labelNames: ['method'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    openStreams: new Gauge({
      name: 'citybrain_board_bridge_open_streams',
      help: 'Server streams open through the bridge (browsers subscribed), per method.',
      labelNames: ['method'],
      registers,
    }),
    httpRequests: new Counter({
      name: 'citybrain_board_http_requests_total',
      help: 'Requests for the page, its assets and /healthz, per HTTP status code.',
      labelNames: ['code'],
      registers,
    }),
  };
}

/** The board server's metric handles. */
export type BoardMetrics = ReturnType<typeof createBoardMetrics>;

/** A {@link BridgeObserver} that records into the board metrics. */
export function bridgeObserver(m: BoardMetrics): BridgeObserver {
  return {
    started: (path, streaming) => {
      if (streaming) m.openStreams.inc({ method: methodLabel(path) });
    },
    finished: (path, streaming, code, seconds) => {
      const method = methodLabel(path);
      m.bridgeRequests.inc({ method, code: codeLabel(code) });
      if (streaming) m.openStreams.dec({ method });
      else m.bridgeSeconds.observe({ method }, seconds);
    },
  };
}
