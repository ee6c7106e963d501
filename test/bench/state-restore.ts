/**
 * Benchmark (not a test): time to restore the processor's state from its changelog topic, and the
 * size of what is written. Run: `pnpm bench:restore [open-windows]` (default 1,000,000).
 *
 * Builds a pipeline from the shipped rule file with one arterial traffic observation for each of
 * `grid-keys` keys, writes its store entries to a fresh compacted
 * changelog in transactions (as the processor does), then times a restore as a take-over does it:
 * read the changelog to its end (read_committed) → reassemble the entries → rebuild the pipeline, in
 * a fresh process (whose heap holds nothing else), and compares the state's digest with the original.
 * Starts the local broker unless KAFKA_BROKERS is set.
 */
import { readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { LocatedEvent } from '@citybrain/domain';
import { TransactionalProducer, ensureTopics, readLatestByKey, splitBySize } from '@citybrain/kafka';
import { acquireBroker, REPO_ROOT } from '@citybrain/local-kafka';
import { CityPipeline } from '@citybrain/pipeline';
import { parseRuleSet } from '@citybrain/rules';
import { ChangelogStore } from '@citybrain/stream-runtime';
import { testClient } from '../src/kafka-helpers';

const ruleSet = parseRuleSet(parseYaml(await readFile(`${REPO_ROOT}deploy/config/rules.yaml`, 'utf8')));
const settings = { graceMs: 0, watermark: { maxOutOfOrdernessMs: 5_000, idleTimeoutMs: 1e12 } };
const build = () => new CityPipeline<number>(settings, ruleSet, () => 'A01');
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

/** A digest of a pipeline's whole state, to compare a restored one with its original across processes. */
function digest(pipeline: CityPipeline<number>): string {
  const hash = createHash('sha256');
  for (const [name, text] of [...pipeline.storeEntries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(name).update('\0').update(text).update('\0');
  return hash.digest('hex');
}

if (process.argv[2] === '--restore') {
  // The child: restore from the changelog `argv[3]`, print the times and the state's digest.
  const restoreClient = testClient((process.env.KAFKA_BROKERS ?? '').split(','));
  const t0 = performance.now();
  const latest = await readLatestByKey(restoreClient, process.argv[3]!);
  const read = performance.now() - t0;
  const t1 = performance.now();
  const restored = build();
  restored.restoreStore(new ChangelogStore(process.argv[3]!, 'task-0').load(latest));
  const rebuild = performance.now() - t1;
  console.log(JSON.stringify({ read, rebuild, digest: digest(restored) }));
  process.exit(0);
}

const keys = Number(process.argv[2] ?? 150_000);
if (!Number.isInteger(keys) || keys < 1) {
  console.error(
    `usage: pnpm bench:restore [grid-keys]   (a positive integer; got ${JSON.stringify(process.argv[2])})`,
  );
  process.exit(2);
}
const broker = await acquireBroker(process.env, { allowTestcontainers: false });
const client = testClient(broker.brokers);

try {
  // 1. A pipeline with `openWindows` open KPI windows.
  let t = performance.now();
  const pipeline = build();
  pipeline.assign({ traffic: ['t/0'], permit: [], case: [] }, 0);
  const T0 = Date.UTC(2026, 10, 25);
  const chunk = 50_000;
  let openWindows = 0;
  for (let i = 0; i < keys; i += chunk) {
    const events = [];
    for (let j = i; j < Math.min(keys, i + chunk); j++) {
      const event = {
        family: 'traffic',
        type: 'observation',
        eventId: `e${j}`,
        eventTimeMs: T0 + 1_000,
        source: 's',
        location: { kind: 'grid', gridId: `K${j}` },
        gridId: `K${j}`,
        areaId: 'A01',
        refRoadSegment: 'r',
        roadClass: 'arterial',
        laneId: 0,
        intensity: 10,
        occupancy: 0.2,
        averageVehicleSpeedKmh: 40,
      } as unknown as LocatedEvent;
      events.push({ event, partition: 't/0', offset: j, ref: j });
    }
    const out = pipeline.processBatch(events, 1);
    openWindows = [...out.windows.values()].reduce((n, w) => n + w.openWindows, 0);
  }
  console.log(`built ${openWindows} open windows over ${keys} keys in ${ms(t)}`);

  // 2. Its store entries, written to a fresh changelog in transactions.
  t = performance.now();
  const entries = pipeline.storeEntries();
  let chars = 0;
  for (const text of entries.values()) chars += text.length;
  const topic = `bench-restore-${randomUUID().slice(0, 8)}.state-changelog`;
  await ensureTopics(client, [{ topic, numPartitions: 1, configs: { 'cleanup.policy': 'compact' } }]);
  const store = new ChangelogStore(topic, 'task-0');
  const delta = store.delta({ upserts: entries, deletes: new Set() });
  const producer = new TransactionalProducer(client, `bench-restore-${randomUUID()}`);
  await producer.connect();
  // Transactions of ~16 MB each (the processor writes one per batch; this is a one-off load).
  let batch: typeof delta.records = [];
  let size = 0;
  for (const group of splitBySize(delta.records)) {
    batch = batch.concat(group);
    size += 512 * 1024;
    if (size >= 16 * 1024 * 1024) {
      await producer.commit({ records: batch, offsets: [], groupId: 'bench' });
      batch = [];
      size = 0;
    }
  }
  await producer.commit({ records: batch, offsets: [], groupId: 'bench' });
  await producer.disconnect();
  console.log(
    `wrote ${entries.size} entries (${(chars / 1e6).toFixed(1)} M chars) as ${delta.records.length} changelog records in ${ms(t)}`,
  );

  // 3. The restore, as a take-over does it: in a fresh process, whose heap holds nothing else.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--restore', topic, ...process.argv.slice(2)],
    {
      env: { ...process.env, KAFKA_BROKERS: broker.brokers.join(',') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const report = child.stdout.toString('utf8').trim().split('\n').pop() ?? '';
  const restored = JSON.parse(report) as { read: number; rebuild: number; digest: string };
  const ok = restored.digest === digest(pipeline);
  console.log(
    `restore of ${openWindows} open windows (fresh process): read changelog ${restored.read.toFixed(0)} ms, reassemble + rebuild ${restored.rebuild.toFixed(0)} ms, total ${(restored.read + restored.rebuild).toFixed(0)} ms (${ok ? 'state identical' : 'STATE DIFFERS'})`,
  );
  if (!ok || child.status !== 0) process.exitCode = 1;
} finally {
  await broker.stop();
}
