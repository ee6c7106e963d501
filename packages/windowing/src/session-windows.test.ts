import { describe, expect, it } from 'vitest';
import { sum } from './aggregators';
import type { EngineOutput } from './engine-output';
import { WindowSpecError } from './errors';
import { SessionWindows } from './session-windows';
import { batch, ev, tick } from './test-support';
import { WindowEngine } from './window-engine';

const view = (out: EngineOutput<number, number>): string[] =>
  out.results.map(
    (r) => `${r.key}@${r.window.startMs}-${r.window.endMs}=${r.value}/${r.count}${r.final ? '' : '~'}`,
  );

const engine = (gapMs: number, graceMs = 0, emitEarlyEveryMs?: number) =>
  new WindowEngine({
    windows: SessionWindows.of(gapMs, { graceMs }),
    aggregator: sum((v: number) => v),
    watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: Number.POSITIVE_INFINITY },
    ...(emitEarlyEveryMs === undefined ? {} : { emitEarlyEveryMs }),
  });

describe('SessionWindows', () => {
  it('gives each event the proto-window [t, t + gap)', () => {
    expect(SessionWindows.of(30).windowsFor(100)).toEqual([{ startMs: 100, endMs: 130 }]);
    expect(() => SessionWindows.of(0)).toThrow(WindowSpecError);
  });

  it('groups events less than gapMs apart and closes the session gapMs after its last event', () => {
    const e = engine(30);
    expect(view(e.process(batch(0, ev('a', 100), ev('a', 120), ev('a', 149))))).toEqual([]);
    expect(e.openWindowCount).toBe(1);
    // 179 = 149 + 30 - 1: still open; 180 starts a new session and closes the first.
    expect(view(e.process(batch(1, ev('b', 178))))).toEqual([]);
    expect(view(e.process(batch(2, ev('a', 180, { value: 5 }))))).toEqual(['a@100-179=3/3']);
    expect(view(e.process(batch(3, ev('b', 1_000))))).toEqual(['b@178-208=1/1', 'a@180-210=5/1']);
  });

  it('merges two sessions that an out-of-order event bridges', () => {
    const e = engine(30, 100);
    e.process(batch(0, ev('a', 100, { value: 1 }), ev('a', 150, { value: 2 })));
    expect(e.openWindowCount).toBe(2);
    e.process(batch(1, ev('a', 125, { value: 4 })));
    expect(e.openWindowCount).toBe(1);
    expect(e.keySnapshot('a')).toEqual([[[100, 180, 3, 7]]]);
    expect(view(e.process(tick(2)))).toEqual([]);
    expect(view(e.process(batch(3, ev('z', 280))))).toEqual(['a@100-180=7/3']);
  });

  it('extends a session backwards with an earlier event', () => {
    const e = engine(30);
    e.process(batch(0, ev('a', 100), ev('a', 75)));
    expect(view(e.process(batch(1, ev('z', 500))))).toEqual(['a@75-130=2/2']);
  });

  it('joins a late-looking event to an open session it overlaps, and reports a lone one late', () => {
    const e = engine(30);
    e.process(batch(0, ev('a', 100), ev('b', 140)));
    // watermark 140; 'a' session [100,130) closed at 140? 130 <= 140: yes, it is final.
    const lone = ev('a', 105);
    const joins = ev('b', 115);
    const out = e.process(batch(1, lone, joins));
    expect(out.late.map((l) => [l.event, l.windowEndMs])).toEqual([[lone, 135]]);
    expect(view(e.process(batch(2, ev('z', 500))))).toEqual(['b@115-170=2/2']);
  });

  it('emits early results for the session as it grows', () => {
    const e = engine(30, 0, 0);
    expect(view(e.process(batch(0, ev('a', 100))))).toEqual(['a@100-130=1/1~']);
    expect(view(e.process(batch(1, ev('a', 110))))).toEqual(['a@100-140=2/2~']);
  });

  it('keeps sessions of different keys apart', () => {
    const e = engine(30);
    e.process(batch(0, ev('a', 100), ev('b', 110)));
    expect(e.openWindowCount).toBe(2);
  });
});
