/**
 * Deterministic event ids `sim-<seed>-<n>`, n counting from 1 in the order the generator creates events:
 * a replay with the same seed and options gives every event the same id, and two simulators with
 * different seeds never collide.
 */
export class EventIds {
  private n = 0;

  constructor(private readonly seed: number) {}

  /** The next id. */
  next(): string {
    this.n += 1;
    return `sim-${this.seed}-${this.n}`;
  }
}
