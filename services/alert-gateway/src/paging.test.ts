import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { MAX_PAGE_TOKEN_CHARS, decodePageToken, pageTokenAfter } from './paging';

describe('page tokens', () => {
  it('round-trip the key they continue after', () => {
    const token = pageTokenAfter({ startsAtMs: 42, alertId: 'a@1' } as Alert);
    expect(decodePageToken(token)).toEqual({ startsAtMs: 42, alertId: 'a@1' });
  });

  it('refuse an oversized token before decoding it', () => {
    const huge = `p1.${Buffer.from(JSON.stringify([1, 'x'.repeat(MAX_PAGE_TOKEN_CHARS)])).toString('base64url')}`;
    expect(() => decodePageToken(huge)).toThrow(/^page_token: not a page token/);
    expect(() => decodePageToken('p1.!!')).toThrow(/^page_token/);
  });
});
