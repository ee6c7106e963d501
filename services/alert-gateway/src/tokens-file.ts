import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readConfigFile } from '@citybrain/config';
import type { GridRegistry } from '@citybrain/grid';
import type { Logger } from '@citybrain/observability';
import { TokenTable } from './auth';

/**
 * Reads and checks the tokens file.
 * @throws ConfigError naming CITYBRAIN_TOKENS_FILE and every bad entry (placeholders included).
 */
export function loadTokens(path: string, registry: GridRegistry): Promise<TokenTable> {
  return readConfigFile('CITYBRAIN_TOKENS_FILE', path, (text) => TokenTable.parse(text, registry));
}

/** The tokens in force, replaced when the file changes. */
export interface TokenSource {
  /** The table in force now. */
  readonly current: () => TokenTable;
  /** Stops watching the file. */
  close(): void;
}

/**
 * Watches the tokens file and swaps in the new table when it changes, so that a token removed from
 * the file (a revocation, a rotation) is refused from the next call on, without a restart. The
 * directory is watched, so an editor's write-and-rename and a Kubernetes Secret's symlink swap are
 * seen too. A file that does not parse is logged and the tokens in force stay.
 */
export function watchTokens(
  path: string,
  initial: TokenTable,
  registry: GridRegistry,
  logger: Logger,
  debounceMs = 200,
): TokenSource {
  let table = initial;
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    loadTokens(path, registry).then(
      (next) => {
        table = next;
        logger.info({ file: path, tokens: next.size }, 'tokens file reloaded');
      },
      (err: unknown) =>
        logger.error(
          { file: path },
          `tokens file rejected, the tokens in force stay: ${err instanceof Error ? err.message : String(err)}`,
        ),
    );
  };
  const watcher: FSWatcher = watch(dirname(path), (_event, file) => {
    if (file !== null && file !== name && !file.startsWith('..')) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  return {
    current: () => table,
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
