import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alertLogFields, alertLogger, createLogger, gridLogger } from './index';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines };
}

const alert = {
  alertId: 'fp1@2026-11-25T08:00:00.000Z',
  fingerprint: 'fp1',
  rule: 'serious-accident',
  gridId: 'G001',
  areaId: 'A1',
  severity: 'critical',
  status: 'firing',
};

describe('createLogger', () => {
  it('writes one JSON object per line with service, word level, ISO time and message', () => {
    const out = capture();
    const log = createLogger({ service: 'processor', level: 'info', destination: out.stream });
    log.info({ topic: 't' }, 'hello');
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'processor', level: 'info', topic: 't', msg: 'hello' });
    expect(typeof line?.time).toBe('string');
    expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
  });

  it('honours the configured level', () => {
    const out = capture();
    const log = createLogger({ service: 's', level: 'warn', destination: out.stream });
    log.info('dropped');
    log.warn('kept');
    expect(out.lines().map((l) => l.msg)).toEqual(['kept']);
  });

  it('puts grid and alert ids on every line of a child logger', () => {
    const out = capture();
    const log = createLogger({ service: 's', level: 'info', destination: out.stream });
    gridLogger(log, 'G001', 'A1').info('grid line');
    alertLogger(log, { ...alert, extra: 'not logged' } as typeof alert).info('alert line');
    log.info(alertLogFields(alert), 'inline');
    const [grid, a, inline] = out.lines();
    expect(grid).toMatchObject({ gridId: 'G001', areaId: 'A1', msg: 'grid line' });
    expect(a).toMatchObject({ ...alert, msg: 'alert line' });
    expect(a).not.toHaveProperty('extra');
    expect(inline).toMatchObject(alert);
  });
});

describe('pretty format', () => {
  it('renders readable lines (pino-pretty transport) instead of JSON', () => {
    // A transport runs in a worker thread: run it in a child process and read what it printed.
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      import { createLogger } from ${JSON.stringify(entry)};
      const log = createLogger({ service: 'processor', level: 'info', format: 'pretty' });
      log.info({ gridId: 'G007' }, 'pretty hello');
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('pretty hello');
    expect(run.stdout).toContain('G007');
    expect(run.stdout).toMatch(/INFO/);
    expect(() => JSON.parse(run.stdout.trim().split('\n')[0] ?? '') as unknown).toThrow();
  });
});
