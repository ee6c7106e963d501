import { RulesError, ruleStateEntries, ruleStateFromEntries, type RuleStateEntry } from '@citybrain/rules';
import type { EngineHead, EngineSnapshot, KeySnapshot } from '@citybrain/windowing';
import type { PipelineSnapshot } from './pipeline-snapshot';

// The pipeline's state as named store entries (JSON text) for a changelogged state store:
//   meta                    format version, assigned partitions, last processing time
//   clock                   the rules' event-time clock
//   rules-watermark         the rule engine's watermark (it moves every batch: kept apart)
//   rule/<rule>             per rule: its kind and, for thresholds and serious accidents, its state
//   rule/<rule>/<subject>   per open or recently closed permit and work order of a rule
//   kpi, window/<rule>      per window engine: its measure and newest event time
//   <engine>|               per window engine: its window spec and watermark
//   key|<key>               per key (grid or area): its open windows in every engine that has any,
//                           as arrays, by engine name ({@link KeyEntry})
// A batch rewrites the few small entries, the rules and subjects that changed and the keys it
// touched, never the whole state. One entry per key, not per engine and key: a grid's event touches
// several engines at once, and a restore reads a third as many records.
//
// Layout 2 (before 2026-11-30) kept the whole rule engine in one entry `rules`, rewritten every
// commit because it carried the watermark; it is still read (a rolling upgrade restores a changelog
// the previous release wrote), and the next changes delete it and write the entries above.

/** Version of the entry layout written; a changelog of another one than these is refused, not misread. */
export const STORE_VERSION = 3;
/** Layout versions this processor reads. */
const READABLE_VERSIONS: readonly unknown[] = [2, STORE_VERSION];
export const META = 'meta';
export const CLOCK = 'clock';
/** Layout 2's single rule-engine entry: read, then deleted. */
export const RULES = 'rules';
export const RULES_WATERMARK = 'rules-watermark';
/** Prefix of the rule-state entries (`rule/<rule>`, `rule/<rule>/<subject>`). */
export const RULE = 'rule/';
export const KPI = 'kpi';
const WINDOW = 'window/';
const KEY_SEPARATOR = '|';
const KEY = 'key|';

/** A `key|<key>` entry: per engine entry name (`kpi`, `window/<rule>`), that engine's state of the key. */
export type KeyEntry = Record<string, KeySnapshot>;

/** The `rules-watermark` entry. */
export interface RulesWatermarkEntry {
  readonly watermarkMs: number | null;
}

/** The `meta` entry. */
export interface MetaEntry {
  readonly version: number;
  readonly partitions: PipelineSnapshot['partitions'];
  readonly lastNowMs: number;
}

/** The entry of a window engine apart from its windows: `kpi` or `window/<rule>`. */
export type EngineEntry = Omit<PipelineSnapshot['windows'][number], 'engine'>;

/** Entry name of a threshold rule's window engine. */
export const windowEntry = (ruleId: string): string => WINDOW + ruleId;
/** Entry name of an engine's head (window spec and watermark). */
export const headEntry = (engine: string): string => engine + KEY_SEPARATOR;
/** Entry name of one key's windows (in every engine). */
export const keyEntry = (key: string): string => KEY + encodeURIComponent(key);

/** Error of a state store that cannot be read back into a pipeline. */
export class StoreEntryError extends Error {
  override readonly name = 'StoreEntryError';
  /** A store that does not parse stays so: retrying cannot help. */
  readonly retriable = false;
}

/** The whole pipeline snapshot as store entries: what the changelog holds once every change is committed. */
export function toStoreEntries(s: PipelineSnapshot): Map<string, string> {
  const entries = new Map<string, string>();
  entries.set(
    META,
    JSON.stringify({
      version: STORE_VERSION,
      partitions: s.partitions,
      lastNowMs: s.lastNowMs,
    } satisfies MetaEntry),
  );
  entries.set(CLOCK, JSON.stringify(s.clock));
  entries.set(
    RULES_WATERMARK,
    JSON.stringify({ watermarkMs: s.rules.watermarkMs } satisfies RulesWatermarkEntry),
  );
  for (const [name, entry] of ruleStateEntries(s.rules)) entries.set(RULE + name, JSON.stringify(entry));
  const byKey = new Map<string, KeyEntry>();
  const split = (name: string, engine: EngineSnapshot) => {
    const { keys, ...head } = engine;
    entries.set(headEntry(name), JSON.stringify(head satisfies EngineHead));
    for (const [key, state] of keys) {
      let entry = byKey.get(key);
      if (entry === undefined) byKey.set(key, (entry = {}));
      entry[name] = state;
    }
  };
  const { engine: kpiEngine, ...kpiRest } = s.kpi;
  entries.set(KPI, JSON.stringify(kpiRest));
  split(KPI, kpiEngine);
  for (const { engine, ...rest } of s.windows) {
    entries.set(windowEntry(rest.id), JSON.stringify(rest satisfies EngineEntry));
    split(windowEntry(rest.id), engine);
  }
  for (const [key, entry] of byKey) entries.set(keyEntry(key), JSON.stringify(entry));
  return entries;
}

/**
 * The `key|<key>` entries of a store, parsed one at a time: restore them with
 * `WindowEngine.restoreKey` as they come, so a million windows' JSON is garbage young.
 * @throws StoreEntryError on an entry that is not JSON.
 */
export function* keyEntries(entries: ReadonlyMap<string, string>): Generator<[string, KeyEntry]> {
  for (const [name, text] of entries)
    if (name.startsWith(KEY)) yield [decodeURIComponent(name.slice(KEY.length)), parse<KeyEntry>(name, text)];
}

/**
 * The pipeline snapshot stored as entries ({@link toStoreEntries}) without the keys' windows (see
 * {@link keyEntries}), or undefined for an empty store.
 * @throws StoreEntryError when an entry is missing, malformed or of another layout version.
 */
export function fromStoreEntries(entries: ReadonlyMap<string, string>): PipelineSnapshot | undefined {
  const metaText = entries.get(META);
  if (metaText === undefined) return undefined;
  const meta = parse<MetaEntry>(META, metaText);
  const version: unknown = meta.version;
  if (!READABLE_VERSIONS.includes(version))
    throw new StoreEntryError(
      `state store entry ${META}: layout version ${String(version)}, this processor reads ${READABLE_VERSIONS.join(' and ')}`,
    );
  const required = <T>(name: string): T => {
    const text = entries.get(name);
    if (text === undefined) throw new StoreEntryError(`state store entry ${name} is missing`);
    return parse<T>(name, text);
  };
  // Engines by entry name, each with its head and keys as found.
  const engines = new Map<string, { rest?: EngineEntry; head?: EngineHead; keys: [string, KeySnapshot][] }>();
  const engineOf = (name: string) => {
    let e = engines.get(name);
    if (e === undefined) engines.set(name, (e = { keys: [] }));
    return e;
  };
  for (const [name, text] of entries) {
    if (name.startsWith(KEY)) continue;
    if (name.endsWith(KEY_SEPARATOR)) engineOf(name.slice(0, -1)).head = parse<EngineHead>(name, text);
    else if (name === KPI || name.startsWith(WINDOW)) engineOf(name).rest = parse<EngineEntry>(name, text);
  }
  const engineSnapshot = (name: string): EngineSnapshot => {
    const e = engines.get(name);
    if (e?.head === undefined) throw new StoreEntryError(`state store entry ${headEntry(name)} is missing`);
    return { ...e.head, keys: e.keys };
  };
  const windows: PipelineSnapshot['windows'][number][] = [];
  for (const [name, e] of engines) {
    if (!name.startsWith(WINDOW)) continue;
    if (e.rest === undefined) throw new StoreEntryError(`state store entry ${name} is missing`);
    windows.push({ ...e.rest, engine: engineSnapshot(name) });
  }
  return {
    version: 2,
    windows,
    kpi: { ...required<Omit<PipelineSnapshot['kpi'], 'engine'>>(KPI), engine: engineSnapshot(KPI) },
    clock: required<PipelineSnapshot['clock']>(CLOCK),
    rules: version === 2 ? required<PipelineSnapshot['rules']>(RULES) : rulesOf(entries, required),
    partitions: meta.partitions,
    lastNowMs: meta.lastNowMs,
  };
}

/** The rule engine's snapshot from its entries (layout 3). */
function rulesOf(
  entries: ReadonlyMap<string, string>,
  required: <T>(name: string) => T,
): PipelineSnapshot['rules'] {
  const { watermarkMs } = required<RulesWatermarkEntry>(RULES_WATERMARK);
  const rules: [string, RuleStateEntry][] = [];
  for (const [name, text] of entries)
    if (name.startsWith(RULE)) rules.push([name.slice(RULE.length), parse<RuleStateEntry>(name, text)]);
  try {
    return ruleStateFromEntries(watermarkMs, rules);
  } catch (err: unknown) {
    if (err instanceof RulesError)
      throw new StoreEntryError(`state store entries ${RULE}…: ${err.message}`, { cause: err });
    throw err;
  }
}

function parse<T>(name: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err: unknown) {
    throw new StoreEntryError(`state store entry ${name} is not JSON`, { cause: err });
  }
}
