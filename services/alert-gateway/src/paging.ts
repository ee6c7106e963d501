import type { Alert } from '@citybrain/domain';
import { GatewayError } from './errors';

const PREFIX = 'p1.';
/** Longest page token accepted, characters (a real one is well under 200). */
export const MAX_PAGE_TOKEN_CHARS = 512;

/** The page token that continues a listing after `last` (key-based: stable while alerts change). */
export function pageTokenAfter(last: Alert): string {
  return PREFIX + Buffer.from(JSON.stringify([last.startsAtMs, last.alertId]), 'utf8').toString('base64url');
}

/**
 * Decodes a page token into the key it continues after.
 * @throws GatewayError `invalid-argument` naming `page_token`.
 */
export function decodePageToken(token: string): { startsAtMs: number; alertId: string } {
  const bad = new GatewayError('invalid-argument', 'not a page token returned by this service', 'page_token');
  if (token.length > MAX_PAGE_TOKEN_CHARS || !token.startsWith(PREFIX)) throw bad;
  try {
    const v = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string')
      return { startsAtMs: v[0], alertId: v[1] };
  } catch {
    // falls through to the error
  }
  throw bad;
}

/** Page size from the request: 0 means the default; outside 1..max is INVALID_ARGUMENT. */
export function pageSizeOf(requested: number, defaultSize = 100, max = 1000): number {
  if (requested === 0) return defaultSize;
  if (!Number.isInteger(requested) || requested < 0 || requested > max)
    throw new GatewayError('invalid-argument', `must be between 0 and ${max}`, 'page_size');
  return requested;
}
