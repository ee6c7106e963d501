import { CompressionTypes, Partitioners, type Message, type Producer } from 'kafkajs';
import type { KafkaClient } from './client';
import { KafkaEdgeError } from './errors';
import { GatheringQueue } from './gathering-queue';
import type { OutgoingRecord } from './records';

/**
 * An idempotent producer that writes batches across topics in one request per broker and resolves
 * only once every record is acknowledged by all in-sync replicas (`acks=-1`): callers commit their
 * input offsets after `send` resolves, which gives at-least-once delivery.
 *
 * Concurrent sends share requests: an idempotent kafkajs producer has one request in flight per
 * broker, so N callers sending at once used to wait N round trips in a row (the at-least-once stream
 * thread's tasks share one producer: 12 tasks, 12 round trips per fetch). While a request is in
 * flight, the records of every send that arrives are gathered, in call order, into the next one;
 * each caller resolves when the request holding its records is acknowledged (or rejects with it).
 */
export class BatchProducer {
  private readonly producer: Producer;
  private connected = false;
  private readonly queue = new GatheringQueue<OutgoingRecord>((calls) => this.sendNow(calls));

  constructor(private readonly client: KafkaClient) {
    this.producer = client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Java-compatible murmur2: a grid id always lands on the same partition as with Java clients.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    try {
      await this.producer.connect();
      this.connected = true;
    } catch (err: unknown) {
      throw KafkaEdgeError.from(err, 'PRODUCER_CONNECT_FAILED');
    }
  }

  /**
   * Sends all records; resolves when every one is acknowledged. An empty list is a no-op. Records of
   * sends made while another is in flight go out together in the next request, in call order.
   */
  send(records: readonly OutgoingRecord[]): Promise<void> {
    return this.queue.submit(records);
  }

  /** Sends the gathered calls' records in as few requests as the size limit allows. */
  private async sendNow(calls: readonly (readonly OutgoingRecord[])[]): Promise<void> {
    const records = calls.length === 1 ? calls[0]! : calls.flat();
    try {
      for (const group of splitBySize(records))
        await this.producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: toTopicMessages(group),
        });
    } catch (err: unknown) {
      throw KafkaEdgeError.from(err, 'PRODUCE_FAILED');
    }
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }

  /** @internal the client this producer belongs to. */
  get kafkaClient(): KafkaClient {
    return this.client;
  }
}

/** Groups records by topic as kafkajs messages. */
export function toTopicMessages(
  records: readonly OutgoingRecord[],
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const r of records) {
    let list = byTopic.get(r.topic);
    if (!list) byTopic.set(r.topic, (list = []));
    const message: Message = {
      key: r.key,
      value: r.value === null ? null : Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value),
    };
    if (r.headers) message.headers = { ...r.headers };
    if (r.timestampMs !== undefined) message.timestamp = String(r.timestampMs);
    if (r.partition !== undefined) message.partition = r.partition;
    list.push(message);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Bytes one produce request may carry: the broker refuses a record batch above its
 * `max.message.bytes` (1 MiB by default), and kafkajs sends one batch per partition per request.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Splits records, in order, into groups whose estimated size stays under `maxBytes` each. */
export function splitBySize(
  records: readonly OutgoingRecord[],
  maxBytes = MAX_REQUEST_BYTES,
): OutgoingRecord[][] {
  const groups: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let size = 0;
  for (const r of records) {
    let bytes =
      64 + (r.key === null ? 0 : Buffer.byteLength(r.key)) + (r.value === null ? 0 : r.value.length);
    for (const [k, v] of Object.entries(r.headers ?? {}))
      bytes += Buffer.byteLength(k) + Buffer.byteLength(v) + 8;
    if (current.length > 0 && size + bytes > maxBytes) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
