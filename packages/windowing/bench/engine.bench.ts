/**
 * Throughput and memory of the windowing engine. Run: `pnpm --filter @citybrain/windowing bench`.
 *
 * 1M traffic-like events (speed per grid), in batches of 500, event time advancing 10,000 events per
 * minute with up to 2 s of disorder, over 100 and 10,000 keys, for 1-minute tumbling and
 * 5-minute/1-minute hopping windows, aggregated with count + mean (and quantiles once). Prints
 * events/s (time spent in `process` only, after a warm-up) and the retained heap per open window.
 *
 * This script is not part of the library, so it may use `node:*` (for an explicit GC).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  HoppingWindows,
  TumblingWindows,
  WindowEngine,
  combine,
  count,
  mean,
  quantiles,
  type Aggregator,
  type EngineInput,
  type KeyedEvent,
  type WindowSpec,
} from '../src/index';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const EVENTS = 1_000_000;
const BATCH = 500;
const EVENTS_PER_MINUTE = 10_000;
const DISORDER_MS = 2_000;
const T0 = Date.UTC(2026, 0, 1);

interface Obs {
  speedKmh: number;
}

/** Pre-built inputs, so that generating events is not timed. Deterministic (LCG). */
function inputs(keys: number): EngineInput<Obs>[] {
  const keyNames = Array.from({ length: keys }, (_, i) => `grid-${i}`);
  const partitions = Array.from({ length: 8 }, (_, i) => `city.traffic.v1/${i}`);
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const out: EngineInput<Obs>[] = [];
  for (let i = 0; i < EVENTS; i += BATCH) {
    const events: KeyedEvent<Obs>[] = [];
    for (let j = i; j < i + BATCH; j++) {
      const k = Math.floor(rand() * keys);
      events.push({
        key: keyNames[k]!,
        timestampMs: T0 + Math.floor((j * 60_000) / EVENTS_PER_MINUTE - rand() * DISORDER_MS),
        // Kafka partitions by key: a key always comes from the same partition.
        partition: partitions[k % partitions.length]!,
        value: { speedKmh: 20 + rand() * 60 },
      });
    }
    out.push({ kind: 'events', events, nowMs: T0 + i });
  }
  return out;
}

function engineFor(windows: WindowSpec, aggregator: Aggregator<Obs, unknown, unknown>, trackChanges = false) {
  return new WindowEngine({
    windows,
    aggregator,
    trackChanges,
    watermark: { maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 60_000 },
  });
}

/** Serialises the state of every key that changed since the last call; returns the characters. */
function written(engine: WindowEngine<Obs, unknown, unknown>): number {
  let chars = 0;
  for (const key of engine.takeChangedKeys()) chars += JSON.stringify(engine.keySnapshot(key) ?? null).length;
  return chars;
}

/**
 * Runs one configuration. With `commits`, the keys that changed are also taken after every batch and
 * their state serialised, as the processor's state store does before each commit, and its time is included.
 * processor does before each commit, and its time is included.
 */
function run(
  name: string,
  windows: WindowSpec,
  keys: number,
  aggregator: Aggregator<Obs, unknown, unknown>,
  commits = false,
) {
  const batches = inputs(keys);
  // Warm-up on a separate engine so that the JIT has compiled the hot path.
  const warm = engineFor(windows, aggregator, commits);
  for (const b of batches.slice(0, 200)) {
    warm.process(b);
    if (commits) written(warm);
  }

  const engine = engineFor(windows, aggregator, commits);
  let finals = 0;
  let late = 0;
  let maxOpen = 0;
  let held = 0;
  const start = performance.now();
  for (const b of batches) {
    const out = engine.process(b);
    if (commits) held += written(engine);
    finals += out.results.length;
    late += out.late.length;
    if (out.openWindows > maxOpen) maxOpen = out.openWindows;
  }
  const seconds = (performance.now() - start) / 1_000;

  // Memory: engines fed the first 5 minutes of event time (all windows of a key open), enough
  // copies of them for >= 20,000 open windows so that GC noise is negligible; heap with them minus
  // heap without them, after a full GC, per open window.
  const prefix = batches.slice(0, 100);
  const sample = engineFor(windows, aggregator);
  for (const b of prefix) sample.process(b);
  const copies = Math.max(1, Math.ceil(20_000 / sample.openWindowCount));
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const probes = Array.from({ length: copies }, () => engineFor(windows, aggregator));
  for (const probe of probes) for (const b of prefix) probe.process(b);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const open = probes.reduce((n, p) => n + p.openWindowCount, 0);
  const perWindow = `${Math.round((after - before) / open).toLocaleString('en-US')} B/open window`;

  console.log(
    [
      name.padEnd(34),
      `${String(keys).padStart(6)} keys`,
      `${Math.round(EVENTS / seconds)
        .toLocaleString('en-US')
        .padStart(11)} events/s`,
      perWindow.padStart(18),
      `(open windows: max ${maxOpen}, at end ${engine.openWindowCount}; finals ${finals}; late ${late}` +
        `${commits ? `; state chars written ${held.toLocaleString('en-US')}` : ''})`,
    ].join('  '),
  );
}

const stats = combine({ n: count<Obs>(), speedKmh: mean((o: Obs) => o.speedKmh) }) as Aggregator<
  Obs,
  unknown,
  unknown
>;
const sketch = quantiles((o: Obs) => o.speedKmh) as Aggregator<Obs, unknown, unknown>;

console.log(
  `windowing engine: ${EVENTS.toLocaleString('en-US')} events, batches of ${BATCH}, node ${process.version}`,
);
for (const keys of [100, 10_000]) {
  run('tumbling 1 min, count+mean', TumblingWindows.of(60_000), keys, stats);
  run('hopping 5 min / 1 min, count+mean', HoppingWindows.of(300_000, 60_000), keys, stats);
}
run('tumbling 1 min, quantiles (DDSketch)', TumblingWindows.of(60_000), 10_000, sketch);
for (const keys of [100, 10_000]) {
  run('tumbling 1 min, + changed state per batch', TumblingWindows.of(60_000), keys, stats, true);
  run('hopping 5/1 min, + changed state per batch', HoppingWindows.of(300_000, 60_000), keys, stats, true);
}
