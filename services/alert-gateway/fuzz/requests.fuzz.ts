// On-demand fuzzing of what a caller controls in the gateway's requests (`pnpm fuzz`): matcher text
// and values, resume positions, page tokens and silences. Each must either work or be refused with the
// package's own typed error naming a field — never another exception — and matching must stay fast
// whatever the pattern. Prints what it tried.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { InvalidAlertingInputError, matchesAll, parseMatcher, type Silence } from '@citybrain/alerting';
import { GridRegistry } from '@citybrain/grid';
import type { Principal } from '../src/auth';
import { GatewayError } from '../src/errors';
import { decodePageToken } from '../src/paging';
import { checkNewSilence } from '../src/silence-policy';
import { decodeCursor } from '../src/stream-cursor';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 500);
const registry = GridRegistry.parse(
  readFileSync(new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url), 'utf8'),
);
const tally = new Map<string, number>();
const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);

/** Runs `f`; a typed refusal is counted, anything else fails the property. */
function refusedOrOk(what: string, f: () => unknown): boolean {
  try {
    f();
    count(`${what}: ok`);
    return true;
  } catch (err: unknown) {
    if (err instanceof GatewayError || err instanceof InvalidAlertingInputError) {
      count(`${what}: refused`);
      return true;
    }
    console.error(what, err);
    return false;
  }
}

const regexish = fc.stringMatching(/^[a-zA-Z0-9.*+?()|[\]^$\\{},-]{0,40}$/);
let slowestMatchMs = 0;
fc.assert(
  fc.property(
    fc.constantFrom('rule', 'gridId', 'areaId', 'severity', '1bad', ''),
    fc.constantFrom('=', '!=', '=~', '!~', '=='),
    fc.oneof(regexish, fc.string({ maxLength: 300 }), fc.constant('(.*)*(.*)*(.*)*(.*)*X')),
    fc.string({ maxLength: 2000 }),
    (name, op, value, label) =>
      refusedOrOk('matcher', () => {
        const m = parseMatcher(`${name}${op}"${value}"`);
        const started = performance.now();
        const r = matchesAll([m], { [m.name]: label });
        slowestMatchMs = Math.max(slowestMatchMs, performance.now() - started);
        if (typeof r !== 'boolean') throw new Error('not a boolean');
      }),
  ),
  { numRuns: RUNS },
);

const cursorText = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc
    .array(fc.tuple(fc.string({ maxLength: 4 }), fc.oneof(fc.nat(), fc.integer(), fc.double())), {
      maxLength: 20,
    })
    .map((parts) => `c1.${Buffer.from(parts.map(([s, o]) => `${s}:${o}`).join(',')).toString('base64url')}`),
  fc.nat({ max: 20_000 }).map((n) => `c1.${'A'.repeat(n)}`),
);
fc.assert(
  fc.property(cursorText, (t) => refusedOrOk('resume_from', () => decodeCursor(t))),
  { numRuns: RUNS },
);
fc.assert(
  fc.property(
    fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.jsonValue().map((v) => `p1.${Buffer.from(JSON.stringify(v)).toString('base64url')}`),
      fc.nat({ max: 100_000 }).map((n) => `p1.${'A'.repeat(n)}`),
    ),
    (t) => refusedOrOk('page_token', () => decodePageToken(t)),
  ),
  { numRuns: RUNS },
);

const principals: Principal[] = [
  { subject: 'chair', role: 'committee' },
  { subject: 'o', role: 'area-officer', areaId: 'A01' },
  { subject: 'w', role: 'grid-worker', gridId: 'G001', areaId: 'A01' },
];
const matcherText = fc.tuple(
  fc.constantFrom('rule', 'gridId', 'areaId', 'kind'),
  fc.constantFrom('=', '!=', '=~', '!~'),
  fc.oneof(fc.constantFrom('G001', 'A01', 'A05', '.+', '.*', 'G00.', 'r'), regexish),
);
fc.assert(
  fc.property(
    fc.constantFrom(...principals),
    fc.array(matcherText, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.integer({ min: -3_600_000, max: 100 * 86_400_000 }),
    (p, ms, force, durationMs) =>
      refusedOrOk(`silence by ${p.role}`, () => {
        const silence: Silence = {
          id: 's',
          matchers: ms.map(([n, o, v]) => parseMatcher(`${n}${o}"${v}"`)),
          startsAtMs: 0,
          endsAtMs: durationMs,
          createdBy: p.subject,
          comment: 'fuzz',
        };
        checkNewSilence(
          p,
          silence,
          { force, nowMs: 0 },
          { maxDurationMs: 86_400_000, gridWorkersMaySilence: true },
          registry,
        );
      }),
  ),
  { numRuns: RUNS },
);

console.log(
  `gateway requests: ${RUNS} runs per property; slowest single match ${slowestMatchMs.toFixed(2)} ms`,
);
for (const [what, n] of [...tally].sort()) console.log(`  ${what.padEnd(32)} ${n}`);
