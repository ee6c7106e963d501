import { Subject, type OperatorFunction } from 'rxjs';

/** An RxJS operator driven one input at a time, returning the output it emitted for that input. */
export interface SyncStage<I, O> {
  push(input: I): O;
  complete(): void;
}

/**
 * Runs an operator that emits exactly one output per input synchronously (as the windowing
 * operator does) inside an imperative loop, such as a Kafka batch handler that must know the outputs
 * of a batch before it commits the batch's offsets.
 *
 * @throws Error if the operator did not emit for an input, or re-throws the operator's error.
 */
export function syncStage<I, O>(operator: OperatorFunction<I, O>): SyncStage<I, O> {
  const input$ = new Subject<I>();
  // Mutated by the subscription callbacks; a holder keeps TypeScript's narrowing honest.
  const slot: { output?: { value: O }; failure?: { error: unknown } } = {};
  const read = (): typeof slot => slot;
  input$.pipe(operator).subscribe({
    next: (value) => {
      slot.output = { value };
    },
    error: (error: unknown) => {
      slot.failure = { error };
    },
  });
  return {
    push(input: I): O {
      if (slot.failure) throw slot.failure.error;
      delete slot.output;
      input$.next(input);
      const { output, failure } = read(); // set by the callbacks during next()
      if (failure) throw failure.error;
      if (!output) throw new Error('operator did not emit synchronously for its input');
      return output.value;
    },
    complete: () => input$.complete(),
  };
}
