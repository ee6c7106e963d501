/**
 * The mutable state of one open window of one key. Internal to the engine: aggregated eagerly, so
 * memory grows with open windows, not with events.
 */
export interface OpenWindow<A> {
  readonly key: string;
  startMs: number;
  endMs: number;
  acc: A;
  count: number;
  /** False once the window was closed or merged into another (the close index drops stale entries). */
  alive: boolean;
  /** Changed since its last early result. */
  dirty: boolean;
}

/** A new, empty open window. */
export function openWindow<A>(key: string, startMs: number, endMs: number, acc: A): OpenWindow<A> {
  return { key, startMs, endMs, acc, count: 0, alive: true, dirty: false };
}
