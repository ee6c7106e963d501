import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';
import { retryRetriable } from './retry';

/** A topic the project creates. */
export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  /** Topic-level configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  readonly configs?: Readonly<Record<string, string>>;
}

/** What {@link ensureTopics} found and did. */
export interface EnsureTopicsResult {
  readonly created: string[];
  readonly mismatched: { topic: string; expected: number; actual: number }[];
}

/**
 * Creates the topics that do not exist yet (idempotent) with explicit partition counts, and waits
 * until every partition is served by its leader. Existing topics are left as they are; a partition count that differs from the
 * spec is reported in the returned list so the caller can warn.
 *
 * Several services start together and create the same topics: while one creation propagates, the
 * others can see "unknown topic or partition" or "topic already exists". Such retriable errors are
 * retried (with backoff, within `timeoutMs`) instead of failing start-up.
 */
export async function ensureTopics(
  client: KafkaClient,
  specs: readonly TopicSpec[],
  replicationFactor = 1,
  timeoutMs = 30_000,
): Promise<EnsureTopicsResult> {
  return retrying(client, 'TOPIC_SETUP_FAILED', timeoutMs, () =>
    ensureTopicsOnce(client, specs, replicationFactor),
  );
}

/** Retries `work` while metadata settles: right after topics are created, leaders and metadata take a
 * moment to propagate ("not the leader", "unknown topic or partition", "already exists"). */
function retrying<T>(
  client: KafkaClient,
  code: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  return retryRetriable(work, {
    code,
    timeoutMs,
    initialBackoffMs: 200,
    maxBackoffMs: 2000,
    // kafkajs wraps a retriable cause it gave up on as non-retriable ("retries exceeded"): a
    // partition its broker does not serve yet is still worth waiting for here.
    alsoRetry: (err) =>
      /already exists|does not host this topic-partition|not the leader|leader not available/i.test(
        err.message,
      ),
    onRetry: (err, attempt) =>
      client.logger.warn({ err, attempt }, 'Kafka metadata not settled yet; retrying'),
  });
}

async function ensureTopicsOnce(
  client: KafkaClient,
  specs: readonly TopicSpec[],
  replicationFactor: number,
): Promise<EnsureTopicsResult> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    // false: another client created (some of) them between our listing and our request.
    let createdAll = false;
    if (missing.length > 0) {
      createdAll = await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor,
          configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    // A broker under load lists a new topic's leader before it serves the partition ("does not host
    // this topic-partition"), and a producer that writes then fails after its own retries: wait until
    // every partition answers a ListOffsets, for the topics created by others a moment ago too.
    for (const s of specs) await admin.fetchTopicOffsets(s.topic);
    const present = specs.filter((s) => existing.has(s.topic));
    const mismatched: { topic: string; expected: number; actual: number }[] = [];
    if (present.length > 0) {
      const meta = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
      for (const t of meta.topics) {
        const spec = present.find((s) => s.topic === t.name);
        if (spec && spec.numPartitions !== t.partitions.length)
          mismatched.push({ topic: t.name, expected: spec.numPartitions, actual: t.partitions.length });
      }
    }
    return { created: createdAll ? missing.map((s) => s.topic) : [], mismatched };
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'TOPIC_SETUP_FAILED');
  } finally {
    await admin.disconnect();
  }
}

/** Reads the latest offsets (high watermarks) of every partition of a topic. */
export async function topicEndOffsets(
  client: KafkaClient,
  topic: string,
  timeoutMs = 30_000,
): Promise<{ partition: number; offset: string }[]> {
  return retrying(client, 'OFFSETS_FETCH_FAILED', timeoutMs, async () =>
    (await endOffsetsOnce(client, [topic])).map((o) => ({ partition: o.partition, offset: String(o.high) })),
  );
}

/**
 * One attempt at reading the end offsets (high watermarks under `read_committed`: the last stable
 * offsets) and start offsets of every partition of `topics`; no retry, for periodic checks.
 */
export async function endOffsetsOnce(
  client: KafkaClient,
  topics: readonly string[],
): Promise<{ topic: string; partition: number; low: number; high: number }[]> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    const out: { topic: string; partition: number; low: number; high: number }[] = [];
    for (const topic of topics)
      for (const o of await admin.fetchTopicOffsets(topic))
        out.push({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) });
    return out;
  } catch (err: unknown) {
    throw KafkaEdgeError.from(err, 'OFFSETS_FETCH_FAILED');
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
