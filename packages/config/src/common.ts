import { z } from 'zod';
import { TOPICS } from '@citybrain/codec';
import { brokerList, logLevel, positiveInt } from './env';

/** Default local broker address, the one `deploy/kafka/kafka.sh start` listens on. */
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';

/** Topic names; overridable so that tests can use fresh topics. */
export interface TopicNames {
  readonly traffic: string;
  readonly permit: string;
  readonly case: string;
  readonly alerts: string;
  readonly deadLetter: string;
  readonly late: string;
  /** Compacted: the latest window aggregates per grid, for the gateway's GetGridState. */
  readonly gridState: string;
  /** Compacted: the firing alerts (key alert id, tombstone on resolve), so the gateway starts fast. */
  readonly activeAlerts: string;
  /** Compacted: the rules' open work orders and permits (key `<kind>/<caseId>`, tombstone when closed). */
  readonly cases: string;
  /** The rules' KPI facts (work orders closed, permits issued), summed by the gateway's `GetKpis`. */
  readonly kpi: string;
}

/** Default topic names: the wire contract's, plus the late-events and grid-state topics. */
export const DEFAULT_TOPICS: TopicNames = Object.freeze({
  ...TOPICS,
  late: 'city.late.v1',
  gridState: 'city.grid-state.v1',
  activeAlerts: 'city.alerts.active.v1',
  cases: 'city.cases.v1',
  kpi: 'city.kpi.v1',
});

/**
 * Environment variables every service reads: Kafka, topics, logging, metrics.
 * `CITYBRAIN_TOPIC_SUFFIX` appends to every topic name (tests use fresh topics).
 */
export const commonEnvSchema = z.object({
  KAFKA_BROKERS: brokerList.default([DEFAULT_KAFKA_BROKERS]),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  CITYBRAIN_TOPIC_SUFFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
  /**
   * Appended (after `CITYBRAIN_TOPIC_SUFFIX`) to the OUTPUT topics only (alerts, dead letters, late
   * events, grid state, active alerts, open cases, KPI facts): a second processor group can read the same input and write elsewhere — a
   * shadow run of a candidate rule file, or a comparison of two runs.
   */
  CITYBRAIN_OUTPUT_TOPIC_SUFFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
  /** Partitions of the input topics when the project creates them. */
  CITYBRAIN_INPUT_PARTITIONS: positiveInt.default(6),
  CITYBRAIN_LOG_LEVEL: logLevel.default('info'),
  CITYBRAIN_LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  CITYBRAIN_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Latency tracing (a debugging aid, off by default): records carrying this Kafka header are logged
   * (`msg: "trace"`, with `hop` and `atMs`) when a consumer of the service hands them over and when
   * the commit covering them starts and lands. `pnpm bench:latency --hops` sets it.
   */
  CITYBRAIN_TRACE_HEADER: z.string().min(1).optional(),
});

/** The parsed common settings. */
export interface CommonConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    /** `CITYBRAIN_TRACE_HEADER`: the header of records whose path is logged; absent: none. */
    readonly traceHeader?: string;
  };
  readonly topics: TopicNames;
  readonly inputPartitions: number;
  readonly log: { readonly level: z.infer<typeof logLevel>; readonly format: 'json' | 'pretty' };
  readonly metrics: { readonly host: string; readonly port: number };
}

/** Builds the common part of a service configuration from parsed variables. */
export function toCommonConfig(
  env: z.output<typeof commonEnvSchema>,
  service: string,
  metricsPort: number,
): CommonConfig {
  const s = env.CITYBRAIN_TOPIC_SUFFIX;
  const o = s + env.CITYBRAIN_OUTPUT_TOPIC_SUFFIX;
  return {
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: env.KAFKA_CLIENT_ID ?? `citybrain-${service}`,
      ...(env.CITYBRAIN_TRACE_HEADER ? { traceHeader: env.CITYBRAIN_TRACE_HEADER } : {}),
    },
    topics: {
      traffic: DEFAULT_TOPICS.traffic + s,
      permit: DEFAULT_TOPICS.permit + s,
      case: DEFAULT_TOPICS.case + s,
      alerts: DEFAULT_TOPICS.alerts + o,
      deadLetter: DEFAULT_TOPICS.deadLetter + o,
      late: DEFAULT_TOPICS.late + o,
      gridState: DEFAULT_TOPICS.gridState + o,
      activeAlerts: DEFAULT_TOPICS.activeAlerts + o,
      cases: DEFAULT_TOPICS.cases + o,
      kpi: DEFAULT_TOPICS.kpi + o,
    },
    inputPartitions: env.CITYBRAIN_INPUT_PARTITIONS,
    log: { level: env.CITYBRAIN_LOG_LEVEL, format: env.CITYBRAIN_LOG_FORMAT },
    metrics: { host: env.CITYBRAIN_METRICS_HOST, port: metricsPort },
  };
}
