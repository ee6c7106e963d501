/**
 * The fingerprint of an alert's identity: rule, grid and subject (road class, incident id, permit
 * id and stage), joined with `/`, e.g. `traffic-congestion/G001/arterial`. Stable across firings.
 */
export function alertFingerprint(rule: string, gridId: string, ...subject: readonly string[]): string {
  return [rule, gridId, ...subject].join('/');
}

/**
 * The id of one firing of an alert: `${fingerprint}@${startsAtMs}`. Deterministic, so replaying the
 * same events gives the same ids; the firing and resolved messages of one firing share it.
 */
export function alertId(fingerprint: string, startsAtMs: number): string {
  return `${fingerprint}@${startsAtMs}`;
}
