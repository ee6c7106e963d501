/**
 * The latency bench's measuring gRPC subscriber, run on its own worker thread: it takes the instant
 * each firing alert arrives on its own event loop, which the load generator (10k encodes and sends
 * a second on the bench's main thread) does not stall. Posts `{ incidentId, atMs }` per firing
 * alert that names an incident; stops on the message `'stop'`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject, type WireSubscribeResponse } from '@citybrain/proto';

/** What the bench starts the worker with. */
export interface SubscriberData {
  readonly entry: string;
  /** `host:port` of the gateway. */
  readonly address: string;
}

/** What the worker posts per firing alert. */
export interface Delivery {
  readonly incidentId: string;
  readonly atMs: number;
}

const port = parentPort;
if (!port) throw new Error('latency-subscriber runs as a worker thread');
const { address } = workerData as SubscriberData;
const AlertService = loadGrpcObject().citybrain.v1.AlertService;
const client = new AlertService(address, grpc.credentials.createInsecure(), {
  'grpc.use_local_subchannel_pool': 1,
});
const call = client.Subscribe({});
call.on('data', (msg: WireSubscribeResponse) => {
  const atMs = Date.now();
  const a = msg.alert;
  const incidentId = a?.labels?.['incidentId'];
  if (a?.status === 'ALERT_STATUS_FIRING' && incidentId !== undefined)
    port.postMessage({ incidentId, atMs } satisfies Delivery);
});
call.on('error', () => {});
port.on('message', (m: unknown) => {
  if (m !== 'stop') return;
  call.cancel();
  client.close();
  port.close();
});
