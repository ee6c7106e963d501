import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { channelCredentials, type TestPki } from './api-clients';

/** Asks `grpc.health.v1.Health/Check` over mutual TLS (no bearer token: health is open to tools). */
export function healthCheckWith(address: string, pki: TestPki, serviceName: string): Promise<string> {
  const Health = grpc.makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Health(address, channelCredentials({ pki })) as unknown as grpc.Client & {
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
