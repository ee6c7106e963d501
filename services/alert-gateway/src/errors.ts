import { status, type ServiceError, Metadata } from '@grpc/grpc-js';

/** Why a request failed, independent of the transport. */
export type GatewayErrorCode =
  'invalid-argument' | 'not-found' | 'unavailable' | 'resource-exhausted' | 'internal';

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
    return this.code === 'unavailable' || this.code === 'resource-exhausted';
  }
}

const STATUS: Record<GatewayErrorCode, status> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  unavailable: status.UNAVAILABLE,
  'resource-exhausted': status.RESOURCE_EXHAUSTED,
  internal: status.INTERNAL,
};

/** The one place where errors become gRPC statuses. Unknown errors are INTERNAL without leaking details. */
export function toServiceError(err: unknown): Partial<ServiceError> & { code: status; details: string } {
  const metadata = new Metadata();
  if (err instanceof GatewayError) {
    if (err.field) metadata.set('citybrain-field', err.field);
    return { code: STATUS[err.code], details: err.message, metadata };
  }
  return { code: status.INTERNAL, details: 'internal error', metadata };
}
