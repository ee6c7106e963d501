import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { resolveStaticPath } from './static-files';

describe('resolveStaticPath', () => {
  const root = join('/srv', 'board', 'dist');
  it('maps / to index.html and paths under the root to files', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1a2b.js?v=1')).toBe(join(root, 'assets', 'app-1a2b.js'));
  });
  it('refuses paths that leave the root, encoded or not, and malformed ones', () => {
    expect(resolveStaticPath(root, '/../secret')).toBeUndefined();
    expect(resolveStaticPath(root, '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeUndefined();
    expect(resolveStaticPath(root, '/a%00b')).toBeUndefined();
  });
});
