// Summaries show Longgang local time (UTC+8, no daylight saving). Adding 8 h and formatting as UTC
// avoids depending on an Intl time-zone database.
const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM` in UTC+8, or `HH:MM:SS` when the seconds are not zero. */
export function formatClockUtc8(epochMs: number): string {
  const d = new Date(epochMs + UTC8_OFFSET_MS);
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return d.getUTCSeconds() === 0 ? hm : `${hm}:${pad2(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD HH:MM` in UTC+8. */
export function formatDateTimeUtc8(epochMs: number): string {
  const d = new Date(epochMs + UTC8_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${formatClockUtc8(epochMs)}`;
}

/** `HH:MM–HH:MM` in UTC+8, for a window `[startMs, endMs)`. */
export function formatWindowUtc8(window: { readonly startMs: number; readonly endMs: number }): string {
  return `${formatClockUtc8(window.startMs)}–${formatClockUtc8(window.endMs)}`;
}

/** A number with at most `digits` decimals and no trailing zeros: 20 → `20`, 8.25 → `8.25`. */
export function formatNumber(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}
