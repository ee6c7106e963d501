import { readFile } from 'node:fs/promises';
import { ConfigError } from './errors';

/**
 * Reads a configuration file named by `key` (the variable that pointed at it) and parses it with
 * `parse`. Any failure (missing file, parse or validation error) becomes a {@link ConfigError} that
 * names the key and the file, so start-up stops with a message the operator can act on.
 */
export async function readConfigFile<T>(key: string, path: string, parse: (text: string) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError([{ key, message: `cannot read ${path}: ${reason}` }], { cause: err });
  }
  try {
    return parse(text);
  } catch (err: unknown) {
    if (err instanceof ConfigError) {
      throw new ConfigError(
        err.issues.map((i) => ({ key: `${key} (${path}) ${i.key}`, message: i.message })),
        { cause: err },
      );
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError([{ key: `${key} (${path})`, message: reason }], { cause: err });
  }
}
