import type { OutgoingRecord } from '@citybrain/kafka';
import { StreamRuntimeError } from './errors';
import type { StoreChanges } from './task';

/** Largest chunk of an entry's text in one changelog record (well under the broker's 1 MB limit). */
export const DEFAULT_CHUNK_CHARS = 256 * 1024;

/** The changelog records of one commit, and how to mark them written once the commit landed. */
export interface ChangelogDelta {
  readonly records: OutgoingRecord[];
  /** Call once the records are durable (the transaction committed). */
  applied(): void;
}

// Value of an entry's record: the text itself when it fits in one chunk, else the chunk count.
const INLINE = '=';
const CHUNKED = '#';

/**
 * The state store of one task, changelogged to a compacted topic as Kafka Streams does: in the task's
 * own partition when it has one, so a take-over reads only its task's records. The task's
 * state is a set of named entries (JSON text); each entry is one record `<task>/<name>` holding the
 * text, or — above the chunk size — the chunk count, with chunk records `<task>/<name>#<i>`, so an entry
 * of any size fits under the broker's record limit. The task hands over only the entries it changed
 * ({@link StoreChanges}); of a chunked entry only the chunks that differ are written, and removed
 * entries or chunks get tombstones, so compaction keeps exactly the committed state.
 */
export class ChangelogStore {
  // What the changelog holds (as committed), per entry: null for an inline entry (its text is not
  // kept: memory stays O(entry names)), the chunks of a chunked one (to write only changed chunks).
  private written = new Map<string, readonly string[] | null>();

  private readonly chunkChars: number;
  /** The changelog partition of this task's records; undefined: chosen from the key. */
  readonly partition: number | undefined;

  constructor(
    readonly topic: string,
    readonly taskId: string,
    options: { readonly partition?: number; readonly chunkChars?: number } = {},
  ) {
    this.partition = options.partition;
    this.chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  }

  /**
   * Reassembles this task's entries from the changelog's latest value per key (see
   * `readLatestByKey`) and remembers them as written. Entries of other tasks are ignored.
   * @throws StreamRuntimeError when a header names chunks that are missing (a corrupt changelog).
   */
  load(latest: ReadonlyMap<string, Buffer>): Map<string, string> {
    const prefix = `${this.taskId}/`;
    const entries = new Map<string, string>();
    this.written = new Map();
    for (const [key, value] of latest) {
      if (!key.startsWith(prefix) || key.includes('#')) continue;
      const name = key.slice(prefix.length);
      const text = value.toString('utf8');
      if (text.startsWith(INLINE)) {
        this.written.set(name, null);
        entries.set(name, text.slice(INLINE.length));
        continue;
      }
      const count = Number(text.slice(CHUNKED.length));
      const chunks: string[] = [];
      for (let i = 0; i < count; i++) {
        const chunk = latest.get(`${key}#${i}`);
        if (chunk === undefined)
          throw new StreamRuntimeError(`changelog ${this.topic}: entry ${key} lacks chunk ${i}`, {
            code: 'CHANGELOG_CORRUPT',
            retriable: false,
          });
        chunks.push(chunk.toString('utf8'));
      }
      this.written.set(name, chunks);
      entries.set(name, chunks.join(''));
    }
    return entries;
  }

  /** The records that apply `changes` to what the changelog holds: O(changed entries). */
  delta(changes: StoreChanges): ChangelogDelta {
    const records: OutgoingRecord[] = [];
    // Per entry: what it will hold once the records are durable (undefined: removed).
    const next: [string, readonly string[] | null | undefined][] = [];
    for (const [name, text] of changes.upserts) {
      const before = this.written.get(name);
      const prev = Array.isArray(before) ? (before as readonly string[]) : undefined;
      const key = `${this.taskId}/${name}`;
      const chunks = this.split(text);
      if (chunks.length === 1) {
        records.push(this.record(key, INLINE + text));
        next.push([name, null]);
      } else {
        // An inline entry's one chunk is not a chunk record: write every chunk then.
        chunks.forEach((chunk, i) => {
          if (prev?.[i] !== chunk) records.push(this.record(`${key}#${i}`, chunk));
        });
        if (prev?.length !== chunks.length) records.push(this.record(key, CHUNKED + String(chunks.length)));
        next.push([name, chunks]);
      }
      if (prev !== undefined)
        for (let i = chunks.length > 1 ? chunks.length : 0; i < prev.length; i++)
          records.push(this.record(`${key}#${i}`, null));
    }
    for (const name of changes.deletes) {
      if (changes.upserts.has(name)) continue;
      const before = this.written.get(name);
      if (before === undefined) continue;
      const key = `${this.taskId}/${name}`;
      records.push(this.record(key, null));
      if (before !== null)
        for (let i = 0; i < before.length; i++) records.push(this.record(`${key}#${i}`, null));
      next.push([name, undefined]);
    }
    return {
      records,
      applied: () => {
        for (const [name, state] of next)
          if (state === undefined) this.written.delete(name);
          else this.written.set(name, state);
      },
    };
  }

  private split(text: string): string[] {
    if (text.length <= this.chunkChars) return [text];
    const out: string[] = [];
    for (let i = 0; i < text.length;) {
      let end = Math.min(text.length, i + this.chunkChars);
      // Never split a surrogate pair: each chunk must be valid UTF-16 to survive UTF-8 encoding.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      out.push(text.slice(i, end));
      i = end;
    }
    return out;
  }

  private record(key: string, text: string | null): OutgoingRecord {
    const value = text === null ? null : Buffer.from(text, 'utf8');
    return this.partition === undefined
      ? { topic: this.topic, key, value }
      : { topic: this.topic, partition: this.partition, key, value };
  }
}
