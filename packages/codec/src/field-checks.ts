import type { WireTimestamp } from '@citybrain/proto';
import { timestampToMs } from './timestamp';
import { Violation } from './violation';

// Field checks shared by the event and alert converters. Each returns the checked value or
// throws a Violation naming the field by its proto path.

/** Event times outside [2000-01-01, 2101-01-01) are taken for clock or unit errors. */
export const EVENT_TIME_RANGE_MS = { min: Date.UTC(2000, 0, 1), max: Date.UTC(2101, 0, 1) } as const;

/** A string field that must not be empty (ids). */
export function requireNonEmpty(field: string, value: string): string {
  if (value === '') throw new Violation('missing-field', field, 'missing');
  return value;
}

/** A message field that must be present. */
export function requirePresent<T>(field: string, value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Violation('missing-field', field, 'missing');
  return value;
}

/** A count: a non-negative integer. */
export function requireCount(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new Violation('invalid-field', field, `${value} is not a non-negative integer`);
  }
  return value;
}

/** A finite number within `[min, max]`. */
export function requireInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Violation('invalid-field', field, `${value} is outside [${min}, ${max}]`);
  }
  return value;
}

/** A finite number. */
export function requireFinite(field: string, value: number): number {
  if (!Number.isFinite(value)) throw new Violation('invalid-field', field, `${value} is not a finite number`);
  return value;
}

/** A present, valid timestamp, as epoch milliseconds; optionally within a range `[min, max)`. */
export function requireTimestampMs(
  field: string,
  value: WireTimestamp | null | undefined,
  range?: { readonly min: number; readonly max: number },
): number {
  const ms = timestampToMs(requirePresent(field, value));
  if (typeof ms === 'string') throw new Violation('invalid-field', field, ms);
  return range === undefined ? ms : requireTimeInRange(field, ms, range);
}

/** Epoch milliseconds within `[min, max)`, or a Violation showing the time and the range. */
export function requireTimeInRange(
  field: string,
  ms: number,
  range: { readonly min: number; readonly max: number },
): number {
  if (ms < range.min || ms >= range.max) {
    const shown = Number.isFinite(new Date(ms).getTime()) ? new Date(ms).toISOString() : `${ms} ms`;
    throw new Violation(
      'invalid-field',
      field,
      `${shown} is outside [${new Date(range.min).toISOString()}, ${new Date(range.max).toISOString()})`,
    );
  }
  return ms;
}
