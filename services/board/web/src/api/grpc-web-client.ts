import protobuf from 'protobufjs/light';
import descriptor from 'virtual:citybrain-descriptor';
import {
  DATA_FRAME,
  decodeGrpcMessage,
  encodeFrame,
  FrameParser,
  GRPC_WEB_CONTENT_TYPE,
  parseTrailers,
  TRAILER_FRAME,
} from '../../../src/grpc-web-frames';

/** gRPC status codes the board reacts to. */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** A call that ended with a non-OK gRPC status (or a transport failure, as UNAVAILABLE). */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
    /** The request field at fault (`citybrain-field` trailer), if any. */
    readonly field?: string,
  ) {
    super(message);
  }

  /** Worth retrying: the gateway or the network was away, or the stream was cut for being slow. */
  get retriable(): boolean {
    return this.code === Code.UNAVAILABLE || this.code === Code.RESOURCE_EXHAUSTED;
  }
}

const root = protobuf.Root.fromJSON(descriptor);
// The same conversion as the Node.js clients (@citybrain/proto LOADER_OPTIONS): every field
// present, enums as names, 64-bit integers as strings, absent messages null.
const TO_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

function methodTypes(path: string): { request: protobuf.Type; response: protobuf.Type } {
  const [, service, method] = /^\/(.+)\/([^/]+)$/.exec(path) ?? [];
  const m = root.lookupService(service ?? '').methods[method ?? ''];
  if (!m) throw new Error(`no method ${path} in the contract`);
  return { request: root.lookupType(m.requestType), response: root.lookupType(m.responseType) };
}

/** Where calls go and who makes them. */
export interface Transport {
  /** Base URL of the board server (the page's origin). */
  readonly baseUrl: string;
  /** The bearer token, or '' for a gateway without authentication (demo on loopback). */
  token(): string;
}

async function* frames(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ flag: number; payload: Uint8Array }, void, undefined> {
  const reader = body.getReader();
  const parser = new FrameParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(value);
    }
    parser.finish();
  } finally {
    reader.releaseLock();
  }
}

/**
 * Calls a method over gRPC-Web and hands every response message, decoded, to `onMessage`.
 * Resolves when the call ends with OK; rejects with {@link RpcError} otherwise (network failures
 * and a stream cut without trailers count as UNAVAILABLE).
 */
export async function call<Res>(
  transport: Transport,
  path: string,
  request: Record<string, unknown>,
  onMessage: (message: Res) => void,
  signal?: AbortSignal,
  /** Called once the server accepted the call (response headers), before any message. */
  onOpen?: () => void,
): Promise<void> {
  const types = methodTypes(path);
  let message: Uint8Array;
  try {
    // fromObject (not verify) because it takes enum names, as the Node.js clients do.
    message = types.request.encode(types.request.fromObject(request)).finish();
  } catch (e: unknown) {
    throw new RpcError(Code.INVALID_ARGUMENT, `request: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = encodeFrame(DATA_FRAME, message);
  const headers: Record<string, string> = {
    'content-type': GRPC_WEB_CONTENT_TYPE,
    accept: GRPC_WEB_CONTENT_TYPE,
    'x-grpc-web': '1',
  };
  const token = transport.token();
  if (token !== '') headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, transport.baseUrl), {
      method: 'POST',
      headers,
      body,
      ...(signal ? { signal } : {}),
    });
  } catch (e: unknown) {
    if (signal?.aborted) throw new RpcError(Code.CANCELLED, 'cancelled');
    throw new RpcError(Code.UNAVAILABLE, `board unreachable: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok || !response.body)
    throw new RpcError(Code.UNAVAILABLE, `board answered HTTP ${response.status}`);
  // Trailers-only: the call was refused (or ended) before any message; its status is in the headers.
  const headerStatus = response.headers.get('grpc-status');
  if (headerStatus !== null) {
    const code = Number(headerStatus);
    if (code === Code.OK) return;
    throw new RpcError(
      code,
      decodeGrpcMessage(response.headers.get('grpc-message') ?? ''),
      response.headers.get('citybrain-field') ?? undefined,
    );
  }
  onOpen?.();
  try {
    for await (const f of frames(response.body)) {
      if ((f.flag & TRAILER_FRAME) !== 0) {
        const t = parseTrailers(f.payload);
        const code = Number(t['grpc-status'] ?? Code.UNAVAILABLE);
        if (code === Code.OK) return;
        throw new RpcError(code, decodeGrpcMessage(t['grpc-message'] ?? ''), t['citybrain-field']);
      }
      onMessage(types.response.toObject(types.response.decode(f.payload), TO_OBJECT) as Res);
    }
  } catch (e: unknown) {
    if (e instanceof RpcError) throw e;
    if (signal?.aborted) throw new RpcError(Code.CANCELLED, 'cancelled');
    throw new RpcError(Code.UNAVAILABLE, `stream broken: ${e instanceof Error ? e.message : String(e)}`);
  }
  throw new RpcError(Code.UNAVAILABLE, 'stream ended without a status');
}

/** A unary call: resolves with the one response message. */
export async function unary<Res>(
  transport: Transport,
  path: string,
  request: Record<string, unknown>,
): Promise<Res> {
  let out: Res | undefined;
  await call<Res>(transport, path, request, (m) => (out = m));
  if (out === undefined) throw new RpcError(Code.UNAVAILABLE, 'no response message');
  return out;
}
