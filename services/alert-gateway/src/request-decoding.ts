import type * as grpc from '@grpc/grpc-js';
import { GatewayError } from './errors';

/**
 * What a request deserializer returns instead of throwing when the bytes are not the method's
 * message: grpc-js answers a throwing deserializer with INTERNAL, but bytes a client sent that do
 * not decode are the client's error, INVALID_ARGUMENT. Handlers refuse it with {@link assertDecoded}.
 */
export class UndecodableRequest {
  constructor(readonly reason: string) {}
}

/**
 * A copy of a service definition whose request deserializers never throw: undecodable bytes become
 * an {@link UndecodableRequest} that the handler turns into INVALID_ARGUMENT.
 */
export function tolerantService(definition: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer): unknown => {
        try {
          return decode(bytes) as unknown;
        } catch (err: unknown) {
          return new UndecodableRequest(err instanceof Error ? err.message : String(err));
        }
      },
    };
  }
  return out;
}

/**
 * Returns the request unless it could not be decoded.
 * @throws GatewayError `invalid-argument` for an {@link UndecodableRequest}.
 */
export function assertDecoded<T>(request: T | UndecodableRequest): T {
  if (request instanceof UndecodableRequest)
    throw new GatewayError('invalid-argument', 'the request bytes are not a valid message of this method');
  return request;
}
