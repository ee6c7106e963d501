import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowSpecError } from './errors';
import { WatermarkTracker } from './watermark-tracker';

describe('WatermarkTracker', () => {
  it('is max event time minus out-of-orderness, min over active partitions', () => {
    const t = new WatermarkTracker({ maxOutOfOrdernessMs: 10, idleTimeoutMs: 100 });
    t.observe('a', 500, 0);
    t.observe('a', 400, 0);
    t.observe('b', 300, 0);
    expect(t.advance(0)).toBe(290);
    t.observe('b', 700, 50);
    expect(t.advance(50)).toBe(490);
  });

  it('holds the watermark for an assigned partition until it delivers or goes idle', () => {
    const t = new WatermarkTracker({ maxOutOfOrdernessMs: 0, idleTimeoutMs: 100 });
    t.assign(['a', 'b'], 0);
    t.observe('a', 500, 10);
    expect(t.advance(10)).toBe(Number.NEGATIVE_INFINITY);
    t.observe('b', 300, 20);
    expect(t.advance(20)).toBe(300);
    t.assign(['a', 'b', 'c'], 30);
    t.observe('a', 900, 40);
    expect(t.advance(40)).toBe(300);
    // c never delivers: once idle it stops holding a and b back.
    expect(t.advance(130)).toBe(900);
    // Forgotten partitions no longer count; assigned-but-empty ones stay in snapshots (they hold back).
    t.assign(['a', 'd'], 140);
    expect(t.partitionNames().sort()).toEqual(['a', 'd']);
    expect(
      t
        .snapshot()
        .partitions.map((p) => p[0])
        .sort(),
    ).toEqual(['a', 'd']);
  });

  it('ignores idle partitions and never goes back when they return', () => {
    const t = new WatermarkTracker({ maxOutOfOrdernessMs: 0, idleTimeoutMs: 100 });
    t.observe('a', 500, 0);
    t.observe('b', 300, 0);
    t.observe('a', 600, 60);
    expect(t.advance(99)).toBe(300);
    expect(t.advance(100)).toBe(600);
    t.observe('b', 310, 120);
    expect(t.advance(120)).toBe(600);
  });

  it('rebases processing times after a restore, so downtime neither idles partitions nor leaps the fallback', () => {
    const opts = { maxOutOfOrdernessMs: 0, idleTimeoutMs: 100, idleAdvanceAfterMs: 1_000 };
    const t = new WatermarkTracker(opts);
    t.observe('a', 500, 0);
    t.observe('b', 300, 0);
    expect(t.advance(0)).toBe(300);
    const snap = JSON.parse(JSON.stringify(t.snapshot())) as ReturnType<WatermarkTracker['snapshot']>;
    const r = new WatermarkTracker(opts);
    r.restore(snap);
    expect(r.watermarkMs).toBe(300);
    expect(r.advance(1_000_000)).toBe(300);
    expect(r.advance(1_000_100)).toBe(500);
    expect(r.advance(1_001_000)).toBe(1_500);
  });

  it('snapshots -Infinity as null', () => {
    const t = new WatermarkTracker({ maxOutOfOrdernessMs: 0, idleTimeoutMs: 100 });
    expect(t.snapshot()).toEqual({ watermarkMs: null, lastEventAtMs: null, partitions: [] });
  });

  it('validates its options', () => {
    expect(() => new WatermarkTracker({ maxOutOfOrdernessMs: 1.5, idleTimeoutMs: 100 })).toThrow(
      WindowSpecError,
    );
  });

  describe('with idleRequiresEnd', () => {
    const options = {
      maxOutOfOrdernessMs: 0,
      idleTimeoutMs: 100,
      idleAdvanceAfterMs: 1_000,
      idleRequiresEnd: true,
    };

    it('never idles a partition with records pending, whatever the timestamps and read order', () => {
      // b delivered one event and has more pending; a runs on arbitrarily, in processing time far
      // past the idle timeout, reported at its end or not, with ticks in between.
      const step = fc.record({
        eventMs: fc.integer({ min: 0, max: 1e9 }),
        advanceMs: fc.integer({ min: 0, max: 1e6 }),
        aAtEnd: fc.boolean(),
        tick: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(step, { maxLength: 40 }), (bMs, steps) => {
          const t = new WatermarkTracker(options);
          t.assign(['a', 'b'], 0);
          t.observe('b', bMs, 0);
          t.readTo('b', false);
          let now = 0;
          for (const s of steps) {
            now += s.advanceMs;
            if (!s.tick) t.observe('a', s.eventMs, now);
            t.readTo('a', s.aAtEnd);
            expect(t.advance(now)).toBeLessThanOrEqual(bMs);
          }
        }),
      );
    });

    it('idles a partition once it is read to its end and quiet for the timeout', () => {
      const t = new WatermarkTracker(options);
      t.assign(['a', 'b'], 0);
      t.observe('a', 500, 0);
      t.observe('b', 100, 0);
      t.readTo('a', true);
      expect(t.advance(150)).toBe(100); // b pending: it holds the watermark
      t.observe('b', 120, 180);
      t.readTo('b', true);
      t.observe('a', 900, 200);
      expect(t.advance(200)).toBe(120); // b at its end, but not quiet for 100 ms yet
      expect(t.advance(290)).toBe(900);
      // After a restore nothing is known to be at its end until reported: both hold back.
      const r = new WatermarkTracker(options);
      r.restore(t.snapshot(), false);
      r.observe('b', 950, 300);
      r.observe('a', 2_000, 300);
      expect(r.advance(5_000)).toBe(950);
      r.readTo('b', true);
      expect(r.advance(5_000)).toBe(2_000); // b idle; a still pending
      r.readTo('a', true);
      expect(r.advance(5_000)).toBe(2_000 + 4_700); // both idle and quiet: the fallback moves it on
    });

    it('advances with the processing-time fallback only while every partition is at its end', () => {
      const t = new WatermarkTracker(options);
      t.assign(['a', 'b'], 0);
      t.observe('a', 500, 0);
      t.observe('b', 500, 0);
      t.readTo('a', true);
      expect(t.advance(10_000)).toBe(500);
      t.readTo('b', true);
      expect(t.advance(10_000)).toBe(500 + 10_000);
    });
  });
});
