import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfigFile } from './index';

describe('readConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citybrain-config-'));

  it('parses a readable file', async () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, '{"a":1}');
    await expect(readConfigFile('X_FILE', path, (t) => JSON.parse(t) as unknown)).resolves.toEqual({ a: 1 });
  });

  it('names the key when the file is missing', async () => {
    const err = await readConfigFile('X_FILE', join(dir, 'missing'), (t) => t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues[0]?.key).toBe('X_FILE');
  });

  it('names the key and file when parsing fails', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{');
    const err = (await readConfigFile('X_FILE', path, (t) => JSON.parse(t) as unknown).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(err.issues[0]?.key).toBe(`X_FILE (${path})`);
  });
});
