import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '@citybrain/observability';
import { bridgeObserver, codeLabel, createBoardMetrics, methodLabel } from './metrics';

describe('the board server metrics', () => {
  it('counts bridged calls by method and status, times unary ones and tracks open streams', async () => {
    const registry = createRegistry('board');
    const o = bridgeObserver(createBoardMetrics(registry));
    o.started('/citybrain.v1.AlertService/Subscribe', true);
    o.started('/citybrain.v1.AlertService/Subscribe', true);
    o.started('/citybrain.v1.GridService/GetKpis', false);
    o.finished('/citybrain.v1.GridService/GetKpis', false, grpc.status.OK, 0.02);
    o.finished('/citybrain.v1.AlertService/Subscribe', true, grpc.status.CANCELLED, 30);
    o.finished('/citybrain.v1.GridService/ListOpenCases', false, grpc.status.PERMISSION_DENIED, 0.01);
    const text = await registry.metrics();
    expect(text).toContain(
      'citybrain_board_bridge_requests_total{method="GetKpis",code="OK",service="board"} 1',
    );
    expect(text).toContain(
      'citybrain_board_bridge_requests_total{method="ListOpenCases",code="PERMISSION_DENIED",service="board"} 1',
    );
    expect(text).toContain(
      'citybrain_board_bridge_requests_total{method="Subscribe",code="CANCELLED",service="board"} 1',
    );
    expect(text).toContain('citybrain_board_bridge_open_streams{method="Subscribe",service="board"} 1');
    expect(text).toContain(
      'citybrain_board_bridge_request_duration_seconds_count{service="board",method="GetKpis"} 1',
    );
    // Streams are not timed as requests: they last as long as the browser watches.
    expect(text).not.toMatch(/duration_seconds_count\{[^}]*Subscribe/);
  });

  it('labels with the contract method name and the gRPC status name', () => {
    expect(methodLabel('/citybrain.v1.GridService/GetGridHistory')).toBe('GetGridHistory');
    expect(codeLabel(grpc.status.UNAVAILABLE)).toBe('UNAVAILABLE');
  });
});
