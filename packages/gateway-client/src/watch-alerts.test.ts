import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { alertToWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { loadGrpcObject, type AlertServiceHandlers } from '@citybrain/proto';
import { MATCH_ALL } from './alert-filter';
import { GatewayClientError } from './errors';
import { reconnectDelayMs, watchAlerts } from './watch-alerts';

const alert = (id: string): Alert => ({
  alertId: id,
  fingerprint: `f-${id}`,
  rule: 'traffic-congestion',
  kind: 'traffic',
  subCategory: 'trafficJam',
  gridId: 'G001',
  areaId: 'A01',
  severity: 'high',
  status: 'firing',
  startsAtMs: 1_795_564_000_000,
  value: 12,
  threshold: 20,
  window: { startMs: 1_795_564_000_000, endMs: 1_795_564_060_000 },
  summary: `jam ${id}`,
  labels: {},
});

describe('reconnectDelayMs', () => {
  it('doubles from 0.5 s up to 15 s, with ±20% jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => reconnectDelayMs(n, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000,
    ]);
    expect(reconnectDelayMs(1, () => 0)).toBe(400);
    expect(reconnectDelayMs(6, () => 0.999_999)).toBe(18_000);
  });
});

/** A gateway stand-in on a real socket: each Subscribe runs `script` (one entry per connection). */
async function fakeGateway(script: ((call: grpc.ServerWritableStream<unknown, unknown>) => void)[]) {
  let n = 0;
  // Only the two methods the CLI calls; the service has more.
  const handlers: Pick<AlertServiceHandlers, 'Subscribe' | 'ListActiveAlerts'> = {
    Subscribe: (call) => script[Math.min(n++, script.length - 1)]!(call),
    ListActiveAlerts: (_call, callback) => callback(null, { alerts: [] }),
  };
  const server = new grpc.Server();
  server.addService(loadGrpcObject().citybrain.v1.AlertService.service, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  servers.push(server);
  return { address: `127.0.0.1:${port}`, subscriptions: () => n };
}
const servers: grpc.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.forceShutdown()));

describe('watchAlerts', () => {
  it('delivers alerts, reconnects after UNAVAILABLE, and ends cleanly on abort', async () => {
    const stop = new AbortController();
    const got: string[] = [];
    const notices: string[] = [];
    const gateway = await fakeGateway([
      (call) => {
        call.write({ alert: alertToWire(alert('one')) });
        call.write({ heartbeat: { sentAt: { seconds: 1 } } });
        call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'server shutting down; reconnect' });
      },
      (call) => call.write({ alert: alertToWire(alert('two')) }),
    ]);
    await watchAlerts({
      address: gateway.address,
      filter: MATCH_ALL,
      signal: stop.signal,
      reconnectDelay: () => 0,
      onNotice: (m) => notices.push(m),
      onAlert: (a) => {
        got.push(a.alertId);
        if (a.alertId === 'two') stop.abort();
      },
    });
    expect(got).toEqual(['one', 'two']);
    expect(gateway.subscriptions()).toBe(2);
    expect(notices[0]).toContain('UNAVAILABLE: server shutting down; reconnect');
    expect(notices).toContain(`reconnected to ${gateway.address}`);
  });

  it('shows only the alerts that are not muted (the committee also receives muted ones, flagged)', async () => {
    const stop = new AbortController();
    const got: string[] = [];
    const gateway = await fakeGateway([
      (call) => {
        call.write({ alert: alertToWire(alert('muted')), silenced: true });
        call.write({ alert: alertToWire(alert('shown')), silenced: false });
      },
    ]);
    await watchAlerts({
      address: gateway.address,
      filter: MATCH_ALL,
      signal: stop.signal,
      onAlert: (a) => {
        got.push(a.alertId);
        stop.abort();
      },
    });
    expect(got).toEqual(['shown']);
  });

  it('gives up with INVALID_ARGUMENT (exit 2), keeping the gateway details', async () => {
    const gateway = await fakeGateway([
      (call) =>
        call.emit('error', {
          code: grpc.status.INVALID_ARGUMENT,
          details: 'grid_ids[0]: unknown grid "G999"',
        }),
    ]);
    const err = await watchAlerts({
      address: gateway.address,
      filter: { ...MATCH_ALL, gridIds: ['G999'] },
      signal: new AbortController().signal,
      onAlert: () => {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayClientError);
    expect((err as GatewayClientError).exitCode).toBe(2);
    expect((err as GatewayClientError).message).toContain('grid_ids[0]: unknown grid "G999"');
  });

  it('says it cannot reach a gateway that is not there (exit 1)', async () => {
    const gateway = await fakeGateway([() => {}]);
    servers.splice(0).forEach((s) => s.forceShutdown());
    const err = await watchAlerts({
      address: gateway.address,
      filter: MATCH_ALL,
      signal: new AbortController().signal,
      connectTimeoutMs: 500,
      onAlert: () => {},
    }).catch((e: unknown) => e);
    expect((err as GatewayClientError).code).toBe('unreachable');
    expect((err as GatewayClientError).exitCode).toBe(1);
    expect((err as GatewayClientError).message).toMatch(
      new RegExp(`^cannot reach the alert gateway at ${gateway.address}: `),
    );
  });

  it('resumes from the last position after a drop, and resynchronises when the position is too old', async () => {
    const stop = new AbortController();
    const requests: { resumeFrom: string; includeActive: boolean }[] = [];
    const got: string[] = [];
    const notices: string[] = [];
    const record = (call: grpc.ServerWritableStream<unknown, unknown>) => {
      const r = call.request as { resumeFrom: string; includeActive: boolean };
      requests.push({ resumeFrom: r.resumeFrom, includeActive: r.includeActive });
    };
    const gateway = await fakeGateway([
      (call) => {
        record(call);
        call.write({ alert: alertToWire(alert('one')), position: 'p1' });
        call.write({ heartbeat: { sentAt: { seconds: 1 } }, position: 'p2' });
        call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'server shutting down; reconnect' });
      },
      (call) => {
        record(call);
        call.emit('error', {
          code: grpc.status.FAILED_PRECONDITION,
          details: 'resume_from: resume position is older than the replay buffer',
        });
      },
      (call) => {
        record(call);
        call.write({ alert: alertToWire(alert('two')), position: 'p9', snapshot: true });
      },
    ]);
    await watchAlerts({
      address: gateway.address,
      filter: MATCH_ALL,
      signal: stop.signal,
      reconnectDelay: () => 0,
      onNotice: (m) => notices.push(m),
      onAlert: (a) => {
        got.push(a.alertId);
        if (a.alertId === 'two') stop.abort();
      },
    });
    expect(got).toEqual(['one', 'two']);
    expect(requests).toEqual([
      { resumeFrom: '', includeActive: false },
      { resumeFrom: 'p2', includeActive: false }, // the heartbeat advanced the cursor
      { resumeFrom: '', includeActive: true },
    ]);
    expect(notices.some((n) => n.includes('resynchronising'))).toBe(true);
  });

  it('sends the bearer token on every call', async () => {
    const stop = new AbortController();
    let seen: unknown;
    const gateway = await fakeGateway([
      (call) => {
        seen = call.metadata.get('authorization')[0];
        call.write({ alert: alertToWire(alert('one')), position: 'p1' });
      },
    ]);
    await watchAlerts({
      address: gateway.address,
      connection: { address: gateway.address, token: 's3cret-token' },
      filter: MATCH_ALL,
      signal: stop.signal,
      onAlert: () => stop.abort(),
    });
    expect(seen).toBe('Bearer s3cret-token');
  });
});
