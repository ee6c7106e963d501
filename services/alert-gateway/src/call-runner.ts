import * as grpc from '@grpc/grpc-js';
import type { AuditLog } from './audit';
import type { Authenticator, Principal } from './auth';
import { GatewayError, toServiceError } from './errors';
import { assertDecoded } from './request-decoding';

/** What every handler needs to authenticate, count and fail a call. */
export interface CallRunnerDeps {
  readonly authenticate: Authenticator;
  /** Counts a finished call by method and status-code name. */
  readonly countRequest: (method: string, code: string) => void;
  /** Counts an authentication or authorisation refusal. */
  readonly countAuthFailure: (code: string) => void;
  /** Observes how long a unary call took to answer, seconds. */
  readonly observeSeconds?: (method: string, seconds: number) => void;
  /** Records every refused call (one line per decision). */
  readonly audit?: AuditLog;
}

/** Who made a call and from where, for the audit log. */
export interface CallContext {
  readonly principal?: Principal;
  readonly peer?: string;
}

/** The peer of a call, or undefined if the transport cannot tell. */
export function peerOf(call: { getPeer(): string }): string | undefined {
  try {
    return call.getPeer();
  } catch {
    return undefined;
  }
}

/** Milliseconds left before a call's deadline; Infinity without one. */
export function msLeft(call: { getDeadline(): grpc.Deadline }): number {
  const d = call.getDeadline();
  const at = d instanceof Date ? d.getTime() : d;
  return at === Infinity ? Infinity : at - Date.now();
}

/** Runs `work`, failing with `deadline-exceeded` if the call's deadline passes first. */
export async function withinDeadline<T>(
  call: { getDeadline(): grpc.Deadline },
  work: () => Promise<T> | T,
): Promise<T> {
  const left = msLeft(call);
  if (left <= 0) throw new GatewayError('deadline-exceeded', 'the deadline passed before the call started');
  if (left === Infinity) return work();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new GatewayError('deadline-exceeded', 'deadline exceeded')), left);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Builds the wrappers that give every unary handler authentication, deadlines, metrics and one error mapping. */
export function callRunner(deps: CallRunnerDeps) {
  const fail = (method: string, err: unknown, context: CallContext = {}) => {
    const e = toServiceError(err);
    const code = grpc.status[e.code];
    deps.countRequest(method, code);
    if (e.code === grpc.status.UNAUTHENTICATED || e.code === grpc.status.PERMISSION_DENIED)
      deps.countAuthFailure(code);
    deps.audit?.({
      decision: 'refused',
      method,
      code,
      reason: e.details,
      ...(context.principal ? { principal: context.principal } : {}),
      ...(context.peer === undefined ? {} : { peer: context.peer }),
    });
    return e;
  };
  return {
    /** A unary handler from `work(request, principal)`. */
    unary<Req, Res>(
      method: string,
      work: (request: Req, principal: Principal, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
    ): grpc.handleUnaryCall<Req, Res> {
      return (call, callback) => {
        const startedAt = performance.now();
        const observe = () => deps.observeSeconds?.(method, (performance.now() - startedAt) / 1000);
        let principal: Principal;
        const peer = peerOf(call);
        try {
          principal = deps.authenticate(call.metadata);
        } catch (err: unknown) {
          callback(fail(method, err, { ...(peer === undefined ? {} : { peer }) }));
          return;
        }
        withinDeadline(call, () => work(assertDecoded(call.request), principal, call)).then(
          (res) => {
            deps.countRequest(method, 'OK');
            observe();
            callback(null, res);
          },
          (err: unknown) => {
            observe();
            callback(fail(method, err, { principal, ...(peer === undefined ? {} : { peer }) }));
          },
        );
      };
    },
    /** Maps an error to a status, counting it (for stream handlers that end calls themselves). */
    fail,
    /** Counts a call that ended well (for handlers that end calls themselves). */
    ok: (method: string) => deps.countRequest(method, 'OK'),
  };
}

/** The call runner's wrappers. */
export type CallRunner = ReturnType<typeof callRunner>;
