import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { alertFromWire } from '@citybrain/codec';
import type { Alert } from '@citybrain/domain';
import { loadGrpcObject, type WireSubscribeRequestInput, type WireSubscribeResponse } from '@citybrain/proto';

/** A real gRPC client of the AlertService over a real socket. */
export function alertClient(address: string) {
  const AlertService = loadGrpcObject().citybrain.v1.AlertService;
  return new AlertService(address, grpc.credentials.createInsecure());
}

/** A subscription that records what it receives. */
export interface Recorder {
  readonly alerts: Alert[];
  readonly heartbeats: number;
  readonly error: grpc.ServiceError | undefined;
  cancel(): void;
}

/** Subscribes and records every alert (converted to the domain type) and heartbeat. */
export function record(address: string, request: WireSubscribeRequestInput = {}): Recorder {
  const client = alertClient(address);
  const state = { alerts: [] as Alert[], heartbeats: 0, error: undefined as grpc.ServiceError | undefined };
  const call = client.Subscribe(request);
  call.on('data', (msg: WireSubscribeResponse) => {
    if (msg.alert) state.alerts.push(alertFromWire(msg.alert));
    else if (msg.heartbeat) state.heartbeats++;
  });
  call.on('error', (err: grpc.ServiceError) => {
    state.error = err;
  });
  return {
    get alerts() {
      return state.alerts;
    },
    get heartbeats() {
      return state.heartbeats;
    },
    get error() {
      return state.error;
    },
    cancel: () => {
      call.cancel();
      client.close();
    },
  };
}

/** Asks the standard `grpc.health.v1.Health/Check` for a service's status. */
export function healthCheck(address: string, serviceName: string): Promise<string> {
  const Health = grpc.makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Health(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
    Check(
      req: { service: string },
      cb: (err: grpc.ServiceError | null, res?: { status: string }) => void,
    ): void;
  };
  return new Promise((resolve, reject) =>
    client.Check({ service: serviceName }, (err, res) => {
      client.close();
      if (err) reject(err);
      else resolve(res?.status ?? 'UNKNOWN');
    }),
  );
}
