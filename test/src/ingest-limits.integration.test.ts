import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { TOPIC_BY_FAMILY } from '@citybrain/codec';
import { ensureTopics, topicEndOffsets, type KafkaClient } from '@citybrain/kafka';
import type { WirePublishEventsRequestInput } from '@citybrain/proto';
import { apiClients } from './api-clients';
import { freshSuffix, testClient } from './kafka-helpers';
import { freePort, scrape, startService, waitHealthy, type RunningService } from './services';

type Reply = { accepted: number; rejected: number; results: { accepted: boolean; rejection: string }[] };
type Client = ReturnType<typeof apiClients>;

const MiB = 1024 * 1024;
/** The container memory limit of the Kubernetes example (512 Mi). */
const CONTAINER_LIMIT_BYTES = 512 * MiB;

let n = 0;
/** A valid case event of about `bytes` bytes (the description carries the bulk). */
function caseEvent(bytes = 0, eventTimeMs = Date.UTC(2026, 10, 25, 1)): WirePublishEventsRequestInput {
  return {
    case: {
      eventId: `ingest-it-${++n}`,
      eventTime: { seconds: Math.floor(eventTimeMs / 1000) },
      source: 'app',
      location: { gridId: 'G001' },
      serviceRequestId: `SR-${n}`,
      stage: 'CASE_STAGE_RECEIVED',
      serviceCode: 'waste.dumping',
      urgency: 'CASE_URGENCY_NORMAL',
      channel: 'CASE_CHANNEL_RESIDENT',
      description: 'x'.repeat(bytes),
    },
  };
}

/**
 * Streams events into one PublishEvents call, honouring back-pressure, until `count` are written or
 * the server ends the call; resolves with the reply or the error and how many were written.
 */
function upload(
  client: Client,
  count: number,
  make: (i: number) => WirePublishEventsRequestInput,
): Promise<{ reply?: Reply; error?: grpc.ServiceError; written: number }> {
  return new Promise((resolve) => {
    let written = 0;
    let ended = false;
    const call = client.ingest.PublishEvents({ deadline: Date.now() + 120_000 }, (err, res) => {
      ended = true;
      resolve(err ? { error: err, written } : { reply: res as Reply, written });
    });
    const pump = () => {
      while (!ended && written < count) {
        const more = call.write(make(written++));
        if (!more) {
          call.once('drain', pump);
          return;
        }
      }
      if (!ended) call.end();
    };
    pump();
  });
}

// Issue 10: one call with 120 events of 3.9 MB drove the gateway to 1.9 GB; the documented maximum
// of 10,000 events failed above ~7,000 because one producer batch exceeded the broker's 1 MB limit,
// and callers were told to retry forever. All on the real gateway, broker and gRPC over a socket.
describe('PublishEvents is bounded', () => {
  const brokers = inject('kafkaBrokers');
  const suffix = freshSuffix();
  let kafka: KafkaClient;
  let gateway: RunningService;
  let client: Client;
  let metricsUrl: string;

  beforeAll(async () => {
    kafka = testClient(brokers);
    // The permit topic refuses any record batch over 200 bytes: a write that can never succeed.
    await ensureTopics(kafka, [
      { topic: TOPIC_BY_FAMILY.permit + suffix, numPartitions: 1, configs: { 'max.message.bytes': '200' } },
    ]);
    const [grpcPort, metricsPort] = [await freePort(), await freePort()];
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    gateway = startService('alert-gateway', {
      KAFKA_BROKERS: brokers.join(','),
      CITYBRAIN_TOPIC_SUFFIX: suffix,
      // one partition: all 10,000 events land in one partition's batch, the worst case
      CITYBRAIN_INPUT_PARTITIONS: '1',
      CITYBRAIN_GRPC_PORT: String(grpcPort),
      CITYBRAIN_GATEWAY_METRICS_PORT: String(metricsPort),
      CITYBRAIN_GRPC_INSECURE: 'true',
    });
    await waitHealthy(metricsUrl.replace('/metrics', '/healthz'), gateway);
    client = apiClients(`127.0.0.1:${grpcPort}`, 'insecure');
  });

  afterAll(async () => {
    client?.close();
    expect(await gateway?.stop()).toBe(0);
  });

  const caseTopicCount = async () =>
    (await topicEndOffsets(kafka, TOPIC_BY_FAMILY.case + suffix)).reduce((s, p) => s + Number(p.offset), 0);

  it('accepts the documented maximum of 10,000 events in one call and writes every one', async () => {
    const before = await caseTopicCount();
    // ~200 bytes each: 2 MB in all, twice the broker's default max.message.bytes
    const { reply, error } = await upload(client, 10_000, () => caseEvent(100));
    expect(error).toBeUndefined();
    expect(reply).toMatchObject({ accepted: 10_000, rejected: 0 });
    expect((await caseTopicCount()) - before).toBe(10_000);
  });

  it('refuses the 10,001st event with RESOURCE_EXHAUSTED naming the limit, writing nothing', async () => {
    const before = await caseTopicCount();
    const { error } = await upload(client, 10_001, () => caseEvent(10));
    expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(error?.details).toMatch(/at most 10000 events per call/);
    expect(await caseTopicCount()).toBe(before);
  });

  it('refuses an event over the per-event limit, naming it, and a 3.9 MB message before reading it', async () => {
    const over = await upload(client, 1, () => caseEvent(66_000));
    expect(over.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(over.error?.details).toMatch(
      /^events\[0\]: the event is \d+ bytes, over CITYBRAIN_INGEST_MAX_EVENT_BYTES \(65536\)/,
    );
    const huge = await upload(client, 1, () => caseEvent(3.9 * 1_000_000));
    expect(huge.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(huge.error?.details).toMatch(/larger than max/);
  });

  it('stops a 500 MB upload at the per-call limit and stays far under the container limit', async () => {
    const eventBytes = 60_000;
    const attempt = Math.ceil((500 * MiB) / eventBytes);
    const result = await upload(client, attempt, () => caseEvent(eventBytes));
    expect(result.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(result.error?.details).toMatch(/CITYBRAIN_INGEST_MAX_CALL_BYTES \(16777216 bytes\)/);
    // The client could push only what fits in flow-control windows after the refusal.
    expect(result.written).toBeLessThan(attempt / 4);
    const m = await scrape(metricsUrl);
    const rss = m('process_resident_memory_bytes');
    console.log(
      `[ingest] 500 MB attempt: ${result.written} of ${attempt} events written before the refusal; gateway RSS ${(rss / MiB).toFixed(0)} MiB`,
    );
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(CONTAINER_LIMIT_BYTES);
    // and the gateway still answers
    const after = await upload(client, 1, () => caseEvent(10));
    expect(after.reply).toMatchObject({ accepted: 1 });
  });

  it('refuses an event dated beyond the allowed skew of the gateway’s clock, per event', async () => {
    const { reply } = await upload(client, 2, (i) =>
      i === 0 ? caseEvent(10, Date.UTC(2100, 11, 31)) : caseEvent(10, Date.now()),
    );
    expect(reply?.accepted).toBe(1);
    expect(reply?.results[0]?.rejection).toMatch(
      /^future-event-time: event_time 2100-12-31T00:00:00.000Z is more than 300000 ms ahead/,
    );
  });

  it('tells the caller not to retry when Kafka refuses the write for good', async () => {
    const permit: WirePublishEventsRequestInput = {
      permit: {
        eventId: 'permit-it-1',
        eventTime: { seconds: Math.floor(Date.UTC(2026, 10, 25, 1) / 1000) },
        source: 'gov',
        location: { gridId: 'G001' },
        permitId: 'P-1',
        projectName: 'y'.repeat(500),
        stage: 'PERMIT_STAGE_FILED',
      },
    };
    const { error } = await upload(client, 1, () => permit);
    expect(error?.code).toBe(grpc.status.INTERNAL);
    expect(error?.details).toMatch(/refused the write permanently .*will not help/);
  });
});
