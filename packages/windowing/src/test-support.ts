import type { EngineInput, KeyedEvent } from './keyed-event';

// Helpers for this package's tests only (not exported from index.ts).

/** An event of `key` at `timestampMs` on `partition` (default `p0`) with `value` (default 1). */
export function ev(
  key: string,
  timestampMs: number,
  opts: { partition?: string; value?: number } = {},
): KeyedEvent<number> {
  return { key, timestampMs, partition: opts.partition ?? 'p0', value: opts.value ?? 1 };
}

/** An events input received at processing time `nowMs`. */
export function batch(nowMs: number, ...events: KeyedEvent<number>[]): EngineInput<number> {
  return { kind: 'events', events, nowMs };
}

/** A processing-time tick. */
export function tick(nowMs: number): EngineInput<number> {
  return { kind: 'tick', nowMs };
}
