import { Observable, type OperatorFunction } from 'rxjs';
import type { EngineOutput } from './engine-output';
import type { EngineInput } from './keyed-event';
import { WindowEngine, type WindowEngineSpec } from './window-engine';

/**
 * The RxJS operator around {@link WindowEngine}: one {@link EngineOutput} per {@link EngineInput},
 * synchronously, in order. Windows are driven by event time and the inputs' `nowMs` only — never by
 * a scheduler — so virtual-time tests and replays behave exactly like production.
 *
 * Pass a spec to get a fresh engine per subscription, or an engine you keep to call
 * `lowWaterOffsets()` and `snapshot()` on it (one subscription at a time then).
 * An error thrown by the aggregator is delivered as the stream's error.
 *
 * @example
 * ```ts
 * inputs$.pipe(eventTimeWindows({ windows: TumblingWindows.of(60_000), aggregator: count(),
 *   watermark: { maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 30_000 } }));
 * ```
 */
export function eventTimeWindows<E, A, R>(
  spec: WindowEngineSpec<E, A, R>,
): OperatorFunction<EngineInput<E>, EngineOutput<E, R>>;
export function eventTimeWindows<E, A, R>(
  engine: WindowEngine<E, A, R>,
): OperatorFunction<EngineInput<E>, EngineOutput<E, R>>;
export function eventTimeWindows<E, A, R>(
  specOrEngine: WindowEngineSpec<E, A, R> | WindowEngine<E, A, R>,
): OperatorFunction<EngineInput<E>, EngineOutput<E, R>> {
  return (source) =>
    new Observable<EngineOutput<E, R>>((subscriber) => {
      const engine = specOrEngine instanceof WindowEngine ? specOrEngine : new WindowEngine(specOrEngine);
      return source.subscribe({
        next: (input) => {
          let output: EngineOutput<E, R>;
          try {
            output = engine.process(input);
          } catch (err: unknown) {
            subscriber.error(err);
            return;
          }
          subscriber.next(output);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
