import type { IncomingMessage, ServerResponse } from 'node:http';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '@citybrain/observability';
import {
  DATA_FRAME,
  encodeFrame,
  encodeGrpcMessage,
  encodeTrailers,
  FrameParser,
  GRPC_WEB_CONTENT_TYPE,
  GrpcWebFrameError,
  TRAILER_FRAME,
} from './grpc-web-frames';
import type { MethodShape } from './method-table';
import type { BridgeObserver } from './metrics';

const NO_OBSERVER: BridgeObserver = { started: () => undefined, finished: () => undefined };

/** Request headers forwarded to the gateway as metadata; everything else stays at the bridge. */
const FORWARDED_HEADERS = ['authorization'] as const;
/** A request body larger than this is refused (requests are small: filters, a note, a silence). */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Trailers of the gateway's answer passed on to the browser (the field at fault). */
const FORWARDED_TRAILERS = ['citybrain-field'] as const;

const passThrough = (b: Buffer): Buffer => b;

/** What the bridge does with a call while it is open. */
interface OpenCall {
  /** Ends the HTTP response with this status (shutdown) and cancels the gateway call. */
  abort(code: grpc.status, message: string): void;
}

/**
 * A byte-level gRPC-Web → gRPC bridge: the browser's gRPC-Web request (binary frames over HTTP/1.1
 * or HTTP/2) becomes a real gRPC call to the gateway with the same method path and the same message
 * bytes; the gateway's messages and final status come back as gRPC-Web frames. No message is
 * decoded here and no method has its own code: the {@link MethodShape} table from the contract
 * says whether a call is unary or streams. The caller's `authorization` header is forwarded as
 * metadata, so the gateway enforces roles and scopes exactly as for every other client.
 */
export class GrpcWebBridge {
  private readonly open = new Set<OpenCall>();

  constructor(
    private readonly client: grpc.Client,
    private readonly methods: ReadonlyMap<string, MethodShape>,
    private readonly logger: Logger,
    private readonly observer: BridgeObserver = NO_OBSERVER,
  ) {}

  /** Whether this request is a gRPC-Web call for the bridge (a POST to a known method path). */
  handles(req: IncomingMessage): boolean {
    return req.method === 'POST' && this.methods.has((req.url ?? '').split('?')[0] ?? '');
  }

  /** Number of calls in flight (streams included). */
  get openCalls(): number {
    return this.open.size;
  }

  /** Serves one gRPC-Web request. Never rejects: failures become gRPC statuses in the trailers. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = this.methods.get((req.url ?? '').split('?')[0] ?? '');
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!method) {
      res.writeHead(404).end();
      return;
    }
    if (contentType !== 'application/grpc-web' && contentType !== GRPC_WEB_CONTENT_TYPE) {
      // grpc-web-text (base64) is for browsers without binary fetch bodies; every current one has them.
      res
        .writeHead(415, { 'content-type': 'text/plain' })
        .end('binary gRPC-Web (application/grpc-web+proto) only\n');
      return;
    }
    let messages: Buffer[];
    try {
      messages = await readMessages(req);
      if (!method.requestStream && messages.length !== 1)
        throw new GrpcWebFrameError(`a unary request carries exactly one message, got ${messages.length}`);
    } catch (err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      const code = message.includes('exceeds')
        ? grpc.status.RESOURCE_EXHAUSTED
        : grpc.status.INVALID_ARGUMENT;
      endWithStatus(res, code, `gRPC-Web request: ${message}`, {});
      this.observer.finished(method.path, false, code, 0);
      return;
    }
    this.call(method, messages, metadataOf(req), req, res);
  }

  /** Ends every open call with UNAVAILABLE (clients reconnect and resume), for shutdown. */
  abortAll(message: string): void {
    for (const c of [...this.open]) c.abort(grpc.status.UNAVAILABLE, message);
  }

  private call(
    method: MethodShape,
    messages: Buffer[],
    metadata: grpc.Metadata,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    let done = false;
    let call: grpc.ClientUnaryCall | grpc.ClientReadableStream<Buffer> | grpc.ClientWritableStream<Buffer>;
    const startedAt = performance.now();
    const streaming = method.responseStream;
    this.observer.started(method.path, streaming);
    const observe = (code: grpc.status) =>
      this.observer.finished(method.path, streaming, code, (performance.now() - startedAt) / 1000);
    const finish = (code: grpc.status, details: string, trailers?: grpc.Metadata) => {
      if (done) return;
      done = true;
      this.open.delete(entry);
      observe(code);
      const extra: Record<string, string> = {};
      for (const name of FORWARDED_TRAILERS) {
        const v = trailers?.get(name)[0];
        if (typeof v === 'string') extra[name] = v;
      }
      if (!res.writableEnded) endWithStatus(res, code, details, extra);
      if (code !== grpc.status.OK && code !== grpc.status.CANCELLED)
        this.logger.debug({ method: method.path, code, details }, 'gRPC-Web call ended with an error');
    };
    const entry: OpenCall = {
      abort: (code, message) => {
        finish(code, message);
        call.cancel();
      },
    };
    const onUnary = (err: grpc.ServiceError | null, value?: Buffer) => {
      if (err) finish(err.code, err.details, err.metadata);
      else {
        writeHead(res);
        if (value) res.write(encodeFrame(DATA_FRAME, value));
        finish(grpc.status.OK, '');
      }
    };
    const options: grpc.CallOptions = {};
    if (method.responseStream) {
      const stream = this.client.makeServerStreamRequest(
        method.path,
        passThrough,
        passThrough,
        messages[0]!,
        metadata,
        options,
      );
      call = stream;
      // The gateway accepted the call: the browser sees the response open (and a stream as live)
      // now, before the first message; a refusal before this comes as a trailers-only answer.
      stream.on('metadata', () => writeHead(res));
      stream.on('data', (message: Buffer) => {
        writeHead(res);
        // Back-pressure: a slow browser pauses the gateway stream instead of filling memory here;
        // the gateway's own queue limit then applies, as for any slow subscriber.
        if (!res.write(encodeFrame(DATA_FRAME, message))) {
          stream.pause();
          res.once('drain', () => stream.resume());
        }
      });
      stream.on('error', () => undefined); // the status event below carries the same information
      stream.on('status', (s: grpc.StatusObject) => finish(s.code, s.details, s.metadata));
    } else if (method.requestStream) {
      const writable = this.client.makeClientStreamRequest(
        method.path,
        passThrough,
        passThrough,
        metadata,
        options,
        onUnary,
      );
      call = writable;
      for (const m of messages) writable.write(m);
      writable.end();
    } else {
      call = this.client.makeUnaryRequest(
        method.path,
        passThrough,
        passThrough,
        messages[0]!,
        metadata,
        options,
        onUnary,
      );
    }
    this.open.add(entry);
    // The browser went away (tab closed, fetch aborted): cancel the gateway call with it.
    res.once('close', () => {
      if (!done) {
        done = true;
        this.open.delete(entry);
        observe(grpc.status.CANCELLED);
        call.cancel();
      }
    });
    req.resume();
  }
}

/** Sends the gRPC-Web response headers once (every answer is HTTP 200; the status is in the trailers). */
function writeHead(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(200, {
    'content-type': GRPC_WEB_CONTENT_TYPE,
    'cache-control': 'no-store',
    // Proxies must pass a stream's frames on as they come.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
}

/**
 * Ends a call with its status: in a trailers frame after the headers and messages, or, when nothing
 * was sent yet, as a trailers-only answer (the status in the HTTP headers, empty body), as the
 * gRPC-Web protocol has it — so a client tells a refused call from an accepted, quiet stream.
 */
function endWithStatus(
  res: ServerResponse,
  code: number,
  details: string,
  extra: Record<string, string>,
): void {
  if (res.headersSent) {
    res.end(encodeTrailers(code, details, extra));
    return;
  }
  res.writeHead(200, {
    'content-type': GRPC_WEB_CONTENT_TYPE,
    'cache-control': 'no-store',
    'grpc-status': String(code),
    ...(details !== '' ? { 'grpc-message': encodeGrpcMessage(details) } : {}),
    ...extra,
  });
  res.end();
}

/** The gateway metadata of a gRPC-Web request: the forwarded headers only. */
function metadataOf(req: IncomingMessage): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const name of FORWARDED_HEADERS) {
    const v = req.headers[name];
    if (typeof v === 'string' && v !== '') metadata.set(name, v);
  }
  return metadata;
}

/** Reads the request body and returns its data frames' payloads; trailer frames in a request are ignored. */
async function readMessages(req: IncomingMessage): Promise<Buffer[]> {
  const parser = new FrameParser(MAX_REQUEST_BYTES);
  const out: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_REQUEST_BYTES)
      throw new GrpcWebFrameError(`request body exceeds ${MAX_REQUEST_BYTES} bytes`);
    for (const f of parser.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)))
      if ((f.flag & TRAILER_FRAME) === 0) out.push(Buffer.from(f.payload));
  }
  parser.finish();
  return out;
}
