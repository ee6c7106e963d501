import { validateMatcher, type LabelMatcher, type Silence } from '@citybrain/alerting';

/** Serialises a silence for the silences topic (JSON, keyed by id). */
export function silenceToRecord(s: Silence): Buffer {
  return Buffer.from(JSON.stringify(s), 'utf8');
}

/** Parses a silences-topic record value; `undefined` for a tombstone or anything invalid. */
export function silenceFromRecord(value: Buffer | null): Silence | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value.toString('utf8')) as Silence;
    if (typeof v.id !== 'string' || !Array.isArray(v.matchers)) return undefined;
    if (!Number.isFinite(v.startsAtMs) || !Number.isFinite(v.endsAtMs)) return undefined;
    // Matchers are checked; the times are not (an expired pending silence ends when it starts).
    return {
      id: v.id,
      matchers: v.matchers.map((m: LabelMatcher, i) =>
        validateMatcher({ name: m.name, op: m.op, value: m.value }, `matchers[${i}]`),
      ),
      startsAtMs: v.startsAtMs,
      endsAtMs: v.endsAtMs,
      createdBy: String(v.createdBy),
      comment: String(v.comment),
    };
  } catch {
    return undefined;
  }
}

/** Every silence, by id, rebuilt from the compacted silences topic (the latest record wins). */
export class SilenceStore {
  private readonly byId = new Map<string, Silence>();

  /** Records a silence (created or expired). */
  apply(silence: Silence): void {
    this.byId.set(silence.id, silence);
  }

  /** A silence by id. */
  get(id: string): Silence | undefined {
    return this.byId.get(id);
  }

  /** Every silence, oldest start first. */
  list(): Silence[] {
    return [...this.byId.values()].sort((a, b) => a.startsAtMs - b.startsAtMs || a.id.localeCompare(b.id));
  }
}
