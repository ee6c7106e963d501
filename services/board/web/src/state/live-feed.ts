import type { WireSubscribeResponse } from '@citybrain/proto';
import type { CitybrainApi } from '../api/citybrain-api';
import { Code, RpcError } from '../api/grpc-web-client';
import type { BoardState } from './board-state';

/** The connection as the header shows it. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unauthenticated' | 'denied';

/** Delay before reconnect attempt `n` (from 0): 250 ms doubling to 5 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** attempt);
}

/**
 * Keeps one Subscribe stream open: starts with the active alerts, and after any disconnect
 * reconnects with `resume_from` = the last position received, so nothing is missed and nothing
 * arrives twice. A position the gateway no longer holds (FAILED_PRECONDITION) restarts from the
 * active alerts; a missing or bad token waits for a new one.
 */
export class LiveFeed {
  private controller: AbortController | undefined;
  private stopped = false;
  private attempt = 0;
  private wake: (() => void) | undefined;
  /** Streams opened so far (the first one plus reconnections). */
  connections = 0;

  constructor(
    private readonly api: CitybrainApi,
    private readonly state: BoardState,
    private readonly onMessage: (m: WireSubscribeResponse) => void,
    private readonly onState: (s: ConnectionState, detail?: string) => void,
  ) {}

  /** Runs until {@link stop}. */
  async run(): Promise<void> {
    while (!this.stopped) {
      this.controller = new AbortController();
      // No position yet: a fresh start from the active alerts, so drop what an earlier stream left.
      if (this.state.position === '') this.state.reset();
      this.onState(this.connections === 0 ? 'connecting' : 'reconnecting');
      this.connections++;
      try {
        await this.api.subscribe(
          this.state.position,
          (m) => this.onMessage(m),
          this.controller.signal,
          () => {
            this.attempt = 0;
            this.onState('live');
          },
        );
      } catch (err: unknown) {
        if (this.stopped) return;
        const e = err instanceof RpcError ? err : new RpcError(Code.UNAVAILABLE, String(err));
        if (e.code === Code.UNAUTHENTICATED) {
          this.onState('unauthenticated', e.message);
          await this.waitForWake();
          continue;
        }
        if (e.code === Code.PERMISSION_DENIED) {
          this.onState('denied', e.message);
          await this.waitForWake();
          continue;
        }
        if (e.code === Code.FAILED_PRECONDITION || e.code === Code.INVALID_ARGUMENT) this.state.position = '';
      }
      if (this.stopped) return;
      this.onState('reconnecting');
      await this.delay(reconnectDelayMs(this.attempt++));
    }
  }

  /** Reconnects now (a new token, or the user asked). */
  kick(): void {
    this.attempt = 0;
    this.controller?.abort();
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
  }

  private waitForWake(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
