import { describe, expect, it } from 'vitest';
import { WindowSpecError } from './errors';
import { TumblingWindows } from './tumbling-windows';

describe('TumblingWindows', () => {
  it('assigns each timestamp to one epoch-aligned half-open window', () => {
    const w = TumblingWindows.of(60_000);
    expect(w.windowsFor(0)).toEqual([{ startMs: 0, endMs: 60_000 }]);
    expect(w.windowsFor(59_999)).toEqual([{ startMs: 0, endMs: 60_000 }]);
    expect(w.windowsFor(60_000)).toEqual([{ startMs: 60_000, endMs: 120_000 }]);
    expect(w.windowsFor(-1)).toEqual([{ startMs: -60_000, endMs: 0 }]);
  });

  it('defaults grace to 0 and keeps an explicit grace', () => {
    expect(TumblingWindows.of(1000).graceMs).toBe(0);
    expect(TumblingWindows.of(1000, { graceMs: 250 }).graceMs).toBe(250);
  });

  it.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects sizeMs %s', (size) => {
    expect(() => TumblingWindows.of(size)).toThrow(WindowSpecError);
  });

  it('rejects a negative grace with a typed error naming the field', () => {
    try {
      TumblingWindows.of(1000, { graceMs: -1 });
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(WindowSpecError);
      const e = err as WindowSpecError;
      expect(e.code).toBe('WINDOW_SPEC_INVALID');
      expect(e.field).toBe('graceMs');
      expect(e.retriable).toBe(false);
    }
  });
});
