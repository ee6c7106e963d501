import { describe, expect, it } from 'vitest';
import { formatClockUtc8, formatDateTimeUtc8, formatNumber, formatWindowUtc8 } from './time-format';

describe('time formatting (UTC+8)', () => {
  it('shows Longgang local time, crossing midnight', () => {
    expect(formatClockUtc8(Date.UTC(2024, 2, 1, 0, 1))).toBe('08:01');
    expect(formatClockUtc8(Date.UTC(2024, 2, 1, 16, 30, 15))).toBe('00:30:15');
    expect(formatDateTimeUtc8(Date.UTC(2024, 1, 29, 16, 0))).toBe('2024-03-01 00:00');
    expect(formatWindowUtc8({ startMs: Date.UTC(2024, 2, 1, 0, 1), endMs: Date.UTC(2024, 2, 1, 0, 2) })).toBe(
      '08:01–08:02',
    );
  });

  it('prints numbers without trailing zeros', () => {
    expect(formatNumber(20)).toBe('20');
    expect(formatNumber(8.25)).toBe('8.25');
    expect(formatNumber(8.0000116)).toBe('8');
  });
});
