import { describe, expect, it } from 'vitest';
import { isLoopback, loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('requires TLS and a tokens file unless plaintext is chosen explicitly', () => {
    expect(() => loadGatewayConfig({})).toThrow(
      /CITYBRAIN_GRPC_TLS_CERT[\s\S]*CITYBRAIN_GRPC_TLS_KEY[\s\S]*CITYBRAIN_TOKENS_FILE/,
    );
    expect(loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true' }).security).toEqual({ kind: 'insecure' });
  });

  it('traces alerts by a label only when told to', () => {
    expect(loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true' }).traceLabel).toBeUndefined();
    const c = loadGatewayConfig({
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_GATEWAY_TRACE_LABEL: 'incidentId',
    });
    expect(c.traceLabel).toBe('incidentId');
  });

  it('turns on mutual TLS with a client CA', () => {
    const c = loadGatewayConfig({
      CITYBRAIN_GRPC_TLS_CERT: 's.crt',
      CITYBRAIN_GRPC_TLS_KEY: 's.key',
      CITYBRAIN_GRPC_TLS_CLIENT_CA: 'ca.crt',
      CITYBRAIN_TOKENS_FILE: 't.yaml',
      CITYBRAIN_TOPIC_SUFFIX: '.x',
    });
    expect(c.security).toEqual({ kind: 'tls', certFile: 's.crt', keyFile: 's.key', clientCaFile: 'ca.crt' });
    expect(c.gatewayTopics).toEqual({
      acks: 'city.acks.v1.x',
      silences: 'city.silences.v1.x',
      gridState: 'city.grid-state.v1.x',
      cases: 'city.cases.v1.x',
      kpi: 'city.kpi.v1.x',
    });
  });

  it('binds plaintext gRPC to loopback only, unless told otherwise', () => {
    expect(() =>
      loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true', CITYBRAIN_GRPC_HOST: '0.0.0.0' }),
    ).toThrow(/CITYBRAIN_GRPC_HOST: plaintext gRPC .* binds a loopback address only, not 0\.0\.0\.0/);
    const remote = loadGatewayConfig({
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_GRPC_HOST: '0.0.0.0',
      CITYBRAIN_GRPC_INSECURE_ALLOW_REMOTE: 'true',
    });
    expect(remote.grpc.host).toBe('0.0.0.0');
    expect(
      loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true', CITYBRAIN_GRPC_HOST: '127.0.0.2' }).grpc.host,
    ).toBe('127.0.0.2');
    expect(['localhost', '::1', '127.0.0.1', '10.0.0.1', '0.0.0.0'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('reads the silence policy and the ingest bounds with units', () => {
    const c = loadGatewayConfig({
      CITYBRAIN_GRPC_INSECURE: 'true',
      CITYBRAIN_SILENCE_MAX_DURATION: '2h',
      CITYBRAIN_MAX_FUTURE_SKEW: '30s',
    });
    expect(c.silences).toEqual({ maxDurationMs: 7_200_000, gridWorkersMaySilence: false });
    expect(c.ingest.maxFutureSkewMs).toBe(30_000);
    expect(() =>
      loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true', CITYBRAIN_INGEST_MAX_CALL_BYTES: '10' }),
    ).toThrow(/CITYBRAIN_INGEST_MAX_CALL_BYTES: must be >= CITYBRAIN_INGEST_MAX_EVENT_BYTES/);
  });
});
