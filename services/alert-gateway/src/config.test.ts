import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('requires TLS and a tokens file unless plaintext is chosen explicitly', () => {
    expect(() => loadGatewayConfig({})).toThrow(
      /CITYBRAIN_GRPC_TLS_CERT[\s\S]*CITYBRAIN_GRPC_TLS_KEY[\s\S]*CITYBRAIN_TOKENS_FILE/,
    );
    expect(loadGatewayConfig({ CITYBRAIN_GRPC_INSECURE: 'true' }).security).toEqual({ kind: 'insecure' });
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
    });
  });
});
