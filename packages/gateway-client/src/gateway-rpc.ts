import type * as grpc from '@grpc/grpc-js';
import { toClientError } from './alert-client';

type RequestOf<F> = F extends (argument: infer A, callback: infer _CB) => unknown ? A : never;
type CallbackOf<F> = F extends (argument: infer _A, callback: infer CB) => unknown ? CB : never;
type ResponseOf<F> =
  CallbackOf<F> extends (err: grpc.ServiceError | null, value?: infer R) => void ? R : never;

/**
 * Calls a unary method with a deadline and maps any failure to a GatewayClientError (the one mapping,
 * {@link toClientError}): `await unaryCall(client, 'GetAlert', { alertId }, address)`.
 */
export function unaryCall<C extends grpc.Client, M extends keyof C & string>(
  client: C,
  method: M,
  request: RequestOf<C[M]>,
  address: string,
  timeoutMs = 10_000,
): Promise<NonNullable<ResponseOf<C[M]>>> {
  const fn = client[method] as unknown as (
    req: unknown,
    options: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, res?: unknown) => void,
  ) => void;
  return new Promise((resolve, reject) =>
    fn.call(client, request, { deadline: Date.now() + timeoutMs }, (err, res) =>
      err || res == null
        ? reject(toClientError(err ?? new Error('empty response'), address))
        : resolve(res as NonNullable<ResponseOf<C[M]>>),
    ),
  );
}
