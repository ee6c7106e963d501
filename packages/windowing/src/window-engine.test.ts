import { describe, expect, it } from 'vitest';
import type { Aggregator } from './aggregator';
import { count, sum } from './aggregators';
import type { EngineOutput } from './engine-output';
import { WindowSpecError } from './errors';
import { HoppingWindows } from './hopping-windows';
import { batch, ev, tick } from './test-support';
import { TumblingWindows } from './tumbling-windows';
import type { WatermarkOptions } from './watermark-options';
import { WindowEngine } from './window-engine';
import type { WindowSpec } from './window-spec';

const strict: WatermarkOptions = { maxOutOfOrdernessMs: 0, idleTimeoutMs: Number.POSITIVE_INFINITY };

function engine(windows: WindowSpec, watermark: WatermarkOptions = strict, emitEarlyEveryMs?: number) {
  return new WindowEngine({
    windows,
    aggregator: sum((v: number) => v),
    watermark,
    ...(emitEarlyEveryMs === undefined ? {} : { emitEarlyEveryMs }),
  });
}

/** Compact view of results: `key@start-end=value` (with `~` for early results). */
const view = (out: EngineOutput<number, number>): string[] =>
  out.results.map((r) => `${r.key}@${r.window.startMs}-${r.window.endMs}=${r.value}${r.final ? '' : '~'}`);

describe('WindowEngine, tumbling windows', () => {
  it('emits a window once, as final, when the watermark reaches its end, and releases it', () => {
    const e = engine(TumblingWindows.of(100));
    let out = e.process(batch(0, ev('a', 10), ev('a', 20, { value: 2 }), ev('a', 99, { value: 3 })));
    expect(view(out)).toEqual([]);
    expect(out.openWindows).toBe(1);
    expect(out.watermarkMs).toBe(99);
    out = e.process(batch(1, ev('a', 100, { value: 4 })));
    expect(view(out)).toEqual(['a@0-100=6']);
    expect(out.results[0]!.count).toBe(3);
    expect(out.openWindows).toBe(1);
    out = e.process(batch(2, ev('a', 150)));
    expect(view(out)).toEqual([]);
    expect(e.openWindowCount).toBe(1);
  });

  it('starts with watermark -Infinity and emits nothing for a tick before any event', () => {
    const e = engine(TumblingWindows.of(100));
    expect(e.watermarkMs).toBe(Number.NEGATIVE_INFINITY);
    const out = e.process(tick(1_000));
    expect(out).toEqual({ results: [], late: [], invalid: [], watermarkMs: -Infinity, openWindows: 0 });
  });

  it('holds a window open for graceMs and aggregates out-of-order events within grace', () => {
    const e = engine(TumblingWindows.of(100, { graceMs: 50 }));
    e.process(batch(0, ev('a', 10)));
    let out = e.process(batch(1, ev('a', 120)));
    expect(view(out)).toEqual([]);
    out = e.process(batch(2, ev('a', 90, { value: 5 })));
    expect(out.late).toEqual([]);
    out = e.process(batch(3, ev('a', 149)));
    expect(view(out)).toEqual([]);
    out = e.process(batch(4, ev('a', 150)));
    expect(view(out)).toEqual(['a@0-100=6']);
  });

  it('reports an event whose window is final as late, with its window end and the watermark, and does not aggregate it', () => {
    const e = engine(TumblingWindows.of(100));
    e.process(batch(0, ev('a', 10), ev('a', 250)));
    const late = ev('a', 20, { value: 100 });
    const out = e.process(batch(1, late, ev('a', 260)));
    expect(out.late).toEqual([{ event: late, windowEndMs: 100, watermarkMs: 250 }]);
    e.process(batch(2, ev('a', 300)));
    expect(view(e.process(batch(3, ev('a', 400))))).toEqual(['a@300-400=1']);
  });

  it('judges lateness against the watermark before the batch (one watermark step per input)', () => {
    const e = engine(TumblingWindows.of(100));
    // 250 then 20 in one batch: 20 is on time because the watermark moves after the batch.
    const out = e.process(batch(0, ev('a', 250), ev('a', 20)));
    expect(out.late).toEqual([]);
    expect(view(out)).toEqual(['a@0-100=1']);
  });

  it('tolerates bounded out-of-orderness', () => {
    const e = engine(TumblingWindows.of(100), { maxOutOfOrdernessMs: 30, idleTimeoutMs: Infinity });
    let out = e.process(batch(0, ev('a', 10), ev('a', 120)));
    expect(out.watermarkMs).toBe(90);
    expect(view(out)).toEqual([]);
    out = e.process(batch(1, ev('a', 95)));
    expect(out.late).toEqual([]);
    out = e.process(batch(2, ev('a', 130)));
    expect(view(out)).toEqual(['a@0-100=2']);
  });

  it('orders results by window end, then key, deterministically', () => {
    const e = engine(TumblingWindows.of(100));
    const out = e.process(
      batch(0, ev('b', 150), ev('c', 50), ev('a', 160), ev('b', 10), ev('a', 5), ev('z', 500)),
    );
    expect(view(out)).toEqual(['a@0-100=1', 'b@0-100=1', 'c@0-100=1', 'a@100-200=1', 'b@100-200=1']);
  });

  it('keeps keys independent', () => {
    const e = engine(TumblingWindows.of(100));
    e.process(batch(0, ev('a', 10, { value: 1 }), ev('b', 10, { value: 10 }), ev('a', 20, { value: 2 })));
    expect(view(e.process(batch(1, ev('c', 100))))).toEqual(['a@0-100=3', 'b@0-100=10']);
  });

  it('returns events with a non-finite timestamp as invalid without touching the watermark', () => {
    const e = engine(TumblingWindows.of(100));
    const bad = ev('a', Number.NaN);
    const out = e.process(batch(0, bad, ev('a', 10)));
    expect(out.invalid).toEqual([bad]);
    expect(out.watermarkMs).toBe(10);
  });

  // Issue 9 item 8: a finite time above 2^53 hung the walk over an event's aligned windows, because
  // adding the advance no longer changed the double.
  it('returns events beyond the date range as invalid instead of hanging on them', () => {
    for (const windows of [TumblingWindows.of(100), HoppingWindows.of(100, 10)]) {
      const e = engine(windows);
      const beyond = [ev('a', 2 ** 53 + 2), ev('a', -(2 ** 60)), ev('a', 1e300), ev('a', 8.64e15 + 1)];
      const out = e.process(batch(0, ...beyond, ev('a', 8.64e15)));
      expect(out.invalid).toEqual(beyond);
      expect(out.watermarkMs).toBe(8.64e15);
      expect(out.openWindows).toBe(windows.kind === 'tumbling' ? 1 : 10);
    }
  });

  it('never moves the watermark back', () => {
    const e = engine(TumblingWindows.of(100));
    e.process(batch(0, ev('a', 500)));
    expect(e.process(batch(1, ev('a', 100))).watermarkMs).toBe(500);
  });

  it('runs a user-defined aggregator', () => {
    const distinct: Aggregator<string, Set<string>, string[]> = {
      init: () => new Set(),
      add: (acc, v) => acc.add(v),
      merge: (a, b) => {
        for (const v of b) a.add(v);
        return a;
      },
      result: (acc) => [...acc].sort(),
    };
    const e = new WindowEngine({ windows: TumblingWindows.of(100), aggregator: distinct, watermark: strict });
    const p = (key: string, timestampMs: number, value: string) => ({
      key,
      timestampMs,
      partition: 'p',
      value,
    });
    e.process({ kind: 'events', nowMs: 0, events: [p('a', 1, 'x'), p('a', 2, 'y'), p('a', 3, 'x')] });
    const out = e.process({ kind: 'events', nowMs: 1, events: [p('a', 100, 'z')] });
    expect(out.results.map((r) => r.value)).toEqual([['x', 'y']]);
  });

  it('validates its options with typed errors', () => {
    expect(() => engine(TumblingWindows.of(100), { maxOutOfOrdernessMs: -1, idleTimeoutMs: 10 })).toThrow(
      WindowSpecError,
    );
    expect(() => engine(TumblingWindows.of(100), { maxOutOfOrdernessMs: 0, idleTimeoutMs: 0 })).toThrow(
      /watermark.idleTimeoutMs/,
    );
    expect(() =>
      engine(TumblingWindows.of(100), { ...strict, idleAdvanceAfterMs: 10, eventTimePerProcessingMs: 0 }),
    ).toThrow(/eventTimePerProcessingMs/);
    expect(() => engine(TumblingWindows.of(100), strict, -1)).toThrow(/emitEarlyEveryMs/);
  });
});

describe('WindowEngine, watermarks across partitions', () => {
  const opts: WatermarkOptions = { maxOutOfOrdernessMs: 0, idleTimeoutMs: 1_000 };

  it('takes the minimum over active partitions', () => {
    const e = engine(TumblingWindows.of(100), opts);
    const out = e.process(batch(0, ev('a', 500, { partition: 'p0' }), ev('b', 50, { partition: 'p1' })));
    expect(out.watermarkMs).toBe(50);
    expect(view(out)).toEqual([]);
  });

  it('stops waiting for an idle partition after idleTimeoutMs, on a tick', () => {
    const e = engine(TumblingWindows.of(100), opts);
    e.process(batch(0, ev('a', 10, { partition: 'p0' }), ev('b', 20, { partition: 'p1' })));
    e.process(batch(500, ev('a', 300, { partition: 'p0' })));
    expect(e.process(tick(999)).watermarkMs).toBe(20);
    const out = e.process(tick(1_000));
    expect(out.watermarkMs).toBe(300);
    expect(view(out)).toEqual(['a@0-100=1', 'b@0-100=1']);
  });

  it('uses the maximum over partitions when all are idle', () => {
    const e = engine(TumblingWindows.of(100), opts);
    e.process(batch(0, ev('a', 400, { partition: 'p0' }), ev('b', 20, { partition: 'p1' })));
    expect(e.process(tick(1_000)).watermarkMs).toBe(400);
  });

  it('keeps the watermark when an idle partition comes back behind it; its old events are late', () => {
    const e = engine(TumblingWindows.of(100), opts);
    e.process(batch(0, ev('a', 10, { partition: 'p0' }), ev('b', 20, { partition: 'p1' })));
    e.process(batch(900, ev('a', 300, { partition: 'p0' })));
    e.process(tick(1_000));
    const back = ev('b', 30, { partition: 'p1' });
    const out = e.process(batch(1_100, back));
    expect(out.watermarkMs).toBe(300);
    expect(out.late.map((l) => l.event)).toEqual([back]);
  });

  it('advances with processing time once no partition sent anything for idleAdvanceAfterMs', () => {
    const e = engine(TumblingWindows.of(100), { ...opts, idleAdvanceAfterMs: 5_000 });
    e.process(batch(0, ev('a', 10)));
    expect(e.process(tick(4_999)).watermarkMs).toBe(10);
    const out = e.process(tick(5_000));
    expect(out.watermarkMs).toBe(5_010);
    expect(view(out)).toEqual(['a@0-100=1']);
    expect(e.process(tick(6_000)).watermarkMs).toBe(6_010);
  });

  it('scales the fallback by eventTimePerProcessingMs', () => {
    const e = engine(TumblingWindows.of(100), {
      ...opts,
      idleAdvanceAfterMs: 100,
      eventTimePerProcessingMs: 10,
    });
    e.process(batch(0, ev('a', 10)));
    expect(e.process(tick(100)).watermarkMs).toBe(1_010);
  });

  it('does not use the fallback while some partition is still sending', () => {
    const e = engine(TumblingWindows.of(100), { ...opts, idleAdvanceAfterMs: 100 });
    e.process(batch(0, ev('a', 10)));
    e.process(batch(90, ev('a', 11)));
    expect(e.process(tick(150)).watermarkMs).toBe(11);
  });
});

describe('WindowEngine, hopping windows', () => {
  it('aggregates an event into every window that contains it and closes them in end order', () => {
    const e = engine(HoppingWindows.of(300, 100));
    e.process(batch(0, ev('a', 250)));
    expect(e.openWindowCount).toBe(3);
    expect(view(e.process(batch(1, ev('b', 600))))).toEqual(['a@0-300=1', 'a@100-400=1', 'a@200-500=1']);
  });

  it('aggregates an event that is late for some windows into the open ones, and reports it late for none', () => {
    const e = engine(HoppingWindows.of(300, 100));
    e.process(batch(0, ev('a', 110), ev('b', 350)));
    // watermark 350: [0,300) is final; 250 still belongs to open [100,400) and [200,500).
    const out = e.process(batch(1, ev('a', 250, { value: 10 })));
    expect(out.late).toEqual([]);
    expect(view(e.process(batch(2, ev('b', 1_000))))).toEqual([
      'a@100-400=11',
      'b@100-400=1',
      'a@200-500=10',
      'b@200-500=1',
      'b@300-600=1',
    ]);
  });

  it('reports an event late when all its windows are final', () => {
    const e = engine(HoppingWindows.of(300, 100));
    e.process(batch(0, ev('a', 900)));
    const out = e.process(batch(1, ev('a', 550)));
    expect(out.late.map((l) => l.windowEndMs)).toEqual([800]);
  });
});

describe('WindowEngine, change tracking', () => {
  const tracked = () =>
    new WindowEngine({
      windows: TumblingWindows.of(100),
      aggregator: count<number>(),
      watermark: { maxOutOfOrdernessMs: 0, idleTimeoutMs: 10_000 },
      trackChanges: true,
    });

  it('reports the keys whose windows opened, aggregated or closed since the last call, once', () => {
    const e = tracked();
    e.process(batch(0, ev('a', 10), ev('b', 20), ev('a', 30)));
    expect(e.takeChangedKeys().sort()).toEqual(['a', 'b']);
    expect(e.takeChangedKeys()).toEqual([]);
    e.process(batch(1, ev('c', 150)));
    // [0,100) closed: a and b lost their only window, c opened one.
    expect(e.takeChangedKeys().sort()).toEqual(['a', 'b', 'c']);
    expect(e.keySnapshot('a')).toBeUndefined();
    expect(e.keySnapshot('c')).toEqual([[[100, 200, 1, 1]]]);
    e.process(tick(2));
    expect(e.takeChangedKeys()).toEqual([]);
  });

  it('does not report keys of late events, and reports nothing unless asked to track', () => {
    const e = tracked();
    e.process(batch(0, ev('a', 500)));
    e.takeChangedKeys();
    e.process(batch(1, ev('b', 5)));
    expect(e.takeChangedKeys()).toEqual([]);
    const untracked = engine(TumblingWindows.of(100));
    untracked.process(batch(0, ev('a', 500)));
    expect(untracked.takeChangedKeys()).toEqual([]);
  });
});

describe('WindowEngine, early results', () => {
  it('emits updating results at most once per key per emitEarlyEveryMs, then one final', () => {
    const e = engine(TumblingWindows.of(100), strict, 1_000);
    expect(view(e.process(batch(0, ev('a', 10))))).toEqual(['a@0-100=1~']);
    expect(view(e.process(batch(500, ev('a', 20))))).toEqual([]);
    expect(view(e.process(tick(999)))).toEqual([]);
    expect(view(e.process(tick(1_000)))).toEqual(['a@0-100=2~']);
    expect(view(e.process(tick(3_000)))).toEqual([]);
    expect(view(e.process(batch(3_001, ev('a', 100))))).toEqual(['a@0-100=2', 'a@100-200=1~']);
  });

  it('throttles per key, not globally', () => {
    const e = engine(TumblingWindows.of(100), strict, 1_000);
    e.process(batch(0, ev('a', 10)));
    expect(view(e.process(batch(10, ev('b', 10), ev('a', 11))))).toEqual(['b@0-100=1~']);
  });

  it('with 0 emits every change on the input that made it', () => {
    const e = engine(HoppingWindows.of(200, 100), strict, 0);
    expect(view(e.process(batch(0, ev('a', 150))))).toEqual(['a@0-200=1~', 'a@100-300=1~']);
    expect(view(e.process(batch(0, ev('a', 160))))).toEqual(['a@0-200=2~', 'a@100-300=2~']);
  });
});

describe('WindowEngine with count()', () => {
  it('counts per key and window', () => {
    const e = new WindowEngine({
      windows: TumblingWindows.of(10),
      aggregator: count<number>(),
      watermark: strict,
    });
    const first = e.process(batch(0, ev('a', 1), ev('a', 2), ev('a', 12)));
    const second = e.process(batch(1, ev('a', 30)));
    expect([...first.results, ...second.results].map((r) => [r.window.startMs, r.value, r.count])).toEqual([
      [0, 2, 2],
      [10, 1, 1],
    ]);
  });
});
