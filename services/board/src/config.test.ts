import { describe, expect, it } from 'vitest';
import { ConfigError } from '@citybrain/config';
import { loadBoardConfig } from './config';

describe('loadBoardConfig', () => {
  it('defaults to loopback, port 8080 and TLS to the gateway with the system roots', () => {
    const c = loadBoardConfig({});
    expect(c.http).toEqual({ host: '127.0.0.1', port: 8080, tls: undefined });
    expect(c.gateway).toEqual({
      address: '127.0.0.1:50051',
      transport: { kind: 'tls', caFile: undefined, certFile: undefined, keyFile: undefined },
    });
    expect(c.staticDir).toMatch(/board[/\\]dist$/);
    expect(c.metrics).toEqual({ host: '127.0.0.1', port: 9466 });
    expect(loadBoardConfig({ CITYBRAIN_BOARD_METRICS_PORT: '0' }).metrics.port).toBe(0);
  });

  it('names every bad variable', () => {
    try {
      loadBoardConfig({
        CITYBRAIN_BOARD_PORT: 'eighty',
        CITYBRAIN_BOARD_GATEWAY_INSECURE: 'yes',
      });
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('CITYBRAIN_BOARD_PORT');
      expect((err as Error).message).toContain('CITYBRAIN_BOARD_GATEWAY_INSECURE');
    }
  });

  it('requires certificate and key together, and no TLS files with an insecure gateway', () => {
    expect(() => loadBoardConfig({ CITYBRAIN_BOARD_TLS_CERT: 'c.pem' })).toThrow(/CITYBRAIN_BOARD_TLS_KEY/);
    expect(() => loadBoardConfig({ CITYBRAIN_BOARD_GATEWAY_KEY: 'k.pem' })).toThrow(
      /CITYBRAIN_BOARD_GATEWAY_CERT/,
    );
    expect(() =>
      loadBoardConfig({ CITYBRAIN_BOARD_GATEWAY_INSECURE: 'true', CITYBRAIN_BOARD_GATEWAY_CA: 'ca.pem' }),
    ).toThrow(/CITYBRAIN_BOARD_GATEWAY_INSECURE/);
    expect(loadBoardConfig({ CITYBRAIN_BOARD_GATEWAY_INSECURE: 'true' }).gateway.transport).toEqual({
      kind: 'insecure',
    });
  });
});
