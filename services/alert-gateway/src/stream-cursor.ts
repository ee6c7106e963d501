import { GatewayError } from './errors';

/**
 * A position in the gateway's merged stream: for every source (a partition of a topic the stream is
 * built from, e.g. `a0` for partition 0 of the alerts topic, `k1` for partition 1 of the
 * acknowledgements topic) the offset of the NEXT record to deliver. A vector rather than one
 * number because the partitions are independent logs: it stays valid across gateway restarts and
 * across gateway instances that merged the partitions in another order.
 */
export type StreamCursor = ReadonlyMap<string, number>;

const VERSION = 'c1.';
/**
 * Longest position string accepted, characters: a real one names each partition of the alerts and
 * acknowledgements topics once (a few dozen characters each), so this leaves room for hundreds.
 */
export const MAX_CURSOR_CHARS = 4096;
const SOURCE = /^[a-z][0-9]{1,5}$/;

/** Encodes a cursor as the opaque `position` string clients echo back in `resume_from`. */
export function encodeCursor(cursor: StreamCursor): string {
  const parts = [...cursor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, o]) => `${s}:${o}`);
  return VERSION + Buffer.from(parts.join(','), 'utf8').toString('base64url');
}

/**
 * Decodes a position string.
 *
 * @throws GatewayError `invalid-argument` naming `field` when the string is not a position.
 */
export function decodeCursor(position: string, field = 'resume_from'): StreamCursor {
  const bad = () =>
    new GatewayError(
      'invalid-argument',
      'not a position returned by this service; resubscribe without it',
      field,
    );
  if (position.length > MAX_CURSOR_CHARS)
    throw new GatewayError(
      'invalid-argument',
      `longer than ${MAX_CURSOR_CHARS} characters: not a position returned by this service`,
      field,
    );
  if (!position.startsWith(VERSION)) throw bad();
  const text = Buffer.from(position.slice(VERSION.length), 'base64url').toString('utf8');
  const cursor = new Map<string, number>();
  if (text === '') return cursor;
  for (const part of text.split(',')) {
    const [source, offset, extra] = part.split(':');
    const n = Number(offset);
    if (extra !== undefined || !source || !SOURCE.test(source) || !Number.isSafeInteger(n) || n < 0)
      throw bad();
    if (cursor.has(source)) throw bad();
    cursor.set(source, n);
  }
  return cursor;
}
