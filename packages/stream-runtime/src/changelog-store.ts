import type { OutgoingRecord } from '@citybrain/kafka';
import { StreamRuntimeError } from './errors';

/** Largest chunk of an entry's text in one changelog record (well under the broker's 1 MB limit). */
export const DEFAULT_CHUNK_CHARS = 256 * 1024;

/** The changelog records of one commit, and how to mark them written once the commit landed. */
export interface ChangelogDelta {
  readonly records: OutgoingRecord[];
  /** Call once the records are durable (the transaction committed). */
  applied(): void;
}

interface Header {
  readonly chunks: number;
}

/**
 * The state store of one task, changelogged to a compacted topic as Kafka Streams does. The task's
 * state is a set of named entries (JSON text); each entry is written as a header record
 * `<task>/<name>` (its chunk count) and chunk records `<task>/<name>#<i>`, so an entry of any size fits
 * under the broker's record limit. Only chunks that changed since the last commit are written, and
 * removed entries or chunks get tombstones, so compaction keeps exactly the committed state.
 */
export class ChangelogStore {
  // What the changelog holds (as committed), per entry: its chunks.
  private written = new Map<string, string[]>();

  constructor(
    readonly topic: string,
    readonly taskId: string,
    private readonly chunkChars = DEFAULT_CHUNK_CHARS,
  ) {}

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
      const header = JSON.parse(value.toString('utf8')) as Header;
      const chunks: string[] = [];
      for (let i = 0; i < header.chunks; i++) {
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

  /** The records that bring the changelog from what it holds to `entries`. */
  delta(entries: ReadonlyMap<string, string>): ChangelogDelta {
    const records: OutgoingRecord[] = [];
    const next = new Map<string, string[]>();
    for (const [name, text] of entries) {
      const chunks = this.split(text);
      next.set(name, chunks);
      const before = this.written.get(name);
      const key = `${this.taskId}/${name}`;
      chunks.forEach((chunk, i) => {
        if (before?.[i] !== chunk) records.push(this.record(`${key}#${i}`, chunk));
      });
      if (before?.length !== chunks.length) {
        records.push(this.record(key, JSON.stringify({ chunks: chunks.length } satisfies Header)));
        for (let i = chunks.length; i < (before?.length ?? 0); i++)
          records.push(this.record(`${key}#${i}`, null));
      }
    }
    for (const [name, before] of this.written) {
      if (next.has(name)) continue;
      const key = `${this.taskId}/${name}`;
      records.push(this.record(key, null));
      for (let i = 0; i < before.length; i++) records.push(this.record(`${key}#${i}`, null));
    }
    return {
      records,
      applied: () => {
        this.written = next;
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
    return { topic: this.topic, key, value: text === null ? null : Buffer.from(text, 'utf8') };
  }
}
