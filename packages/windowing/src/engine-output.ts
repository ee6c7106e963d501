import type { KeyedEvent } from './keyed-event';
import type { WindowBounds } from './window-bounds';

/** The aggregate of one key's window. */
export interface WindowResult<R> {
  /** The aggregation key. */
  readonly key: string;
  /** The window, half-open `[startMs, endMs)`. */
  readonly window: WindowBounds;
  /** The aggregator's result. */
  readonly value: R;
  /** Number of events aggregated into the window. */
  readonly count: number;
  /**
   * `true` exactly once per window, when the watermark passed `endMs + graceMs`; the window's state is
   * then released and no later result for it follows. `false` for early (updating) results.
   */
  readonly final: boolean;
}

/** An event that arrived after every window it belongs to was final. It was not aggregated. */
export interface LateEvent<E> {
  /** The event as received. */
  readonly event: KeyedEvent<E>;
  /** End of the latest window the event belongs to, epoch ms. */
  readonly windowEndMs: number;
  /** The watermark the event was judged against, epoch ms. */
  readonly watermarkMs: number;
}

/** The engine's answer to one input, produced synchronously. */
export interface EngineOutput<E, R> {
  /** Final and early results, ordered by window end, then key, then window start (deterministic). */
  readonly results: readonly WindowResult<R>[];
  /** Late events of this input, in input order. Never dropped silently. */
  readonly late: readonly LateEvent<E>[];
  /** Events whose `timestampMs` is not a valid event time (see `isEventTimeMs`), in input order; not aggregated. */
  readonly invalid: readonly KeyedEvent<E>[];
  /** The watermark after this input, epoch ms (`-Infinity` before any event). */
  readonly watermarkMs: number;
  /** Number of open windows (over all keys) after this input. */
  readonly openWindows: number;
}
