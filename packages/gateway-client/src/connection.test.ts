import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenOf } from './connection';

describe('tokenOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citybrain-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the first line of the token file, trimmed, or takes the token given', () => {
    const file = join(dir, 'token');
    writeFileSync(file, '  s3cr3t-token-value \nignored\n');
    expect(tokenOf({ address: 'a:1', tokenFile: file })).toBe('s3cr3t-token-value');
    expect(tokenOf({ address: 'a:1', token: 'direct' })).toBe('direct');
    expect(tokenOf({ address: 'a:1' })).toBeUndefined();
  });

  it('names --token-file when the file is missing or empty', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => tokenOf({ address: 'a:1', tokenFile: empty })).toThrow(/^--token-file: .* holds no token/);
    expect(() => tokenOf({ address: 'a:1', tokenFile: join(dir, 'nope') })).toThrow(
      /^--token-file: cannot read/,
    );
  });
});
