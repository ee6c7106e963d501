import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metadata } from '@grpc/grpc-js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { GridRegistry } from '@citybrain/grid';
import { createLogger } from '@citybrain/observability';
import { loadTokens, watchTokens } from './tokens-file';

const registry = GridRegistry.parse(
  readFileSync(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url), 'utf8'),
);
const entry = (token: string, subject: string) =>
  `  - { token: "${token}", subject: ${subject}, role: committee }\n`;
const bearer = (token: string) => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
};

describe('the tokens file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citybrain-tokens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const logger = createLogger({ service: 'test', level: 'silent' });

  it('is reloaded on change: a removed token is refused, a bad file keeps the tokens in force', async () => {
    const file = join(dir, 'tokens.yaml');
    writeFileSync(
      file,
      `tokens:\n${entry('first-token-q8ZkL1vR4mT9', 'a')}${entry('second-token-x2bN7cY5pH3', 'b')}`,
    );
    const source = watchTokens(file, await loadTokens(file, registry), registry, logger, 20);
    try {
      expect(source.current().authenticate(bearer('first-token-q8ZkL1vR4mT9')).subject).toBe('a');
      writeFileSync(file, `tokens:\n${entry('second-token-x2bN7cY5pH3', 'b')}`);
      await vi.waitFor(() => expect(source.current().size).toBe(1), { timeout: 10_000, interval: 20 });
      expect(() => source.current().authenticate(bearer('first-token-q8ZkL1vR4mT9'))).toThrow(
        /token refused/,
      );
      writeFileSync(file, `tokens:\n${entry('REPLACE-ME-committee-token-0000', 'c')}`);
      const before = source.current();
      // the rejected file is logged; the table in force stays (wait past the debounce, then check)
      await vi.waitFor(
        async () => {
          await expect(loadTokens(file, registry)).rejects.toThrow(/placeholder/);
        },
        { timeout: 10_000 },
      );
      expect(source.current()).toBe(before);
      expect(source.current().authenticate(bearer('second-token-x2bN7cY5pH3')).subject).toBe('b');
    } finally {
      source.close();
    }
  });
});
