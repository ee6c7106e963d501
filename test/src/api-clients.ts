import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { alertFromWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { loadGrpcObject, type WireSubscribeRequestInput, type WireSubscribeResponse } from '@citybrain/proto';

/** PEM files of a throw-away CA, a server certificate for 127.0.0.1 and a client certificate. */
export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** Deletes the folder (private keys are never kept). */
  remove(): void;
}

/** Generates a test PKI with the machine's `openssl` (node:crypto cannot issue X.509 certificates). */
export function generateTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'citybrain-pki-'));
  const p = (f: string) => join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=citybrain-test-ca',
  );
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ] as const) {
    writeFileSync(p(`${name}.ext`), ext);
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=citybrain-test-${name}`);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  }
  return {
    dir,
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** How a test client connects: mutual TLS with the test PKI (or no client certificate), a bearer token. */
export interface ClientAuth {
  readonly pki: TestPki;
  readonly token?: string;
  /** Present the client certificate (default true). */
  readonly clientCert?: boolean;
}

/** Channel credentials for a test client. */
export function channelCredentials(auth: ClientAuth): grpc.ChannelCredentials {
  const withCert = auth.clientCert ?? true;
  const tls = grpc.credentials.createSsl(
    readFileSync(auth.pki.caCert),
    withCert ? readFileSync(auth.pki.clientKey) : null,
    withCert ? readFileSync(auth.pki.clientCert) : null,
  );
  if (auth.token === undefined) return tls;
  const token = auth.token;
  return grpc.credentials.combineChannelCredentials(
    tls,
    grpc.credentials.createFromMetadataGenerator((_params, cb) => {
      const m = new grpc.Metadata();
      m.set('authorization', `Bearer ${token}`);
      cb(null, m);
    }),
  );
}

const KEEPALIVE = { 'grpc.keepalive_time_ms': 20_000, 'grpc.keepalive_timeout_ms': 10_000 };

/**
 * The three services' clients over one channel configuration: mutual TLS with a token, or
 * plaintext (`'insecure'`). `ownConnection` gives the clients their own TCP connection.
 */
export function apiClients(address: string, auth: ClientAuth | 'insecure', ownConnection = false) {
  const v1 = loadGrpcObject().citybrain.v1;
  const creds = auth === 'insecure' ? grpc.credentials.createInsecure() : channelCredentials(auth);
  const options = { ...KEEPALIVE, ...(ownConnection ? { 'grpc.use_local_subchannel_pool': 1 } : {}) };
  const clients = {
    alerts: new v1.AlertService(address, creds, options),
    grids: new v1.GridService(address, creds, options),
    ingest: new v1.IngestService(address, creds, options),
  };
  return {
    ...clients,
    close: () => Object.values(clients).forEach((c) => c.close()),
  };
}

/** Promisifies a unary call: `unary((cb) => client.GetAlert(req, cb))`. */
export function unary<T>(
  invoke: (cb: (err: grpc.ServiceError | null, res?: T) => void) => unknown,
): Promise<T> {
  return new Promise((resolve, reject) =>
    invoke((err, res) =>
      err ? reject(err) : res === undefined ? reject(new Error('no response')) : resolve(res),
    ),
  );
}

/** The status code a unary call ends with (0 = OK). */
export async function codeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return grpc.status.OK;
  } catch (err: unknown) {
    return (err as grpc.ServiceError).code;
  }
}

/** A Subscribe stream that records alerts with their positions. */
export interface StreamRecorder {
  readonly alerts: { alert: Alert; position: string; snapshot: boolean; silenced: boolean }[];
  readonly acks: { alertId: string; by: string }[];
  readonly lastPosition: string;
  readonly heartbeats: number;
  readonly error: grpc.ServiceError | undefined;
  readonly ended: boolean;
  pause(): void;
  resume(): void;
  cancel(): void;
}

/** Opens a Subscribe stream on an AlertService client and records what arrives. */
export function recordStream(
  client: ReturnType<typeof apiClients>['alerts'],
  request: WireSubscribeRequestInput = {},
  /** Cancel the call as soon as this many alerts arrived (a cut at an exact point). */
  cancelAfterAlerts = Infinity,
): StreamRecorder {
  const state = {
    alerts: [] as StreamRecorder['alerts'],
    acks: [] as StreamRecorder['acks'],
    lastPosition: '',
    heartbeats: 0,
    error: undefined as grpc.ServiceError | undefined,
    ended: false,
  };
  const call = client.Subscribe(request);
  call.on('data', (msg: WireSubscribeResponse) => {
    if (state.alerts.length >= cancelAfterAlerts) return; // cancelled: ignore what was in flight
    state.lastPosition = msg.position;
    if (msg.alert) {
      state.alerts.push({
        alert: alertFromWire(msg.alert),
        position: msg.position,
        snapshot: msg.snapshot,
        silenced: msg.silenced,
      });
      if (state.alerts.length >= cancelAfterAlerts) call.cancel();
    } else if (msg.acknowledgement)
      state.acks.push({ alertId: msg.acknowledgement.alertId, by: msg.acknowledgement.acknowledgedBy });
    else if (msg.heartbeat) state.heartbeats++;
  });
  call.on('error', (err: grpc.ServiceError) => {
    state.error = err;
    state.ended = true;
  });
  call.on('end', () => (state.ended = true));
  return {
    get alerts() {
      return state.alerts;
    },
    get acks() {
      return state.acks;
    },
    get lastPosition() {
      return state.lastPosition;
    },
    get heartbeats() {
      return state.heartbeats;
    },
    get error() {
      return state.error;
    },
    get ended() {
      return state.ended;
    },
    pause: () => call.pause(),
    resume: () => call.resume(),
    cancel: () => call.cancel(),
  };
}

/** Bearer tokens of the test tokens file, one per role and scope. */
export const TEST_TOKENS = {
  committee: 'committee-token-000000000001',
  officerA01: 'officer-a01-token-0000000001',
  workerG001: 'worker-g001-token-0000000001',
} as const;

/** Writes the tokens file for {@link TEST_TOKENS} into the PKI folder; returns its path. */
export function writeTokensFile(pki: TestPki): string {
  const path = join(pki.dir, 'tokens.yaml');
  writeFileSync(
    path,
    [
      'tokens:',
      `  - { token: "${TEST_TOKENS.committee}", subject: chair, role: committee }`,
      `  - { token: "${TEST_TOKENS.officerA01}", subject: officer-a01, role: area-officer, areaId: A01 }`,
      `  - { token: "${TEST_TOKENS.workerG001}", subject: worker-g001, role: grid-worker, gridId: G001 }`,
      '',
    ].join('\n'),
  );
  return path;
}

/** The gateway environment for mutual TLS and bearer tokens with the test PKI. */
export function secureGatewayEnv(pki: TestPki): Record<string, string> {
  return {
    CITYBRAIN_GRPC_TLS_CERT: pki.serverCert,
    CITYBRAIN_GRPC_TLS_KEY: pki.serverKey,
    CITYBRAIN_GRPC_TLS_CLIENT_CA: pki.caCert,
    CITYBRAIN_TOKENS_FILE: writeTokensFile(pki),
  };
}

type CallbackOf<F> = F extends (argument: infer _A, callback: infer CB) => unknown ? CB : never;
type RequestOf<F> = F extends (argument: infer A, callback: infer _CB) => unknown ? A : never;
type ResponseOf<F> =
  CallbackOf<F> extends (err: grpc.ServiceError | null, value?: infer R) => void ? R : never;

/** Calls a unary method and resolves with its typed response: `rpc(api.alerts, 'GetAlert', { alertId })`. */
export function rpc<C extends grpc.Client, M extends keyof C & string>(
  client: C,
  method: M,
  request: RequestOf<C[M]>,
  options: grpc.CallOptions = {},
): Promise<NonNullable<ResponseOf<C[M]>>> {
  const fn = client[method] as unknown as (
    req: unknown,
    options: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, res?: unknown) => void,
  ) => void;
  return new Promise((resolve, reject) =>
    fn.call(client, request, options, (err, res) =>
      err
        ? reject(err)
        : res == null
          ? reject(new Error('no response'))
          : resolve(res as NonNullable<ResponseOf<C[M]>>),
    ),
  );
}
