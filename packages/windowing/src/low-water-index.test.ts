import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from './aggregators';
import type { EngineSnapshot } from './engine-snapshot';
import { HoppingWindows } from './hopping-windows';
import type { KeyedEvent } from './keyed-event';
import { LowWaterIndex } from './low-water-index';
import { SessionWindows } from './session-windows';
import { SlidingWindows } from './sliding-windows';
import { TumblingWindows } from './tumbling-windows';
import { WindowEngine } from './window-engine';
import type { WindowSpec } from './window-spec';

/** The definition, by a full scan: per partition, the lowest offset any open window or retained event holds. */
function scanned(snapshot: EngineSnapshot): Map<string, number> {
  const out = new Map<string, number>();
  const hold = (p: string, o: number) => {
    const prev = out.get(p);
    if (prev === undefined || o < prev) out.set(p, o);
  };
  for (const w of snapshot.open) for (const [p, o] of w.offsets) hold(p, o);
  for (const r of snapshot.records) if (r.offset !== null) hold(r.partition, r.offset);
  return out;
}

const windowsArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map((size) => TumblingWindows.of(size)),
  fc
    .tuple(
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 0, max: 50 }),
    )
    .map(([a, b, graceMs]) => HoppingWindows.of(Math.max(a, b), Math.min(a, b), { graceMs })),
  fc.integer({ min: 1, max: 200 }).map((gap) => SessionWindows.of(gap, { graceMs: 20 })),
  fc.integer({ min: 1, max: 200 }).map((size) => SlidingWindows.of(size, { graceMs: 20 })),
);

const eventArb = fc.record({
  key: fc.constantFrom('a', 'b', 'c'),
  ts: fc.integer({ min: 0, max: 2_000 }),
  partition: fc.constantFrom('p0', 'p1', 'p2'),
  // Not only increasing: merged sessions and restored snapshots hand windows any offsets.
  offset: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
});

describe('LowWaterIndex', () => {
  it('tracks the lowest held offset per partition through holds and releases, duplicates included', () => {
    const index = new LowWaterIndex();
    index.hold('p0', 5);
    index.hold('p0', 5);
    index.hold('p0', 9);
    index.hold('p1', 2);
    expect(Object.fromEntries(index.lowest())).toEqual({ p0: 5, p1: 2 });
    index.release('p0', 5);
    expect(index.lowest().get('p0')).toBe(5);
    index.release('p0', 5);
    expect(index.lowest().get('p0')).toBe(9);
    index.release('p1', 2);
    index.release('p0', 9);
    expect(index.lowest().size).toBe(0);
  });

  it('keeps WindowEngine.lowWaterOffsets equal to a full scan of the open state, for every window kind', () => {
    fc.assert(
      fc.property(
        windowsArb,
        fc.array(fc.array(eventArb, { maxLength: 8 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 29 }),
        (windows, batches, restoreAt) => {
          const spec = {
            windows,
            aggregator: count<number>(),
            watermark: { maxOutOfOrdernessMs: 30, idleTimeoutMs: Number.POSITIVE_INFINITY },
          };
          let engine = new WindowEngine(spec);
          batches.forEach((batch, i) => {
            const events: KeyedEvent<number>[] = batch.map((e) => ({
              key: e.key,
              timestampMs: e.ts,
              partition: e.partition,
              ...(e.offset === undefined ? {} : { offset: e.offset }),
              value: 1,
            }));
            engine.process({ kind: 'events', events, nowMs: i * 10 });
            if (i === restoreAt) engine = WindowEngine.restore(spec, engine.snapshot());
            expect(engine.lowWaterOffsets()).toEqual(scanned(engine.snapshot()));
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
