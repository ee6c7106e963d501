import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { KafkaEdgeError } from '@citybrain/kafka';

/** Why a request failed, independent of the transport. */
export type GatewayErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'failed-precondition'
  | 'unauthenticated'
  | 'permission-denied'
  | 'deadline-exceeded'
  | 'unavailable'
  | 'resource-exhausted'
  | 'unimplemented'
  | 'internal';

/** A typed gateway error; mapped to a gRPC status in exactly one place ({@link toServiceError}). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    /** The request field at fault, e.g. `grid_ids[2]`. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(field ? `${field}: ${message}` : message, options);
  }

  get retriable(): boolean {
    return (
      this.code === 'unavailable' || this.code === 'resource-exhausted' || this.code === 'deadline-exceeded'
    );
  }
}

const STATUS: Record<GatewayErrorCode, status> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  'failed-precondition': status.FAILED_PRECONDITION,
  unauthenticated: status.UNAUTHENTICATED,
  'permission-denied': status.PERMISSION_DENIED,
  'deadline-exceeded': status.DEADLINE_EXCEEDED,
  unavailable: status.UNAVAILABLE,
  'resource-exhausted': status.RESOURCE_EXHAUSTED,
  unimplemented: status.UNIMPLEMENTED,
  internal: status.INTERNAL,
};

/** The one place where errors become gRPC statuses. Unknown errors are INTERNAL without leaking details. */
export function toServiceError(err: unknown): Partial<ServiceError> & { code: status; details: string } {
  const metadata = new Metadata();
  if (err instanceof GatewayError) {
    if (err.field) metadata.set('citybrain-field', err.field);
    return { code: STATUS[err.code], details: err.message, metadata };
  }
  if (err instanceof KafkaEdgeError)
    // Only a failure that retrying may cure says "retry": a permanent one (a record the broker will
    // never take, a topic that refuses writes) must not send clients into a retry loop.
    return err.retriable
      ? { code: status.UNAVAILABLE, details: 'Kafka is unavailable; retry later', metadata }
      : {
          code: status.INTERNAL,
          details: `Kafka refused the write permanently (${err.code}); retrying the same call will not help`,
          metadata,
        };
  return { code: status.INTERNAL, details: 'internal error', metadata };
}
