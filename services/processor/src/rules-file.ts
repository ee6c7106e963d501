import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, readConfigFile } from '@citybrain/config';
import { parseRuleSet, RulesConfigError, type RuleSet } from '@citybrain/rules';

/**
 * Parses and validates the text of a rule file.
 * @throws ConfigError naming every bad entry by path (e.g. `rules[2](traffic-congestion).condition.op`)
 */
export function parseRuleText(text: string): RuleSet {
  try {
    return parseRuleSet(parseYaml(text));
  } catch (err: unknown) {
    if (err instanceof RulesConfigError)
      throw new ConfigError(
        err.issues.map((i) => ({ key: i.path || '(root)', message: i.message })),
        { cause: err },
      );
    throw err;
  }
}

/**
 * Reads and validates the rule file.
 * @throws ConfigError naming the file and every bad entry by path (e.g. `rules[2](traffic-congestion).condition.op`)
 */
export function loadRuleSet(path: string): Promise<RuleSet> {
  return readConfigFile('CITYBRAIN_RULES_FILE', path, parseRuleText);
}

/**
 * Reads and validates the rule file and returns its text: the main thread reads it once and hands
 * the same text to every stream thread (a parsed rule set holds functions, which do not cross
 * threads), so all threads run the same rules even if the file changes meanwhile.
 * @throws ConfigError as {@link loadRuleSet}
 */
export function readRuleFile(path: string): Promise<string> {
  return readConfigFile('CITYBRAIN_RULES_FILE', path, (text) => {
    parseRuleText(text);
    return text;
  });
}

/**
 * Calls `onChange` when the rule file changes (the directory is watched, so an editor's
 * write-and-rename or a Kubernetes ConfigMap's symlink swap is seen too), debounced by `debounceMs`.
 * Returns the watcher to close on shutdown.
 */
export function watchRuleFile(path: string, onChange: () => void, debounceMs = 200): FSWatcher {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dirname(path), (_event, file) => {
    if (file !== null && file !== name && !file.startsWith('..')) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  watcher.on('close', () => clearTimeout(timer));
  return watcher;
}
