const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration as written in rule files: a non-negative integer of milliseconds, or a string of
 * one or more `<number><unit>` parts with units `ms`, `s`, `m`, `h`, `d` (`90s`, `1h30m`, `8d`).
 * Returns undefined when the text is not a duration.
 *
 * @example
 * ```ts
 * parseDurationMs('5m'); // 300000
 * ```
 */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * (UNIT_MS[unit!] ?? 0);
  return total;
}
