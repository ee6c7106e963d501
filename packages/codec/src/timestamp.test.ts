import { describe, expect, it } from 'vitest';
import { formatRfc3339, parseRfc3339, timestampFromMs, timestampToMs } from './timestamp';

describe('timestamps', () => {
  it('converts epoch ms both ways, before 1970 too', () => {
    for (const ms of [0, 1, 999, 1_714_550_400_250, -1, -1500]) {
      expect(timestampToMs(timestampFromMs(ms))).toBe(ms);
    }
    expect(timestampFromMs(-1500)).toEqual({ seconds: '-2', nanos: 500_000_000 });
  });

  it('refuses out-of-range nanos', () => {
    expect(timestampToMs({ seconds: '1', nanos: 1_000_000_000 })).toMatch(/nanos/);
    expect(timestampToMs({ seconds: '1', nanos: -1 })).toMatch(/nanos/);
  });

  it('parses RFC 3339 with fractions and offsets', () => {
    expect(parseRfc3339('2024-05-01T08:00:00Z')).toEqual({ seconds: 1_714_550_400, nanos: 0 });
    expect(parseRfc3339('2024-05-01T16:00:00.000000001+08:00')).toEqual({ seconds: 1_714_550_400, nanos: 1 });
    expect(parseRfc3339('2024-05-01t07:30:00.5-00:30')).toEqual({
      seconds: 1_714_550_400,
      nanos: 500_000_000,
    });
    // Years below 100 are not taken for 19xx.
    expect(parseRfc3339('0099-01-01T00:00:00Z')?.seconds).toBe(
      new Date('0099-01-01T00:00:00Z').getTime() / 1000,
    );
  });

  it.each([
    '2024-02-30T00:00:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T08:00:00',
    '2024-05-01',
    '2024-05-01T08:00:00.1234567890Z',
    ' 2024-05-01T08:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it('formats with 0, 3, 6 or 9 fraction digits', () => {
    expect(formatRfc3339({ seconds: 1_714_550_400, nanos: 0 })).toBe('2024-05-01T08:00:00Z');
    expect(formatRfc3339({ seconds: 1_714_550_400, nanos: 250_000_000 })).toBe('2024-05-01T08:00:00.250Z');
    expect(formatRfc3339({ seconds: 1_714_550_400, nanos: 250_000 })).toBe('2024-05-01T08:00:00.000250Z');
    expect(formatRfc3339({ seconds: 1_714_550_400, nanos: 7 })).toBe('2024-05-01T08:00:00.000000007Z');
  });
});
