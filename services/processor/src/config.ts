import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RecordFormat } from '@citybrain/codec';
import { z } from 'zod';
import {
  commonEnvSchema,
  duration,
  durationMs,
  parseEnv,
  port,
  positiveInt,
  toCommonConfig,
  type CommonConfig,
  type Env,
} from '@citybrain/config';

/** The grid file shipped with the project (Longgang's default); a city points CITYBRAIN_GRIDS_FILE at its own. */
export const DEFAULT_GRIDS_FILE = fileURLToPath(
  new URL('../../../deploy/config/longgang-grids.yaml', import.meta.url),
);

/** The rule file shipped with the project; a city points CITYBRAIN_RULES_FILE at its own. */
export const DEFAULT_RULES_FILE = fileURLToPath(
  new URL('../../../deploy/config/rules.yaml', import.meta.url),
);

const processorEnvSchema = commonEnvSchema.extend({
  CITYBRAIN_PROCESSOR_GROUP: z.string().min(1).default('citybrain-processor'),
  CITYBRAIN_PROCESSOR_METRICS_PORT: port.default(9464),
  CITYBRAIN_GRIDS_FILE: z.string().min(1).default(DEFAULT_GRIDS_FILE),
  /** The rule file (YAML): windows and rules; reloaded on SIGHUP or when it changes. */
  CITYBRAIN_RULES_FILE: z.string().min(1).default(DEFAULT_RULES_FILE),
  CITYBRAIN_WINDOW_GRACE_MS: durationMs.default(0),
  CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS: durationMs.default(5_000),
  CITYBRAIN_IDLE_TIMEOUT_MS: positiveInt.default(10_000),
  /** Processing-time fallback: after this long with no event at all, event time advances with the clock. */
  CITYBRAIN_IDLE_ADVANCE_AFTER_MS: durationMs.default(30_000),
  /** Event-time ms per processing ms for that fallback (60 when replaying a city hour per minute). */
  CITYBRAIN_EVENT_TIME_RATE: z.coerce.number().positive('must be > 0').default(1),
  CITYBRAIN_TICK_INTERVAL_MS: positiveInt.default(1_000),
  CITYBRAIN_CONSUME_FROM_BEGINNING: z.enum(['true', 'false']).default('true'),
  /** exactly_once: outputs, state changelog and input offsets commit in one Kafka transaction. */
  CITYBRAIN_PROCESSING_GUARANTEE: z.enum(['exactly_once', 'at_least_once']).default('exactly_once'),
  /** A processor silent this long loses the task to a standby (broker minimum: 6 s). */
  CITYBRAIN_SESSION_TIMEOUT_MS: durationMs.min(6_000, 'must be >= 6000 (the broker minimum)').default(6_000),
  /** The compacted topic of the processor's state store (default: `<group>.state-changelog`). */
  CITYBRAIN_STATE_CHANGELOG_TOPIC: z.string().min(1).optional(),
  /**
   * How far an event's time may run ahead of its Kafka record's timestamp (e.g. `5m`); beyond it the
   * record goes to the dead-letter topic with reason `future-event-time` and never reaches a window.
   */
  CITYBRAIN_MAX_FUTURE_SKEW: duration.default(5 * 60_000),
  /** Format of the alerts topic: `protobuf`, or `json` (the protobuf JSON mapping, readable with kcat). */
  CITYBRAIN_ALERTS_FORMAT: z.enum(['protobuf', 'json']).default('protobuf'),
  /**
   * `partitioned`: route tasks per input partition write events keyed by area to the repartition
   * topic, area tasks per repartition partition run the rules; tasks spread over the group's
   * instances. `single`: one task owns all input (other instances are hot standbys).
   */
  CITYBRAIN_TOPOLOGY: z.enum(['partitioned', 'single']).default('partitioned'),
  /** Partitions of the repartition topic `<group>.events-by-area` (default: the input topics' count). */
  CITYBRAIN_REPARTITION_PARTITIONS: positiveInt.optional(),
  /**
   * Format of the records route tasks write to the repartition topic: 2, the default, carries the
   * source's coordinates in a small binary prefix of the value; 1 in string headers, as releases up
   * to 2026-11-29 wrote and read. Every release since reads both. A rolling upgrade from an earlier
   * release runs with 1 until no instance of the old one is left, then without it (as Kafka Streams'
   * `upgrade.from`): an old instance skips records in format 2.
   */
  CITYBRAIN_REPARTITION_FORMAT: z.enum(['1', '2']).default('2'),
  /**
   * How often the repartition topic's records below the area tasks' committed offsets are deleted
   * (Kafka Streams' `repartition.purge.interval.ms`, e.g. 30000); 0, the default, never purges: a
   * processor restarted on a purged topic was seen to stall (kafkajs reset a position reported out of
   * range), so the purge stays opt-in until that is understood.
   */
  CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS: durationMs.default(0),
  /**
   * Stream threads of this process (Kafka Streams' `num.stream.threads`): each is a worker thread
   * with its own consumer (a group member) and its own tasks and state. Default: the cores available
   * (`os.availableParallelism()`).
   */
  CITYBRAIN_STREAM_THREADS: positiveInt.default(availableParallelism()),
  /**
   * Cap of each stream thread's old-generation heap, MB (a worker thread's
   * `resourceLimits.maxOldGenerationSizeMb`). Unset, the default, lets V8 grow each thread's heap to
   * about three times its live data before a full collection, which is most of the process's peak
   * memory; a cap trades that slack for more frequent collections (see the README's memory figures).
   * A thread whose live state outgrows the cap stops the process with an error naming this key. When
   * set, a single stream thread runs in a worker thread too, so that the cap applies.
   */
  CITYBRAIN_STREAM_THREAD_HEAP_MB: positiveInt.min(32, 'must be >= 32').optional(),
});

/** The processor's parsed, frozen configuration. */
export interface ProcessorConfig extends CommonConfig {
  readonly groupId: string;
  readonly gridsFile: string;
  readonly rulesFile: string;
  readonly graceMs: number;
  readonly watermark: {
    readonly maxOutOfOrdernessMs: number;
    readonly idleTimeoutMs: number;
    readonly idleAdvanceAfterMs: number;
    readonly eventTimePerProcessingMs: number;
  };
  readonly tickIntervalMs: number;
  readonly fromBeginning: boolean;
  readonly guarantee: 'exactly_once' | 'at_least_once';
  readonly sessionTimeoutMs: number;
  readonly changelogTopic: string;
  /** How far an event's time may be ahead of its record's timestamp, ms (`CITYBRAIN_MAX_FUTURE_SKEW`). */
  readonly maxFutureSkewMs: number;
  /** Format of the records the processor writes to the alerts topic. */
  readonly alertsFormat: RecordFormat;
  /** How the work is split into tasks (`CITYBRAIN_TOPOLOGY`). */
  readonly topology: 'partitioned' | 'single';
  /** The internal topic of events keyed by area (`<group>.events-by-area`). */
  readonly repartitionTopic: string;
  /** Its partition count; undefined: as many as the input topics have. */
  readonly repartitionPartitions: number | undefined;
  /** Format of the records written to it (`CITYBRAIN_REPARTITION_FORMAT`). */
  readonly repartitionFormat: 1 | 2;
  /** How often the repartition topic is purged below the committed offsets, ms. */
  readonly repartitionPurgeIntervalMs: number;
  /** Stream threads in this process, each owning its own tasks (`CITYBRAIN_STREAM_THREADS`). */
  readonly streamThreads: number;
  /** Each stream thread's old-generation heap cap, MB; undefined: V8's own (`CITYBRAIN_STREAM_THREAD_HEAP_MB`). */
  readonly streamThreadHeapMb: number | undefined;
}

/**
 * Parses the processor's configuration from environment variables.
 * @throws ConfigError naming every bad variable.
 */
export function loadProcessorConfig(env: Env): ProcessorConfig {
  const e = parseEnv(processorEnvSchema, env);
  return Object.freeze({
    ...toCommonConfig(e, 'processor', e.CITYBRAIN_PROCESSOR_METRICS_PORT),
    groupId: e.CITYBRAIN_PROCESSOR_GROUP,
    gridsFile: e.CITYBRAIN_GRIDS_FILE,
    rulesFile: e.CITYBRAIN_RULES_FILE,
    graceMs: e.CITYBRAIN_WINDOW_GRACE_MS,
    watermark: Object.freeze({
      maxOutOfOrdernessMs: e.CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS,
      idleTimeoutMs: e.CITYBRAIN_IDLE_TIMEOUT_MS,
      idleAdvanceAfterMs: e.CITYBRAIN_IDLE_ADVANCE_AFTER_MS,
      eventTimePerProcessingMs: e.CITYBRAIN_EVENT_TIME_RATE,
    }),
    tickIntervalMs: e.CITYBRAIN_TICK_INTERVAL_MS,
    fromBeginning: e.CITYBRAIN_CONSUME_FROM_BEGINNING === 'true',
    guarantee: e.CITYBRAIN_PROCESSING_GUARANTEE,
    sessionTimeoutMs: e.CITYBRAIN_SESSION_TIMEOUT_MS,
    changelogTopic: e.CITYBRAIN_STATE_CHANGELOG_TOPIC ?? `${e.CITYBRAIN_PROCESSOR_GROUP}.state-changelog`,
    maxFutureSkewMs: e.CITYBRAIN_MAX_FUTURE_SKEW,
    alertsFormat: e.CITYBRAIN_ALERTS_FORMAT,
    topology: e.CITYBRAIN_TOPOLOGY,
    repartitionTopic: `${e.CITYBRAIN_PROCESSOR_GROUP}.events-by-area`,
    repartitionPartitions: e.CITYBRAIN_REPARTITION_PARTITIONS,
    repartitionFormat: e.CITYBRAIN_REPARTITION_FORMAT === '1' ? 1 : 2,
    repartitionPurgeIntervalMs: e.CITYBRAIN_REPARTITION_PURGE_INTERVAL_MS,
    streamThreads: e.CITYBRAIN_STREAM_THREADS,
    streamThreadHeapMb: e.CITYBRAIN_STREAM_THREAD_HEAP_MB,
  });
}
