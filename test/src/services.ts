import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '@citybrain/local-kafka';

/** A free TCP port on 127.0.0.1 (bound then released). */
export async function freePort(): Promise<number> {
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

/** A service started as its own process, exactly as an operator starts it. */
export interface RunningService {
  readonly name: string;
  readonly process: ChildProcess;
  /** Everything the service wrote (JSON log lines on stdout, errors on stderr). */
  readonly output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `services/<name>/src/main.ts` with tsx and the given environment. */
export function startService(name: string, env: Record<string, string>): RunningService {
  const main = fileURLToPath(new URL(`../../services/${name}/src/main.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: REPO_ROOT,
    env: { ...process.env, CITYBRAIN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // CITYBRAIN_TEST_LOG_DIR keeps every service's output in a file, to read after a run.
  const logDir = process.env.CITYBRAIN_TEST_LOG_DIR;
  const file = logDir ? join(logDir, `${name}-${child.pid ?? 'x'}.log`) : undefined;
  const keep = (d: Buffer) => {
    out += d.toString('utf8');
    if (file) appendFileSync(file, d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err: unknown) {
      lastError = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until `GET url` answers 200. */
export function waitHealthy(url: string, service?: RunningService, timeoutMs = 90_000): Promise<true> {
  return waitFor(
    `${url} to be healthy`,
    async () => {
      if (service && service.process.exitCode !== null)
        throw new Error(`${service.name} exited with ${service.process.exitCode}:\n${service.output()}`);
      const res = await fetch(url).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    },
    timeoutMs,
  );
}

/** Scrapes a `/metrics` endpoint and returns the value of one sample (exact label match), or 0. */
export async function scrape(
  url: string,
): Promise<(name: string, labels?: Record<string, string>) => number> {
  const body = await (await fetch(url)).text();
  return (name, labels = {}) => {
    let total = 0;
    for (const line of body.split('\n')) {
      if (!line.startsWith(name)) continue;
      // Label values may hold braces (a rule id such as `traffic-congestion{roadClass=arterial}`).
      const m = /^([a-zA-Z_:][\w:]*)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})?\s+(\S+)$/.exec(line);
      if (!m || m[1] !== name) continue;
      const have = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]] as [string, string]),
      );
      if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[3]);
    }
    return total;
  };
}
