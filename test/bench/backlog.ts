/**
 * The seeded backlog the benchmarks work through: the simulator writes a city stream flat out
 * (`--compression 0`, no malformed records) to fresh topics (`CITYBRAIN_TOPIC_SUFFIX` in `env`).
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '@citybrain/local-kafka';

/** What the simulator reported when it had written the backlog. */
export interface BacklogSummary {
  /** Records written (events plus malformed records, which are 0 here). */
  readonly records: number;
  /** Wall seconds the simulator took. */
  readonly seconds: number;
}

/**
 * Writes `cityMinutes` of the seeded city to the topics named by `env` and resolves once the simulator
 * has exited (every record acknowledged by the broker).
 */
export function produceBacklog(env: Record<string, string>, cityMinutes: number): Promise<BacklogSummary> {
  return new Promise((resolve, reject) => {
    const sim = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'services/simulator/src/main.ts',
        '--compression',
        '0',
        '--city-minutes',
        String(cityMinutes),
        '--malformed-every',
        '0',
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    sim.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    sim.once('error', reject);
    sim.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.includes('"type":"summary"'));
      if (code !== 0 || !line) {
        reject(new Error(`simulator exited with ${code}`));
        return;
      }
      const s = JSON.parse(line) as { events: number; malformed: number; seconds: number };
      resolve({ records: s.events + s.malformed, seconds: s.seconds });
    });
  });
}
