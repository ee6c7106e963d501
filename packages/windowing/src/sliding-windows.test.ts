import { describe, expect, it } from 'vitest';
import { sum } from './aggregators';
import type { EngineOutput } from './engine-output';
import { SlidingWindows } from './sliding-windows';
import { batch, ev } from './test-support';
import { WindowEngine } from './window-engine';

const view = (out: EngineOutput<number, number>): string[] =>
  out.results.map((r) => `${r.key}@${r.window.startMs}-${r.window.endMs}=${r.value}${r.final ? '' : '~'}`);

const engine = (sizeMs: number, graceMs = 0) =>
  new WindowEngine({
    windows: SlidingWindows.of(sizeMs, { graceMs }),
    aggregator: sum((v: number) => v),
    watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: Number.POSITIVE_INFINITY },
  });

describe('SlidingWindows', () => {
  it('defines a window ending with each event and one starting right after it', () => {
    expect(SlidingWindows.of(10).windowsFor(100)).toEqual([
      { startMs: 91, endMs: 101 },
      { startMs: 101, endMs: 111 },
    ]);
  });

  it('emits one window per distinct set of events less than sizeMs apart', () => {
    const e = engine(10);
    const first = e.process(
      batch(0, ev('a', 100, { value: 1 }), ev('a', 105, { value: 2 }), ev('a', 112, { value: 4 })),
    );
    const second = e.process(batch(1, ev('z', 1_000)));
    expect([...view(first), ...view(second)]).toEqual([
      'a@91-101=1', // ends with 100
      'a@96-106=3', // ends with 105: {100, 105}
      'a@101-111=2', // after 100: {105}
      'a@103-113=6', // ends with 112: {105, 112}
      'a@106-116=4', // after 105: {112}
    ]);
    // The windows after 112 and after z's event are empty: never emitted.
  });

  // Issue 9 item 8: with fractional times, events 1.2 and 10.7 produced the window [1.7, 11.7)
  // counting both, although 1.2 lies outside it. Event times are whole milliseconds.
  it('returns events with a fractional timestamp as invalid, so no window holds an event outside it', () => {
    const e = engine(10);
    const a = ev('a', 1.2);
    const b = ev('a', 10.7);
    const out = e.process(batch(0, a, b, ev('a', 5)));
    expect(out.invalid).toEqual([a, b]);
    expect([...view(out), ...view(e.process(batch(1, ev('z', 1_000))))]).toEqual(['a@-4-6=1']);
  });

  it('treats events exactly sizeMs apart as sharing no window', () => {
    const e = engine(10);
    const first = e.process(batch(0, ev('a', 100), ev('a', 110)));
    const second = e.process(batch(1, ev('z', 1_000)));
    expect([...view(first), ...view(second)]).toEqual(['a@91-101=1', 'a@101-111=1']);
  });

  it('adds an out-of-order event to the open windows that contain it and builds its own', () => {
    const e = engine(10, 20);
    e.process(batch(0, ev('a', 100, { value: 1 }), ev('a', 110, { value: 2 })));
    e.process(batch(1, ev('a', 105, { value: 4 })));
    expect(view(e.process(batch(2, ev('z', 1_000))))).toEqual([
      'a@91-101=1',
      'a@96-106=5',
      'a@101-111=6',
      'a@106-116=2',
    ]);
  });

  it('reports an event late when the window ending with it is final and no open window holds it', () => {
    const e = engine(10);
    e.process(batch(0, ev('a', 100)));
    // [82,92) is final, but the open [91,101) holds 91.
    expect(e.process(batch(1, ev('a', 91))).late).toEqual([]);
    const late = ev('a', 90);
    expect(e.process(batch(2, late)).late).toEqual([{ event: late, windowEndMs: 91, watermarkMs: 100 }]);
  });

  it('does not accept an event that no window would ever count (found by the property test)', () => {
    const e = engine(2, 12);
    e.process(batch(0, ev('a', 1503)));
    // 1490 + 2 + 12 > 1503, yet its own window [1489,1491) is final and no open window holds it.
    const out = e.process(batch(1, ev('a', 1490)));
    expect(out.late.map((l) => l.event.timestampMs)).toEqual([1490]);
  });

  it('releases retained events and key state once every window closed', () => {
    const e = engine(10);
    e.process(batch(0, ev('a', 100), ev('a', 104)));
    expect(e.keySnapshot('a')?.[1]?.map(([ts]) => ts)).toEqual([100, 104]);
    e.process(batch(1, ev('b', 5_000)));
    expect([...e.stateKeys()]).toEqual(['b']);
    expect(e.keySnapshot('a')).toBeUndefined();
    expect(e.openWindowCount).toBe(2);
  });
});
