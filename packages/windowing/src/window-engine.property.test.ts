import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Aggregator } from './aggregator';
import { BruteForceReference } from './brute-force-reference';
import type { EngineSnapshot } from './engine-snapshot';
import { HoppingWindows } from './hopping-windows';
import type { EngineInput, KeyedEvent } from './keyed-event';
import { SessionWindows } from './session-windows';
import { SlidingWindows } from './sliding-windows';
import { TumblingWindows } from './tumbling-windows';
import type { WatermarkOptions } from './watermark-options';
import { WindowEngine } from './window-engine';
import type { WindowSpec } from './window-spec';

/** Collects event ids, so a result shows exactly which events a window aggregated. */
const ids: Aggregator<number, number[], number[]> = {
  init: () => [],
  add: (acc, id) => {
    acc.push(id);
    return acc;
  },
  merge: (a, b) => {
    a.push(...b);
    return a;
  },
  result: (acc) => [...acc].sort((x, y) => x - y),
};

const graceArb = fc.integer({ min: 0, max: 100 });
const windowsArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), graceArb)
    .map(([size, graceMs]) => TumblingWindows.of(size, { graceMs })),
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), graceArb)
    .map(([a, b, graceMs]) => HoppingWindows.of(Math.max(a, b), Math.min(a, b), { graceMs })),
  fc
    .tuple(fc.integer({ min: 1, max: 200 }), graceArb)
    .map(([gap, graceMs]) => SessionWindows.of(gap, { graceMs })),
  fc
    .tuple(fc.integer({ min: 1, max: 200 }), graceArb)
    .map(([size, graceMs]) => SlidingWindows.of(size, { graceMs })),
);

const watermarkArb: fc.Arbitrary<WatermarkOptions> = fc
  .record({
    maxOutOfOrdernessMs: fc.integer({ min: 0, max: 100 }),
    idleTimeoutMs: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constant(Number.POSITIVE_INFINITY)),
    idleAdvanceAfterMs: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
    eventTimePerProcessingMs: fc.constantFrom(0.5, 1, 3),
  })
  .map(({ idleAdvanceAfterMs, ...rest }) =>
    idleAdvanceAfterMs === undefined ? rest : { ...rest, idleAdvanceAfterMs },
  );

type Step =
  | { kind: 'tick'; dtMs: number }
  | { kind: 'events'; dtMs: number; events: { key: string; ts: number; partition: string }[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), dtMs: fc.integer({ min: 0, max: 800 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('events' as const),
      dtMs: fc.integer({ min: 0, max: 200 }),
      events: fc.array(
        fc.record({
          key: fc.constantFrom('a', 'b', 'c'),
          ts: fc.integer({ min: 0, max: 2_000 }),
          partition: fc.constantFrom('p0', 'p1', 'p2'),
        }),
        { maxLength: 6 },
      ),
    }),
  },
);

/** Turns generated steps into engine inputs with increasing processing time and unique ids/offsets. */
function toInputs(steps: Step[]): EngineInput<number>[] {
  let now = 0;
  let id = 0;
  return steps.map((s) => {
    now += s.dtMs;
    if (s.kind === 'tick') return { kind: 'tick', nowMs: now };
    const events: KeyedEvent<number>[] = s.events.map((e) => {
      id++;
      return { key: e.key, timestampMs: e.ts, partition: e.partition, value: id };
    });
    return { kind: 'events', events, nowMs: now };
  });
}

const runs = { numRuns: 300 };

describe('WindowEngine properties (fast-check, against a brute-force reference)', () => {
  it('finals, late events, watermark and open windows match the reference at every step', () => {
    fc.assert(
      fc.property(
        windowsArb,
        watermarkArb,
        fc.array(stepArb, { maxLength: 25 }),
        (windows, watermark, steps) => {
          const engine = new WindowEngine({ windows, aggregator: ids, watermark });
          const ref = new BruteForceReference(windows, watermark);
          for (const input of toInputs(steps)) {
            const out = engine.process(input);
            const want = ref.step(input);
            expect(out.results.map((r) => ({ key: r.key, ...r.window, ids: r.value }))).toEqual(want.results);
            expect(out.results.every((r) => r.final && r.count === r.value.length)).toBe(true);
            expect(out.late.map((l) => ({ id: l.event.value, windowEndMs: l.windowEndMs }))).toEqual(
              want.late,
            );
            expect(out.watermarkMs).toBe(want.watermarkMs);
            expect(out.openWindows).toBe(want.openWindows);
          }
        },
      ),
      runs,
    );
  });

  it('every event is aggregated into a final result or reported late, once everything closed', () => {
    fc.assert(
      fc.property(
        windowsArb,
        watermarkArb,
        fc.array(stepArb, { maxLength: 25 }),
        (windows, watermark, steps) => {
          const engine = new WindowEngine({
            windows,
            aggregator: ids,
            watermark: { ...watermark, idleAdvanceAfterMs: 0 },
          });
          const inputs = toInputs(steps);
          const seen = new Set<number>();
          const lateIds = new Set<number>();
          const last = inputs.at(-1)?.nowMs ?? 0;
          for (const input of [...inputs, { kind: 'tick' as const, nowMs: last + 1_000_000 }]) {
            const out = engine.process(input);
            for (const r of out.results) for (const i of r.value) seen.add(i);
            for (const l of out.late) lateIds.add(l.event.value);
          }
          const all = inputs.flatMap((i) => (i.kind === 'events' ? i.events.map((e) => e.value) : []));
          for (const i of all) expect(seen.has(i) !== lateIds.has(i)).toBe(true);
          expect(engine.openWindowCount).toBe(0);
          expect([...engine.stateKeys()]).toEqual([]);
        },
      ),
      runs,
    );
  });

  it('a snapshot taken at any step, restored from JSON, continues identically', () => {
    fc.assert(
      fc.property(
        windowsArb,
        watermarkArb,
        fc.array(stepArb, { maxLength: 25 }),
        fc.nat(),
        (windows, watermark, steps, cut) => {
          const inputs = toInputs(steps);
          const at = inputs.length === 0 ? 0 : cut % inputs.length;
          const spec = { windows, aggregator: ids, watermark };
          const original = new WindowEngine(spec);
          for (const input of inputs.slice(0, at)) original.process(input);
          const snap = JSON.parse(JSON.stringify(original.snapshot())) as EngineSnapshot;
          const restored = WindowEngine.restore(spec, snap, { rebaseProcessingTime: false });
          for (const input of inputs.slice(at)) {
            expect(restored.process(input)).toEqual(original.process(input));
          }
        },
      ),
      runs,
    );
  });

  it('the keys reported changed, rewritten after every step, keep a copy equal to the whole state', () => {
    fc.assert(
      fc.property(
        windowsArb,
        watermarkArb,
        fc.array(stepArb, { maxLength: 25 }),
        (windows, watermark, steps) => {
          const engine = new WindowEngine({ windows, aggregator: ids, watermark, trackChanges: true });
          // What a state store would hold: each key's state as written when it was last reported.
          const store = new Map<string, string>();
          for (const input of [...toInputs(steps), { kind: 'tick' as const, nowMs: 1e9 }]) {
            engine.process(input);
            for (const key of engine.takeChangedKeys()) {
              const state = engine.keySnapshot(key);
              if (state === undefined) store.delete(key);
              else store.set(key, JSON.stringify(state));
            }
            const whole = new Map(engine.snapshot().keys.map(([k, v]) => [k, JSON.stringify(v)]));
            expect(store).toEqual(whole);
          }
        },
      ),
      runs,
    );
  });

  it('early results do not change final results, and are throttled per key', () => {
    fc.assert(
      fc.property(
        windowsArb,
        watermarkArb,
        fc.array(stepArb, { maxLength: 25 }),
        fc.integer({ min: 0, max: 500 }),
        (windows, watermark, steps, everyMs) => {
          const plain = new WindowEngine({ windows, aggregator: ids, watermark });
          const early = new WindowEngine({ windows, aggregator: ids, watermark, emitEarlyEveryMs: everyMs });
          const lastEarlyAt = new Map<string, number>();
          for (const input of toInputs(steps)) {
            const a = plain.process(input);
            const b = early.process(input);
            expect(b.results.filter((r) => r.final)).toEqual(a.results);
            expect(b.late).toEqual(a.late);
            const earlyKeys = new Set(b.results.filter((r) => !r.final).map((r) => r.key));
            for (const key of earlyKeys) {
              const prev = lastEarlyAt.get(key);
              if (prev !== undefined) expect(input.nowMs - prev).toBeGreaterThanOrEqual(everyMs);
              lastEarlyAt.set(key, input.nowMs);
            }
          }
        },
      ),
      runs,
    );
  });
});
