import type { WireTimestamp } from '@citybrain/proto';

const NANOS_PER_MS = 1_000_000;
const NANOS_PER_SECOND = 1_000_000_000;

/** A `google.protobuf.Timestamp` with plain numbers, as `Type.fromObject` accepts it. */
export interface TimestampParts {
  readonly seconds: number;
  readonly nanos: number;
}

/** Epoch milliseconds to a wire timestamp (seconds as a decimal string, as decoding gives it). */
export function timestampFromMs(ms: number): WireTimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: Math.round((ms - seconds * 1000) * NANOS_PER_MS) };
}

/**
 * A wire timestamp to epoch milliseconds (sub-millisecond nanos truncated), or a reason string
 * when it is not a valid timestamp.
 */
export function timestampToMs(timestamp: WireTimestamp): number | string {
  const seconds = Number(timestamp.seconds);
  if (!Number.isSafeInteger(seconds)) return `seconds ${timestamp.seconds} is not an integer`;
  return timestampPartsToMs(seconds, timestamp.nanos);
}

/**
 * Whole `seconds` (already known to be a safe integer) and `nanos` to epoch milliseconds
 * (sub-millisecond nanos truncated), or a reason string when `nanos` is out of range. The protobuf
 * fast path reads `seconds` as a number, without the decimal string of {@link timestampToMs}.
 */
export function timestampPartsToMs(seconds: number, nanos: number): number | string {
  if (!Number.isInteger(nanos) || nanos < 0 || nanos >= NANOS_PER_SECOND) {
    return `nanos ${nanos} is outside [0, 999999999]`;
  }
  return seconds * 1000 + Math.floor(nanos / NANOS_PER_MS);
}

// RFC 3339 date-time as the protobuf JSON mapping writes it: `T` (or `t`, or a space, which RFC
// 3339 allows), up to nine fraction digits, `Z` or a numeric offset.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time into timestamp parts, or returns `undefined` when it is not one. */
export function parseRfc3339(text: string): TimestampParts | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
  // One by one, not through an array: this runs for every JSON record.
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCDate() !== d) return undefined; // e.g. February 30th rolled over
  let offsetSeconds = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    offsetSeconds = (sign === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const nanos = fraction === undefined ? 0 : Number(fraction.padEnd(9, '0'));
  return { seconds: date.getTime() / 1000 - offsetSeconds, nanos };
}

/**
 * Formats timestamp parts as RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as the protobuf
 * JSON mapping does, e.g. `2024-05-01T08:00:00.250Z`.
 */
export function formatRfc3339(parts: TimestampParts): string {
  const base = new Date(parts.seconds * 1000).toISOString().slice(0, 19);
  if (parts.nanos === 0) return `${base}Z`;
  const digits = String(parts.nanos).padStart(9, '0');
  const fraction =
    parts.nanos % NANOS_PER_MS === 0
      ? digits.slice(0, 3)
      : parts.nanos % 1000 === 0
        ? digits.slice(0, 6)
        : digits;
  return `${base}.${fraction}Z`;
}
