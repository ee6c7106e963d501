/** An acknowledgement of an alert, as kept in the acknowledgements topic (JSON, keyed by alert id). */
export interface AckRecord {
  readonly alertId: string;
  /** Subject of the token that acknowledged. */
  readonly acknowledgedBy: string;
  readonly note: string;
  /** Server clock, epoch ms. */
  readonly acknowledgedAtMs: number;
  readonly gridId: string;
  readonly areaId: string;
}

/** Parses an acknowledgement record's JSON value; `undefined` for anything that is not one. */
export function parseAckRecord(value: Buffer | null): AckRecord | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value.toString('utf8')) as Partial<Record<keyof AckRecord, unknown>>;
    if (
      typeof v.alertId === 'string' &&
      typeof v.acknowledgedBy === 'string' &&
      typeof v.note === 'string' &&
      typeof v.acknowledgedAtMs === 'number' &&
      typeof v.gridId === 'string' &&
      typeof v.areaId === 'string'
    )
      return {
        alertId: v.alertId,
        acknowledgedBy: v.acknowledgedBy,
        note: v.note,
        acknowledgedAtMs: v.acknowledgedAtMs,
        gridId: v.gridId,
        areaId: v.areaId,
      };
  } catch {
    // not JSON: ignored like any foreign record
  }
  return undefined;
}

/** The latest acknowledgement of every alert, rebuilt from the compacted acknowledgements topic. */
export class AckStore {
  private readonly byAlert = new Map<string, AckRecord>();

  /** Records an acknowledgement (the latest wins). */
  apply(ack: AckRecord): void {
    this.byAlert.set(ack.alertId, ack);
  }

  /** The acknowledgement of an alert, if any. */
  get(alertId: string): AckRecord | undefined {
    return this.byAlert.get(alertId);
  }
}
