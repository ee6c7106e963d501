/**
 * The gRPC-Web wire format (binary mode, `application/grpc-web+proto`), shared by the board's server
 * bridge and its browser client. Pure: `Uint8Array` only, no Node.js and no DOM.
 *
 * A body is a sequence of frames: one flag byte (bit 7 set = trailers), a 4-byte big-endian length,
 * then the payload. Data frames carry one serialized protobuf message; the last frame of a response
 * carries the trailers as HTTP/1 header lines (`grpc-status: 0\r\n`). See the gRPC-Web protocol
 * (PROTOCOL-WEB.md in the grpc repository).
 */

/** Flag of a data frame. */
export const DATA_FRAME = 0x00;
/** Flag of the trailers frame (the MSB of the flag byte). */
export const TRAILER_FRAME = 0x80;
/** Content type the bridge and the client speak (binary protobuf). */
export const GRPC_WEB_CONTENT_TYPE = 'application/grpc-web+proto';

/** One frame of a gRPC-Web body. */
export interface GrpcWebFrame {
  readonly flag: number;
  readonly payload: Uint8Array;
}

/** Encodes one frame. */
export function encodeFrame(flag: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flag;
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(1, payload.length, false);
  out.set(payload, 5);
  return out;
}

/** Percent-encodes a grpc-message value (gRPC's rule: printable ASCII except `%` stays as is). */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(message))
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Decodes a percent-encoded grpc-message value; malformed escapes are kept as they are. */
export function decodeGrpcMessage(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Encodes the trailers frame: `grpc-status`, `grpc-message` (percent-encoded) and any extra
 * trailers (lower-case names; values must be printable ASCII, e.g. `citybrain-field`).
 */
export function encodeTrailers(
  code: number,
  message: string,
  extra: Record<string, string> = {},
): Uint8Array {
  let text = `grpc-status: ${code}\r\n`;
  if (message !== '') text += `grpc-message: ${encodeGrpcMessage(message)}\r\n`;
  for (const [k, v] of Object.entries(extra)) text += `${k.toLowerCase()}: ${v}\r\n`;
  return encodeFrame(TRAILER_FRAME, new TextEncoder().encode(text));
}

/** Parses a trailers frame's payload into lower-case names → values. */
export function parseTrailers(payload: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of new TextDecoder().decode(payload).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** A frame longer than the parser accepts, or a body that ends inside a frame. */
export class GrpcWebFrameError extends Error {
  override readonly name = 'GrpcWebFrameError';
  /** Malformed input never gets better by retrying. */
  readonly retriable = false;
}

/**
 * Incremental frame parser: feed it chunks as they arrive (a streamed response arrives in pieces
 * that do not respect frame boundaries) and take the complete frames.
 */
export class FrameParser {
  private buffer: Uint8Array = new Uint8Array(0);

  /** @param maxFrameBytes frames with a longer payload are rejected (default 16 MiB). */
  constructor(private readonly maxFrameBytes = 16 * 1024 * 1024) {}

  /**
   * Adds a chunk and returns every frame completed by it, in order.
   * @throws GrpcWebFrameError when a frame announces more than `maxFrameBytes`.
   */
  push(chunk: Uint8Array): GrpcWebFrame[] {
    if (this.buffer.length === 0) this.buffer = chunk;
    else {
      const joined = new Uint8Array(this.buffer.length + chunk.length);
      joined.set(this.buffer);
      joined.set(chunk, this.buffer.length);
      this.buffer = joined;
    }
    const frames: GrpcWebFrame[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= 5) {
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + offset, 5);
      const length = view.getUint32(1, false);
      if (length > this.maxFrameBytes)
        throw new GrpcWebFrameError(`frame of ${length} bytes exceeds ${this.maxFrameBytes}`);
      if (this.buffer.length - offset - 5 < length) break;
      frames.push({
        flag: view.getUint8(0),
        payload: this.buffer.slice(offset + 5, offset + 5 + length),
      });
      offset += 5 + length;
    }
    this.buffer = this.buffer.slice(offset);
    return frames;
  }

  /**
   * Call at the end of the body.
   * @throws GrpcWebFrameError when bytes of an incomplete frame are left.
   */
  finish(): void {
    if (this.buffer.length > 0)
      throw new GrpcWebFrameError(`body ends inside a frame (${this.buffer.length} bytes left)`);
  }
}
