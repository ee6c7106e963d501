import { describe, expect, it } from 'vitest';
import { Pacer, pacedWallMs, type PacingSettings } from './pacing';

const settings = (over: Partial<PacingSettings> = {}): PacingSettings => ({
  eventStartMs: 1_000_000,
  wallStartMs: 5_000,
  compression: 90,
  ratePerSecond: 0,
  ...over,
});

describe('pacedWallMs', () => {
  it('sends an event of time t at wallStart + (t - start) / compression', () => {
    expect(pacedWallMs(1_000_000, settings())).toBe(5_000);
    // 90 city minutes at 90x: one wall minute.
    expect(pacedWallMs(1_000_000 + 90 * 60_000, settings())).toBe(5_000 + 60_000);
    expect(pacedWallMs(1_000_000 + 900, settings())).toBe(5_010);
  });

  it('sends a backfill (events before the start) at once', () => {
    expect(pacedWallMs(1_000_000 - 3_600_000, settings())).toBe(5_000);
  });

  it('with compression 0 sends everything at once', () => {
    expect(pacedWallMs(1_000_000 + 3_600_000, settings({ compression: 0 }))).toBe(5_000);
  });
});

describe('Pacer', () => {
  it('without a rate, follows event time only', () => {
    const pacer = new Pacer(settings({ compression: 10 }));
    expect(pacer.dueAt(1_000_000, 5_000)).toBe(5_000);
    expect(pacer.dueAt(1_000_000, 5_000)).toBe(5_000);
    expect(pacer.dueAt(1_001_000, 5_000)).toBe(5_100);
  });

  it('spaces records 1000/rate ms apart, on top of event-time pacing', () => {
    const pacer = new Pacer(settings({ compression: 0, ratePerSecond: 100, wallStartMs: 0 }));
    // A full bucket at the start: one second's worth may go at once...
    const now = 10_000;
    const dues = Array.from({ length: 102 }, () => pacer.dueAt(1_000_000, now));
    expect(dues[0]).toBe(9_010);
    expect(dues[99]).toBe(10_000);
    // ...then 10 ms apart.
    expect(dues[100]).toBe(10_010);
    expect(dues[101]).toBe(10_020);
  });

  it('lets the later of the two bounds win', () => {
    const pacer = new Pacer(settings({ compression: 1, ratePerSecond: 1, wallStartMs: 0 }));
    expect(pacer.dueAt(1_000_000 + 5_000, 0)).toBe(5_000); // pacing is later than the rate bound
    expect(pacer.dueAt(1_000_000 + 5_100, 0)).toBe(6_000); // the rate bound is later than pacing
  });

  it('after a stall, catches up with at most one second of burst', () => {
    const pacer = new Pacer(settings({ compression: 0, ratePerSecond: 10, wallStartMs: 0 }));
    expect(pacer.dueAt(1_000_000, 0)).toBe(0);
    // The sender stalled for a minute: the missed minute is not sent in one go.
    const later = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(() => pacer.dueAt(1_000_000, 60_000));
    expect(later.filter((due) => due <= 60_000)).toHaveLength(10);
    expect(later[11]).toBe(60_200);
  });
});
