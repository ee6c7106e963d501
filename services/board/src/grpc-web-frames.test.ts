import { describe, expect, it } from 'vitest';
import {
  DATA_FRAME,
  decodeGrpcMessage,
  encodeFrame,
  encodeGrpcMessage,
  encodeTrailers,
  FrameParser,
  GrpcWebFrameError,
  parseTrailers,
  TRAILER_FRAME,
} from './grpc-web-frames';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('gRPC-Web frames', () => {
  it('encodes the flag and a big-endian length before the payload', () => {
    expect([...encodeFrame(DATA_FRAME, bytes(7, 8, 9))]).toEqual([0, 0, 0, 0, 3, 7, 8, 9]);
    const big = encodeFrame(TRAILER_FRAME, new Uint8Array(0x0102));
    expect([...big.slice(0, 5)]).toEqual([0x80, 0, 0, 1, 2]);
  });

  it('parses frames split anywhere across chunks, in order', () => {
    const body = new Uint8Array([
      ...encodeFrame(DATA_FRAME, bytes(1, 2)),
      ...encodeFrame(DATA_FRAME, bytes()),
      ...encodeTrailers(0, ''),
    ]);
    for (let cut = 0; cut <= body.length; cut++) {
      const p = new FrameParser();
      const frames = [...p.push(body.slice(0, cut)), ...p.push(body.slice(cut))];
      p.finish();
      expect(frames.map((f) => [f.flag, [...f.payload]])).toEqual([
        [0, [1, 2]],
        [0, []],
        [0x80, [...new TextEncoder().encode('grpc-status: 0\r\n')]],
      ]);
    }
  });

  it('rejects a body that ends inside a frame and a frame above the limit', () => {
    const p = new FrameParser();
    expect(p.push(encodeFrame(DATA_FRAME, bytes(1, 2, 3)).slice(0, 6))).toEqual([]);
    expect(() => p.finish()).toThrow(GrpcWebFrameError);
    expect(() => new FrameParser(2).push(encodeFrame(DATA_FRAME, bytes(1, 2, 3)))).toThrow(/exceeds 2/);
  });

  it('round-trips trailers with a percent-encoded, non-ASCII message and extra trailers', () => {
    const frame = encodeTrailers(7, 'grid G050 不在 scope: 100%', { 'citybrain-field': 'grid_id' });
    const parsed = new FrameParser().push(frame)[0]!;
    expect(parsed.flag).toBe(TRAILER_FRAME);
    const t = parseTrailers(parsed.payload);
    expect(t['grpc-status']).toBe('7');
    expect(t['grpc-message']).not.toMatch(/[^\x20-\x7e]/);
    expect(decodeGrpcMessage(t['grpc-message']!)).toBe('grid G050 不在 scope: 100%');
    expect(t['citybrain-field']).toBe('grid_id');
    expect(encodeGrpcMessage('a%b')).toBe('a%25b');
  });
});
