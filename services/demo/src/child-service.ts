import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A service started as its own process, exactly as an operator starts it (`node --import tsx main.ts`). */
export interface ChildService {
  readonly name: string;
  readonly process: ChildProcess;
  /** Where its output goes. */
  readonly logFile: string;
  /** Settles with the exit code (or the signal's name) when it exits. */
  readonly exited: Promise<number | string>;
  /** Sends SIGTERM, waits up to `boundMs`, then SIGKILL; resolves with the exit code or signal. */
  stop(boundMs?: number): Promise<number | string>;
  /** The last lines of its log, for error messages. */
  tail(lines?: number): string;
}

const running = new Set<ChildProcess>();
// A demo that dies without cleaning up must not leave services behind.
process.once('exit', () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * Starts `node --import tsx <script> ...args` in `cwd` with `env`. Its output is appended to `logFile`,
 * except stdout when `pipeStdout` (then read `process.stdout`). The child gets its own process group,
 * so that Ctrl-C reaches only the demo, which stops the children in order.
 */
export function startChild(options: {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly pipeStdout?: boolean;
}): ChildService {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', options.pipeStdout ? 'pipe' : log, log],
    detached: true,
  });
  closeSync(log);
  running.add(child);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const stop = async (boundMs = 35_000): Promise<number | string> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const outcome = await Promise.race([exited, delay(boundMs).then(() => undefined)]);
    if (outcome !== undefined) return outcome;
    child.kill('SIGKILL');
    return exited;
  };
  const tail = (lines = 20): string => {
    try {
      return readFileSync(options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return { name: options.name, process: child, logFile: options.logFile, exited, stop, tail };
}

/** A free TCP port on 127.0.0.1 (bound, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until `GET url` answers 200.
 * @throws Error when the service exits first (with its log's tail) or after `timeoutMs`.
 */
export async function waitHealthy(url: string, service: ChildService, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.process.exitCode !== null || service.process.signalCode !== null)
      throw new Error(`${service.name} exited before it was healthy; its log ends with:\n${service.tail()}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(
        `${service.name} was not healthy at ${url} within ${timeoutMs / 1000} s; log:\n${service.tail()}`,
      );
    await delay(250);
  }
}
