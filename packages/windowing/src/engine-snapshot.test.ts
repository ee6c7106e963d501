import { describe, expect, it } from 'vitest';
import { combine, count, max, mean, min } from './aggregators';
import type { EngineSnapshot } from './engine-snapshot';
import { SnapshotError } from './errors';
import { HoppingWindows } from './hopping-windows';
import type { EngineInput } from './keyed-event';
import { SessionWindows } from './session-windows';
import { SlidingWindows } from './sliding-windows';
import { batch, ev, tick } from './test-support';
import { TumblingWindows } from './tumbling-windows';
import { WindowEngine, type WindowEngineSpec } from './window-engine';
import type { WindowSpec } from './window-spec';

const spec = (windows: WindowSpec) => ({
  windows,
  aggregator: combine({
    n: count<number>(),
    lo: min((v: number) => v),
    hi: max((v: number) => v),
    avg: mean((v: number) => v),
  }),
  watermark: { maxOutOfOrdernessMs: 20, idleTimeoutMs: 1_000, idleAdvanceAfterMs: 5_000 },
});

const before: EngineInput<number>[] = [
  batch(0, ev('a', 100, { value: 3 }), ev('b', 130, { value: 5, partition: 'p1' })),
  batch(10, ev('a', 140, { value: 7 }), ev('a', 95, { value: 1 })),
  batch(20, ev('b', 210, { value: 2, partition: 'p1' }), ev('a', 260, { value: 4 })),
];
const after: EngineInput<number>[] = [
  batch(30, ev('a', 250, { value: 6 }), ev('b', 150, { value: 8, partition: 'p1' })),
  tick(900),
  batch(2_000, ev('c', 400, { value: 9, partition: 'p1' })),
  tick(8_000),
];

const roundTrip = (snap: EngineSnapshot): EngineSnapshot =>
  JSON.parse(JSON.stringify(snap)) as EngineSnapshot;

describe('WindowEngine snapshot/restore', () => {
  it.each([
    ['tumbling', TumblingWindows.of(100, { graceMs: 30 })],
    ['hopping', HoppingWindows.of(100, 50, { graceMs: 30 })],
    ['session', SessionWindows.of(40, { graceMs: 30 })],
    ['sliding', SlidingWindows.of(60, { graceMs: 30 })],
  ] as const)('%s: a restored engine continues exactly like the original', (_, windows) => {
    const original = new WindowEngine(spec(windows));
    for (const input of before) original.process(input);
    const snap = roundTrip(original.snapshot());
    expect(snap.keys.length).toBeGreaterThan(0);
    const restored = WindowEngine.restore(spec(windows), snap);
    expect(restored.watermarkMs).toBe(original.watermarkMs);
    expect(restored.openWindowCount).toBe(original.openWindowCount);
    expect(restored.snapshot()).toEqual(snap);
    const expected = after.map((input) => original.process(input));
    const actual = after.map((input) => restored.process(input));
    expect(actual).toEqual(expected);
    expect(expected.flatMap((o) => o.results).length).toBeGreaterThan(0);
  });

  it('is deterministic: the same inputs give the same snapshot', () => {
    const a = new WindowEngine(spec(SlidingWindows.of(60)));
    const b = new WindowEngine(spec(SlidingWindows.of(60)));
    for (const input of before) {
      a.process(input);
      b.process(input);
    }
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
  });

  it('rejects a snapshot of another window spec or version with a typed error', () => {
    const engine = new WindowEngine(spec(TumblingWindows.of(100)));
    engine.process(before[0]!);
    const snap = engine.snapshot();
    const other: WindowEngineSpec<number, unknown, unknown> = spec(TumblingWindows.of(200));
    expect(() => WindowEngine.restore(other, snap)).toThrow(SnapshotError);
    expect(() => WindowEngine.restore(spec(HoppingWindows.of(100, 100)), snap)).toThrow(/windows.kind/);
    expect(() => WindowEngine.restore(spec(TumblingWindows.of(100)), { ...snap, version: 1 as 2 })).toThrow(
      /version/,
    );
    expect(() =>
      WindowEngine.restore(spec(TumblingWindows.of(100)), {
        ...snap,
        keys: [['a', null]],
      } as unknown as EngineSnapshot),
    ).toThrow(SnapshotError);
  });
});

describe('WindowEngine snapshot of assigned partitions that have not delivered yet', () => {
  it('keeps them holding the watermark back after a restore (issue: p1@200 counted late)', () => {
    const tumbling = {
      windows: TumblingWindows.of(1_000),
      aggregator: count<number>(),
      watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 60_000 },
    };
    const original = new WindowEngine(tumbling);
    original.process({ kind: 'assign', partitions: ['p0', 'p1'], nowMs: 0 });
    original.process(batch(1, ev('a', 100, {}), ev('a', 5_000, {})));
    const restored = WindowEngine.restore(
      tumbling,
      JSON.parse(JSON.stringify(original.snapshot())) as EngineSnapshot,
      { rebaseProcessingTime: false },
    );
    const outs = [
      restored.process(batch(2, ev('a', 6_000, {}))),
      restored.process(batch(3, ev('a', 200, { partition: 'p1' }))),
    ];
    expect(outs.flatMap((o) => o.late)).toEqual([]);
    const later = [restored.process(tick(120_000)), restored.process(tick(240_000))];
    const results = [...outs, ...later].flatMap((o) => o.results);
    const first = results.find((r) => r.window.startMs === 0 && r.final);
    expect(first?.count).toBe(2);
  });
});
