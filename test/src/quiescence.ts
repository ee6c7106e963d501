import { committedOffsets, endOffsetsOnce, readTopicToEnd, type KafkaClient } from '@citybrain/kafka';
import { waitFor } from './services';

/**
 * Waits until a processor can produce nothing more without new input or the processing-time
 * fallback: its group has committed every input record, and every window operator's watermark has
 * reached its newest event time minus the out-of-orderness bound (every partition idle, so none
 * holds a watermark back). Its /metrics are reported only for committed steps, so the alerts of the
 * last step are on the alerts topic by then. Replaces "sleep and check that nothing extra arrives".
 * The processor must run with `CITYBRAIN_IDLE_ADVANCE_AFTER_MS` beyond the test's span.
 */
export async function waitQuiescent(o: {
  readonly client: KafkaClient;
  readonly group: string;
  readonly inputs: readonly string[];
  readonly metricsUrl: string;
  /** The processor's `CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS`. */
  readonly maxOutOfOrdernessMs: number;
  readonly timeoutMs?: number;
}): Promise<void> {
  await waitFor(
    `group ${o.group} to commit every input record and its watermarks to settle`,
    async () => {
      if (!(await groupDrained(o.client, o.group, o.inputs))) return undefined;
      const lags = watermarkLags(await (await fetch(o.metricsUrl)).text());
      if (lags.length === 0) return undefined;
      return lags.every((s) => s * 1000 <= o.maxOutOfOrdernessMs) ? true : undefined;
    },
    o.timeoutMs ?? 60_000,
  );
}

/**
 * Whether a processor group has committed every record of `topics` and of its internal repartition
 * topic (`<group>.events-by-area`, when it exists): with the partitioned topology the route tasks
 * commit the input before the area tasks have processed what they routed.
 */
export async function groupDrained(
  client: KafkaClient,
  group: string,
  topics: readonly string[],
): Promise<boolean> {
  const repartition = `${group}.events-by-area`;
  const internal = await endOffsetsOnce(client, [repartition]).catch(() => []);
  const ends = [...(await endOffsetsOnce(client, topics)), ...internal];
  if (ends.length === 0) return true;
  const committed = await committedOffsets(client, group, [
    ...topics,
    ...(internal.length > 0 ? [repartition] : []),
  ]);
  const at = new Map(committed.map((c) => [`${c.topic}/${c.partition}`, Number(c.offset)]));
  return ends.every((e) => e.high === 0 || (at.get(`${e.topic}/${e.partition}`) ?? -1) >= e.high);
}

/** Every `citybrain_window_watermark_lag_seconds` sample of a /metrics body. */
function watermarkLags(body: string): number[] {
  return body
    .split('\n')
    .filter((l) => l.startsWith('citybrain_window_watermark_lag_seconds{'))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
}

/** How many committed records `topic` holds (read to its last stable offset). */
export async function countCommitted(client: KafkaClient, topic: string): Promise<number> {
  let n = 0;
  await readTopicToEnd(client, topic, () => n++);
  return n;
}
