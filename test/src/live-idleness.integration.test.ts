// The live path: a quiet source partition stops holding event time back once it is read to its end
// and quiet for CITYBRAIN_IDLE_TIMEOUT_MS, with one stream thread or two, while other partitions keep
// flowing and another writer has a transaction open on the quiet partition.
//
// Why: "read to its end" was judged against the fetch's high watermark, but a read_committed fetch
// stops at the first open transaction, so a partition another producer was writing transactionally
// was never at its end while that transaction was open. In the demo the open transactions were the
// route tasks' own, on the repartition topic (six of them, all the time): a quiet case partition
// idled only when an area task happened to fetch between transactions — 10 s late in a run with two
// stream threads, so the case-backlog-spike window closed after the area's congestion alert had
// fired, and the gateway muted it (inhibition). Here the open transaction is an upstream writer's on
// the input, so that without the fix the window never closes (not merely late): the test fails
// every time, not by luck. The end a read_committed reader can reach is the last stable offset.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeAlertRecord, encodeEvent, TOPIC_BY_FAMILY } from '@citybrain/codec';
import type { Alert, CaseEvent, CityEvent } from '@citybrain/domain';
import { BatchConsumer, BatchProducer, ensureTopics, type OutgoingRecord } from '@citybrain/kafka';
import { freshSuffix, testClient } from './kafka-helpers';
import { obs, T0 } from './scripted-events';
import { freePort, startService, waitFor, waitHealthy, type RunningService } from './services';

const MIN = 60_000;
let n = 0;

function received(gridId: string, atMs: number): CaseEvent {
  const id = `idle-${++n}`;
  return {
    family: 'case',
    eventId: id,
    eventTimeMs: atMs,
    source: 'hotline-12345',
    location: { kind: 'grid', gridId },
    caseId: id,
    stage: 'received',
    serviceCode: 'waste.dumping',
    urgency: 'normal',
    channel: 'resident',
    description: 'renovation waste piled by the road',
  };
}

describe('idleness on the live path (real broker, real processes)', () => {
  const brokers = inject('kafkaBrokers');
  const client = testClient(brokers);
  const suffix = freshSuffix();
  const caseTopic = TOPIC_BY_FAMILY.case + suffix;
  const record = (e: CityEvent, partition: number): OutgoingRecord => {
    const { value, headers } = encodeEvent(e);
    return {
      topic: TOPIC_BY_FAMILY[e.family] + suffix,
      partition,
      key: e.location.kind === 'grid' ? e.location.gridId : null,
      value,
      headers,
    };
  };
  const producer = new BatchProducer(client);
  // An upstream system writing case/1 exactly-once: kafkajs directly, since the project's own
  // transactional producer never leaves a transaction open.
  const upstream = client.kafka.producer({
    transactionalId: `upstream${suffix}`,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 10 * MIN,
  });
  let openTransaction: Awaited<ReturnType<typeof upstream.transaction>> | undefined;
  let feeding = true;
  let feed: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    await ensureTopics(
      client,
      (['traffic', 'permit', 'case'] as const).map((f) => ({
        topic: TOPIC_BY_FAMILY[f] + suffix,
        numPartitions: 2,
      })),
    );
    await producer.connect();
    await upstream.connect();
    // case/1: one committed report at T0, then the upstream writer's transaction, left open.
    // Retried while the new topics' metadata settles (the broker answers UNKNOWN_TOPIC a moment).
    const first = record(received('G006', T0), 1);
    await waitFor(
      'the new topics to take records',
      () => producer.send([first]).then(() => true),
      30_000,
      250,
    );
    openTransaction = await upstream.transaction();
    const pending = encodeEvent(received('G006', T0 + 2 * MIN));
    await openTransaction.send({
      topic: caseTopic,
      messages: [{ partition: 1, key: 'G006', value: Buffer.from(pending.value), headers: pending.headers }],
    });
    // case/0: 7 reports in G004 within [T0, T0+10m) (the shipped case-backlog-spike: ≥ 6), then one
    // past the window's end and the out-of-orderness: only case/1 holds the window open now.
    await producer.send([
      ...Array.from({ length: 7 }, (_, i) => record(received('G004', T0 + (i + 1) * MIN), 0)),
      record(received('G004', T0 + 11 * MIN), 0),
    ]);
    // Traffic keeps flowing on both partitions (live, record time = now), so every area task keeps
    // getting batches — and processing time — from the route tasks' progress.
    feed = (async () => {
      for (let i = 0; feeding; i++) {
        await producer.send([
          record(obs('G001', T0 + i * 1_000, 50), 0),
          record(obs('G002', T0 + i * 1_000, 50), 1),
        ]);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  });

  afterAll(async () => {
    feeding = false;
    await feed;
    await openTransaction?.abort();
    await upstream.disconnect();
    await producer.disconnect();
  });

  /** Runs a processor with `threads` stream threads and its own group and outputs; returns the case-spike alert. */
  const run = async (threads: number): Promise<Alert> => {
    const outSuffix = `.threads-${threads}`;
    const port = await freePort();
    const processor: RunningService = startService('processor', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      CITYBRAIN_OUTPUT_TOPIC_SUFFIX: outSuffix,
      CITYBRAIN_PROCESSOR_GROUP: `citybrain-processor${suffix}${outSuffix}`,
      CITYBRAIN_PROCESSOR_METRICS_PORT: String(port),
      CITYBRAIN_STREAM_THREADS: String(threads),
      CITYBRAIN_IDLE_TIMEOUT_MS: '1000',
      // No processing-time fallback: only idleness may move the case watermark past case/1.
      CITYBRAIN_IDLE_ADVANCE_AFTER_MS: String(1e12),
      // No punctuation either (a tick every 23 days): it idles a task's sources only when every
      // input partition of the group is committed to its end at once — here, between two traffic
      // records, by luck; under the demo's load, hardly ever. Batches are what idle a source live.
      CITYBRAIN_TICK_INTERVAL_MS: String(2_000_000_000),
      CITYBRAIN_LOG_LEVEL: 'warn',
    });
    const alerts: Alert[] = [];
    const consumer = new BatchConsumer(client, {
      groupId: `citybrain-tests${suffix}${outSuffix}`,
      // Output topics are named by both suffixes.
      topics: [`city.alerts.v1${suffix}${outSuffix}`],
      fromBeginning: true,
      onBatch: (batch) => {
        for (const r of batch.records) {
          const d = decodeAlertRecord(r);
          if (d.ok) alerts.push(d.alert);
        }
        return Promise.resolve();
      },
    });
    try {
      await waitHealthy(`http://127.0.0.1:${port}/healthz`, processor);
      await consumer.start();
      // Without the fix case/1 is never at its end while the upstream transaction is open, so the
      // window never closes: this wait fails however long it is.
      return await waitFor(
        `the case-backlog-spike alert of G004 with ${threads} stream thread(s)`,
        () => {
          if (processor.process.exitCode !== null)
            throw new Error(
              `the processor exited with ${processor.process.exitCode}:\n${processor.output()}`,
            );
          return alerts.find((a) => a.rule === 'case-backlog-spike' && a.gridId === 'G004');
        },
        90_000,
        250,
      );
    } finally {
      await consumer.stop();
      expect(await processor.stop()).toBe(0);
    }
  };

  it('one thread and two close the quiet partition’s window while an upstream transaction is open', async () => {
    const one = await run(1);
    const two = await run(2);
    for (const a of [one, two])
      expect(a).toMatchObject({
        status: 'firing',
        value: 7,
        startsAtMs: T0,
        window: { startMs: T0, endMs: T0 + 10 * MIN },
      });
    expect(two.alertId).toBe(one.alertId);
  });
});
