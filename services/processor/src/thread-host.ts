import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { ConfigError, type ConfigIssue } from '@citybrain/config';
import type { Logger, MetricsSnapshot } from '@citybrain/observability';
import type { ThreadState } from '@citybrain/stream-runtime';
import { createCityThread, type CityThread, type CityThreadPlan } from './city-thread';
import type { ProcessorConfig } from './config';

/**
 * The main thread's handle on one stream thread, wherever it runs (a worker thread, or the main
 * thread itself when the process has one stream thread): the same calls either way.
 */
export interface ThreadHost {
  readonly index: number;
  /** The thread's last reported state. */
  readonly state: ThreadState;
  /** Settles when the thread failed for good: its state cannot be restored, or its worker died. */
  readonly failed: Promise<Error>;
  /** Joins the group and starts consuming (the thread is built already); resolves once it runs. */
  start(): Promise<void>;
  metrics(): Promise<MetricsSnapshot>;
  reloadRules(text: string): Promise<void>;
  /** Stops the thread gracefully (its batch in flight committed); idempotent. */
  stop(): Promise<void>;
}

/** Builds a stream thread on the calling (main) thread: a process of one stream thread needs no worker. */
export async function createInProcessThread(
  config: ProcessorConfig,
  plan: CityThreadPlan,
  logger: Logger,
): Promise<ThreadHost> {
  const thread = await createCityThread(config, plan, logger.child({ thread: plan.index }));
  let stopped: Promise<void> | undefined;
  return {
    index: plan.index,
    get state() {
      return thread.state;
    },
    failed: thread.failed,
    start: () => thread.start(),
    metrics: () => thread.metrics(),
    reloadRules: (text) => thread.reloadRules(text),
    stop: () => (stopped ??= thread.stop()),
  };
}

/** What a worker thread is started with. */
export interface WorkerData {
  /** The worker's module (worker.ts, or .js once built), loaded by the bootstrap. */
  readonly entry: string;
  readonly config: ProcessorConfig;
  readonly plan: CityThreadPlan;
}

/** What the main thread asks a worker. */
type Request =
  | { readonly op: 'start' }
  | { readonly op: 'metrics' }
  | { readonly op: 'reload'; readonly text: string }
  | { readonly op: 'stop' };

/** A request as posted, with the id its reply carries. */
type Call = Request & { readonly id: number };

/** An error as it crosses threads (structured clone keeps no class). */
interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly issues?: readonly ConfigIssue[];
}

/** A message from a worker to the main thread. */
type Report =
  | { readonly kind: 'built' }
  | { readonly kind: 'build-failed'; readonly error: WireError }
  | { readonly kind: 'state'; readonly state: ThreadState }
  | { readonly kind: 'failed'; readonly error: WireError }
  | { readonly kind: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: WireError };

function toWire(err: unknown): WireError {
  if (err instanceof ConfigError) return { name: err.name, message: err.message, issues: err.issues };
  if (err instanceof Error)
    return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: 'Error', message: String(err) };
}

function fromWire(e: WireError): Error {
  if (e.issues) return new ConfigError(e.issues);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

// The bootstrap is plain JavaScript so that the worker can start before TypeScript can be loaded.
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
// This module's own extension: worker.ts from the sources (tsx), worker.js once built.
const WORKER_ENTRY = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Builds a stream thread in a worker thread and resolves once it is built (modules and files
 * loaded, not yet in the group), or rejects with its error (a {@link ConfigError} stays one).
 */
export function createWorkerThread(
  config: ProcessorConfig,
  plan: CityThreadPlan,
  logger: Logger,
): Promise<ThreadHost> {
  const data: WorkerData = { entry: WORKER_ENTRY.href, config, plan };
  const heapMb = config.streamThreadHeapMb;
  const worker = new Worker(BOOTSTRAP, {
    workerData: data,
    name: `stream-thread-${plan.index}`,
    ...(heapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
  });
  let state: ThreadState = 'starting';
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failWith: (err: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (failWith = resolve));
  let stopping = false;
  let exited = false;
  const exit = new Promise<number>((resolve) => worker.once('exit', resolve));

  const call = <T>(request: Request): Promise<T> => {
    if (exited) return Promise.reject(new Error(`stream thread ${plan.index} has exited`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: Call = { ...request, id };
      worker.postMessage(message);
    });
  };

  return new Promise<ThreadHost>((resolve, reject) => {
    let started = false;
    const host: ThreadHost = {
      index: plan.index,
      get state() {
        return state;
      },
      failed,
      start: () => call<void>({ op: 'start' }),
      metrics: () => call<MetricsSnapshot>({ op: 'metrics' }),
      reloadRules: (text) => call<void>({ op: 'reload', text }),
      stop: async () => {
        if (!stopping) {
          stopping = true;
          await call<void>({ op: 'stop' }).catch((err: unknown) =>
            logger.warn({ err, thread: plan.index }, 'stream thread did not stop cleanly'),
          );
          // Stopped: nothing of the thread is left to finish; end the worker whatever handles remain.
          if (!exited) await worker.terminate();
        }
        await exit;
      },
    };
    worker.on('message', (m: Report) => {
      switch (m.kind) {
        case 'built':
          started = true;
          resolve(host);
          return;
        case 'build-failed':
          stopping = true;
          void worker.terminate();
          reject(fromWire(m.error));
          return;
        case 'state':
          state = m.state;
          return;
        case 'failed':
          failWith(fromWire(m.error));
          return;
        case 'reply': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.error) p?.reject(fromWire(m.error));
          else p?.resolve(m.value);
          return;
        }
      }
    });
    worker.on('error', (cause) => {
      // An uncaught error in the worker: it is gone, with its tasks (the group moves them).
      const err = workerFailure(cause, plan.index, heapMb);
      logger.error({ err, thread: plan.index }, 'stream thread crashed');
      if (!started) reject(err);
      failWith(err);
    });
    worker.once('exit', (code) => {
      exited = true;
      state = 'stopped';
      for (const p of pending.values()) p.reject(new Error(`stream thread ${plan.index} exited (${code})`));
      pending.clear();
      if (!stopping) {
        const err = new Error(`stream thread ${plan.index} exited unexpectedly with code ${code}`);
        if (!started) reject(err);
        failWith(err);
      }
    });
  });
}

/**
 * The worker's side: builds its stream thread with `build` and answers the main thread's calls on
 * `port` (start, metrics, reload, stop) until stopped. Called by the worker entry.
 */
export function serveThread(
  port: MessagePort,
  build: (onState: (state: ThreadState) => void) => Promise<CityThread>,
): void {
  const report = (r: Report) => port.postMessage(r);
  const answer = (thread: CityThread, request: Request): Promise<unknown> => {
    switch (request.op) {
      case 'start':
        return thread.start();
      case 'metrics':
        return thread.metrics();
      case 'reload':
        return thread.reloadRules(request.text);
      case 'stop':
        return thread.stop();
    }
  };
  build((state) => report({ kind: 'state', state })).then(
    (thread) => {
      report({ kind: 'state', state: thread.state });
      void thread.failed.then((err) => report({ kind: 'failed', error: toWire(err) }));
      port.on('message', (c: Call) => {
        answer(thread, c).then(
          (value) => report({ kind: 'reply', id: c.id, value }),
          (err: unknown) => report({ kind: 'reply', id: c.id, error: toWire(err) }),
        );
      });
      report({ kind: 'built' });
    },
    (err: unknown) => report({ kind: 'build-failed', error: toWire(err) }),
  );
}

/**
 * The error a crashed worker stands for: one that ran out of its capped heap is a configuration
 * problem naming the key (the same state will not fit after a restart either); others as they are.
 */
export function workerFailure(cause: Error, thread: number, heapMb: number | undefined): Error {
  if ((cause as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY' || heapMb === undefined) return cause;
  return new ConfigError(
    [
      {
        key: 'CITYBRAIN_STREAM_THREAD_HEAP_MB',
        message: `stream thread ${thread} ran out of its ${String(heapMb)} MB heap: raise or unset it`,
      },
    ],
    { cause },
  );
}
