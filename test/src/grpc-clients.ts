import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
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

/**
 * Asks the server's reflection service (`grpc.reflection.v1`) what it serves, as grpcurl and other
 * standard tools do: the service names, and whether the file describing `symbol` can be fetched.
 */
export async function reflect(
  address: string,
  symbol: string,
): Promise<{ services: string[]; descriptorFiles: number }> {
  const require = createRequire(import.meta.url);
  const protoPath = join(
    dirname(require.resolve('@grpc/reflection')),
    '../proto/grpc/reflection/v1/reflection.proto',
  );
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } };
  };
  const client = new pkg.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  type Response = {
    listServicesResponse?: { service: { name: string }[] };
    fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
    errorResponse?: { errorMessage: string };
  };
  const call = (
    client as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<object, Response> }
  ).ServerReflectionInfo();
  const responses: Response[] = [];
  const done = new Promise<void>((resolve, reject) => {
    call.on('data', (r: Response) => {
      responses.push(r);
      if (responses.length === 2) call.end();
    });
    call.on('end', () => resolve());
    call.on('error', reject);
  });
  call.write({ listServices: '' });
  call.write({ fileContainingSymbol: symbol });
  await done;
  client.close();
  const services = responses.flatMap((r) => r.listServicesResponse?.service.map((s) => s.name) ?? []);
  const descriptorFiles = responses.reduce(
    (n, r) => n + (r.fileDescriptorResponse?.fileDescriptorProto.length ?? 0),
    0,
  );
  return { services, descriptorFiles };
}
