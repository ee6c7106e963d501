import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { sum } from './aggregators';
import type { EngineOutput } from './engine-output';
import { eventTimeWindows } from './event-time-windows';
import { HoppingWindows } from './hopping-windows';
import type { EngineInput } from './keyed-event';
import { batch, ev, tick } from './test-support';
import { TumblingWindows } from './tumbling-windows';
import type { WatermarkOptions } from './watermark-options';
import { WindowEngine } from './window-engine';
import type { WindowSpec } from './window-spec';

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** What a marble compares: final results, early results (`~`), late events (`late:key@ts`) and the watermark. */
const summary = (out: EngineOutput<number, number>) => ({
  out: [
    ...out.results.map(
      (r) => `${r.key}@${r.window.startMs}-${r.window.endMs}=${r.value}${r.final ? '' : '~'}`,
    ),
    ...out.late.map((l) => `late:${l.event.key}@${l.event.timestampMs}`),
  ],
  wm: out.watermarkMs,
});

const windowed =
  (windows: WindowSpec, watermark: WatermarkOptions, emitEarlyEveryMs?: number) =>
  (source: Observable<EngineInput<number>>) =>
    source.pipe(
      eventTimeWindows({
        windows,
        aggregator: sum((v: number) => v),
        watermark,
        ...(emitEarlyEveryMs === undefined ? {} : { emitEarlyEveryMs }),
      }),
      map(summary),
    );

const inOrder: WatermarkOptions = { maxOutOfOrdernessMs: 0, idleTimeoutMs: 1_000 };

describe('eventTimeWindows (marbles)', () => {
  it('tumbling: one output per input, the final result when the watermark passes the end', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c-|', {
        a: batch(0, ev('x', 10), ev('x', 40, { value: 2 })),
        b: batch(1, ev('x', 99)),
        c: batch(2, ev('x', 100)),
      });
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100), inOrder))).toBe('a-b-c-|', {
        a: { out: [], wm: 40 },
        b: { out: [], wm: 99 },
        c: { out: ['x@0-100=4'], wm: 100 },
      });
    });
  });

  it('hopping: every window of an event closes in end order', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a--b--c|', {
        a: batch(0, ev('x', 150)),
        b: batch(1, ev('x', 210)),
        c: batch(2, ev('x', 400)),
      });
      expectObservable(inputs.pipe(windowed(HoppingWindows.of(200, 100), inOrder))).toBe('a--b--c|', {
        a: { out: [], wm: 150 },
        b: { out: ['x@0-200=1'], wm: 210 },
        c: { out: ['x@100-300=2', 'x@200-400=1'], wm: 400 },
      });
    });
  });

  it('watermark: held back by the slowest active partition, advanced by idleness on ticks', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c-d|', {
        a: batch(0, ev('x', 10, { partition: 'p0' }), ev('y', 20, { partition: 'p1' })),
        b: batch(600, ev('x', 250, { partition: 'p0' })),
        c: tick(999),
        d: tick(1_000),
      });
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100), inOrder))).toBe('a-b-c-d|', {
        a: { out: [], wm: 10 },
        b: { out: [], wm: 20 },
        c: { out: [], wm: 20 },
        d: { out: ['x@0-100=1', 'y@0-100=1'], wm: 250 },
      });
    });
  });

  it('assignment: an assigned partition that has not delivered yet keeps the others from making it late', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c-d|', {
        a: { kind: 'assign', partitions: ['p0', 'p1'], nowMs: 0 } as const,
        b: batch(10, ev('x', 450, { partition: 'p1' })),
        c: batch(20, ev('y', 30, { partition: 'p0' })),
        d: tick(1_020),
      });
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100), inOrder))).toBe('a-b-c-d|', {
        a: { out: [], wm: Number.NEGATIVE_INFINITY },
        // Without the assignment, p1 alone would have moved the watermark to 450 and y@30 would be late.
        b: { out: [], wm: Number.NEGATIVE_INFINITY },
        c: { out: [], wm: 30 },
        // Both partitions idle: the watermark is the highest of them, and y's window closes on time.
        d: { out: ['y@0-100=1'], wm: 450 },
      });
    });
  });

  it('processing-time fallback closes windows of a stream that went quiet', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c|', { a: batch(0, ev('x', 10)), b: tick(59_999), c: tick(60_000) });
      const spec = { ...inOrder, idleAdvanceAfterMs: 60_000 };
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100), spec))).toBe('a-b-c|', {
        a: { out: [], wm: 10 },
        b: { out: [], wm: 10 },
        c: { out: ['x@0-100=1'], wm: 60_010 },
      });
    });
  });

  it('grace keeps a window open past its end; then the result is final and later events are late', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c-d|', {
        a: batch(0, ev('x', 10)),
        b: batch(1, ev('x', 130), ev('x', 90, { value: 5 })),
        c: batch(2, ev('x', 150)),
        d: batch(3, ev('x', 95, { value: 7 })),
      });
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100, { graceMs: 50 }), inOrder))).toBe(
        'a-b-c-d|',
        {
          a: { out: [], wm: 10 },
          b: { out: [], wm: 130 },
          c: { out: ['x@0-100=6'], wm: 150 },
          d: { out: ['late:x@95'], wm: 150 },
        },
      );
    });
  });

  it('early results are throttled per key in processing time, then the final one follows', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a-b-c-d|', {
        a: batch(0, ev('x', 10)),
        b: batch(100, ev('x', 20)),
        c: tick(1_000),
        d: batch(1_001, ev('x', 100)),
      });
      expectObservable(inputs.pipe(windowed(TumblingWindows.of(100), inOrder, 1_000))).toBe('a-b-c-d|', {
        a: { out: ['x@0-100=1~'], wm: 10 },
        b: { out: [], wm: 20 },
        c: { out: ['x@0-100=2~'], wm: 20 },
        // x's last early batch was at 1_000: the new window's early result waits for the throttle.
        d: { out: ['x@0-100=2'], wm: 100 },
      });
    });
  });

  it('propagates errors of the source and of the aggregator', () => {
    newScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      const failing = cold<EngineInput<number>>('a#', { a: batch(0, ev('x', 1)) }, boom).pipe(
        eventTimeWindows({
          windows: TumblingWindows.of(100),
          aggregator: {
            init: () => 0,
            add: () => {
              throw boom;
            },
            merge: (a: number) => a,
            result: (a: number) => a,
          },
          watermark: inOrder,
        }),
      );
      expectObservable(failing).toBe('#', undefined, boom);
      const sourceError = cold<EngineInput<number>>('a#', { a: tick(0) }, boom).pipe(
        windowed(TumblingWindows.of(100), inOrder),
      );
      expectObservable(sourceError).toBe('a#', { a: { out: [], wm: -Infinity } }, boom);
    });
  });

  it('accepts an engine the caller keeps, for its changes and snapshots', () => {
    const engine = new WindowEngine({
      windows: TumblingWindows.of(100),
      aggregator: sum((v: number) => v),
      watermark: inOrder,
      trackChanges: true,
    });
    newScheduler().run(({ cold, expectObservable }) => {
      const inputs = cold('a|', { a: batch(0, ev('x', 10, { value: 7 })) });
      expectObservable(
        inputs.pipe(
          eventTimeWindows(engine),
          map((o) => o.openWindows),
        ),
      ).toBe('a|', { a: 1 });
    });
    expect(engine.takeChangedKeys()).toEqual(['x']);
    expect(engine.keySnapshot('x')).toEqual([[[0, 100, 1, 7]]]);
  });
});
