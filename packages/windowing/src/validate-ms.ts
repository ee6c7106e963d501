import { WindowSpecError } from './errors';

/** Throws a {@link WindowSpecError} unless `value` is an integer in `[min, +∞)` (Infinity allowed if `allowInfinity`). */
export function requireMs(field: string, value: unknown, min: number, allowInfinity = false): number {
  const ok =
    typeof value === 'number' &&
    ((allowInfinity && value === Number.POSITIVE_INFINITY) || Number.isSafeInteger(value)) &&
    value >= min;
  if (!ok) {
    throw new WindowSpecError(
      field,
      value,
      `an integer number of milliseconds >= ${min}${allowInfinity ? ' (or Infinity)' : ''}`,
    );
  }
  return value;
}
