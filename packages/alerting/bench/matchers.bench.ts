// Prints how long one evaluation of issue 10's catastrophic silence pattern takes on V8's backtracking
// RegExp and on the RE2 engine the matchers use (`pnpm --filter @citybrain/alerting bench`). The V8
// side stops growing the label as soon as one evaluation takes over a second.
import { matchesAll, parseMatcher } from '../src/index';

const PATTERN = '(.*)*(.*)*(.*)*(.*)*X';
const v8 = new RegExp(`^(?:${PATTERN})$`, 'u');
const re2 = parseMatcher(`rule=~"${PATTERN}"`);

function timeMs(f: () => unknown, repeat = 1): number {
  const started = performance.now();
  for (let i = 0; i < repeat; i++) f();
  return (performance.now() - started) / repeat;
}

console.log(`pattern ${PATTERN}, label "a" x n (no X: the worst case, no match)`);
console.log('     n   V8 RegExp ms   RE2 (re2js) ms');
let v8Done = false;
for (const n of [8, 12, 16, 20, 24, 28, 64, 256, 4096]) {
  const label = 'a'.repeat(n);
  let v8Ms = NaN;
  if (!v8Done) {
    v8Ms = timeMs(() => v8.test(label));
    if (v8Ms > 1000) v8Done = true;
  }
  const re2Ms = timeMs(() => matchesAll([re2], { rule: label }), 50);
  console.log(
    `${String(n).padStart(6)}   ${(Number.isNaN(v8Ms) ? '(skipped)' : v8Ms.toFixed(2)).padStart(12)}   ${re2Ms.toFixed(3).padStart(14)}`,
  );
}
