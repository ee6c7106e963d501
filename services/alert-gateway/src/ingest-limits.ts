import type { OutgoingRecord } from '@citybrain/kafka';

/**
 * The bytes of events that every PublishEvents call together may hold at once. A call takes bytes as
 * it accepts events and gives them back when it ends (written, refused or cancelled), so the gateway's
 * memory for uploads stays bounded however many callers upload at once.
 */
export class IngestBudget {
  private used = 0;

  constructor(
    /** The budget, bytes. */
    readonly limitBytes: number,
  ) {}

  /** Bytes held now. */
  get heldBytes(): number {
    return this.used;
  }

  /** Takes `bytes` if they fit; false (and nothing taken) if not. */
  tryTake(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Gives `bytes` back. */
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Bytes a record costs in a produce request: key, value and headers (the batch framing is extra). */
export function recordBytes(r: OutgoingRecord): number {
  let n = (r.key === null ? 0 : Buffer.byteLength(r.key)) + (r.value === null ? 0 : r.value.length);
  for (const [k, v] of Object.entries(r.headers ?? {})) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

/**
 * Splits records, in order, into chunks of at most `maxBytes` (by {@link recordBytes}), so that no
 * produce request — and no partition's record batch in it — exceeds the broker's `max.message.bytes`.
 * A record larger than `maxBytes` travels alone (the caller bounds single records separately).
 */
export function chunkRecords(records: readonly OutgoingRecord[], maxBytes: number): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let size = 0;
  for (const r of records) {
    const n = recordBytes(r);
    if (current.length > 0 && size + n > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
