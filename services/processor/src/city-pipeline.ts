import type { Alert, CaseEvent, LocatedEvent, TrafficObservation } from '@citybrain/domain';
import {
  RuleEngine,
  caseStatsAggregator,
  trafficStatsAggregator,
  type CaseStats,
  type RulesConfig,
  type TrafficStats,
} from '@citybrain/rules';
import {
  TumblingWindows,
  WatermarkTracker,
  eventTimeWindows,
  type Aggregator,
  type EngineInput,
  type EngineOutput,
  type KeyedEvent,
  type WatermarkOptions,
  WindowEngine,
} from '@citybrain/windowing';
import { syncStage, type SyncStage } from './sync-stage';

/** An event entering the pipeline, with where it came from (for safe commits and late output). */
export interface PipelineEvent<Ref> {
  readonly event: LocatedEvent;
  /** `topic/partition` of the source record. */
  readonly partition: string;
  readonly offset: number;
  /** The caller's handle on the source record (the raw record, to forward late events untouched). */
  readonly ref: Ref;
}

/** Which windowed aggregation a late event missed. */
export type WindowName = 'traffic' | 'case';

/** An event that arrived after every window it belongs to had closed. */
export interface PipelineLateEvent<Ref> {
  readonly window: WindowName;
  readonly ref: Ref;
  readonly event: LocatedEvent;
  readonly windowEndMs: number;
  readonly watermarkMs: number;
}

/** What one batch (or tick) produced. */
export interface PipelineOutput<Ref> {
  readonly alerts: readonly Alert[];
  readonly late: readonly PipelineLateEvent<Ref>[];
  /** Per-window state for metrics. */
  readonly windows: Readonly<
    Record<
      WindowName,
      { readonly watermarkMs: number; readonly openWindows: number; readonly maxEventTimeMs: number }
    >
  >;
  /** The watermark that drives the rules' event-time timers (deadlines, staleness). */
  readonly clockWatermarkMs: number;
}

/** Window and watermark settings of the pipeline. */
export interface PipelineSettings {
  readonly trafficWindowMs: number;
  readonly caseWindowMs: number;
  readonly graceMs: number;
  readonly watermark: WatermarkOptions;
}

type Value<Ref> = PipelineEvent<Ref>;

/**
 * The processor's pure core composed: per-grid event-time windows on RxJS (1-minute traffic windows,
 * case-report windows), the rule engine, and an event-time clock over every input partition for the
 * rules' timers. No I/O: the caller passes processing time in and gets alerts and late events out.
 */
export class CityPipeline<Ref> {
  private readonly traffic: SyncStage<EngineInput<Value<Ref>>, EngineOutput<Value<Ref>, TrafficStats>>;
  private readonly cases: SyncStage<EngineInput<Value<Ref>>, EngineOutput<Value<Ref>, CaseStats>>;
  private readonly trafficEngine: WindowEngine<Value<Ref>, unknown, TrafficStats>;
  private readonly caseEngine: WindowEngine<Value<Ref>, unknown, CaseStats>;
  private readonly clock: WatermarkTracker;
  private readonly rules: RuleEngine;
  private readonly maxEventTime = { traffic: Number.NEGATIVE_INFINITY, case: Number.NEGATIVE_INFINITY };

  constructor(
    settings: PipelineSettings,
    rules: RulesConfig,
    areaOf: (gridId: string) => string | undefined,
  ) {
    const onTraffic = (v: Value<Ref>) => v.event as LocatedEvent<TrafficObservation>;
    const onCase = (v: Value<Ref>) => v.event as LocatedEvent<CaseEvent>;
    this.trafficEngine = new WindowEngine<Value<Ref>, unknown, TrafficStats>({
      windows: TumblingWindows.of(settings.trafficWindowMs, { graceMs: settings.graceMs }),
      aggregator: mapInput(trafficStatsAggregator, onTraffic),
      watermark: settings.watermark,
    });
    this.caseEngine = new WindowEngine<Value<Ref>, unknown, CaseStats>({
      windows: TumblingWindows.of(settings.caseWindowMs, { graceMs: settings.graceMs }),
      aggregator: mapInput(caseStatsAggregator, onCase),
      watermark: settings.watermark,
    });
    this.traffic = syncStage(eventTimeWindows(this.trafficEngine));
    this.cases = syncStage(eventTimeWindows(this.caseEngine));
    this.clock = new WatermarkTracker(settings.watermark);
    this.rules = new RuleEngine(rules, areaOf);
  }

  /** Processes one batch of decoded, located events received at processing time `nowMs`. */
  processBatch(events: readonly PipelineEvent<Ref>[], nowMs: number): PipelineOutput<Ref> {
    const trafficIn: KeyedEvent<Value<Ref>>[] = [];
    const caseIn: KeyedEvent<Value<Ref>>[] = [];
    const located: LocatedEvent[] = [];
    for (const pe of events) {
      const e = pe.event;
      located.push(e);
      this.clock.observe(pe.partition, e.eventTimeMs, nowMs);
      const keyed = {
        key: e.gridId,
        timestampMs: e.eventTimeMs,
        partition: pe.partition,
        offset: pe.offset,
        value: pe,
      };
      if (e.family === 'traffic' && e.type === 'observation') {
        trafficIn.push(keyed);
        if (e.eventTimeMs > this.maxEventTime.traffic) this.maxEventTime.traffic = e.eventTimeMs;
      } else if (e.family === 'case' && e.stage === 'received') {
        caseIn.push(keyed);
        if (e.eventTimeMs > this.maxEventTime.case) this.maxEventTime.case = e.eventTimeMs;
      }
    }
    const alerts: Alert[] = this.rules.onEvents(located);
    return this.step(
      alerts,
      { kind: 'events', events: trafficIn, nowMs },
      { kind: 'events', events: caseIn, nowMs },
      nowMs,
    );
  }

  /**
   * Tells the windows which source partitions are assigned (after a consumer-group rebalance):
   * an assigned partition holds the watermark back until it delivers or goes idle, so the first
   * batch fetched from one partition cannot make another partition's older events late.
   */
  assign(
    partitions: {
      readonly traffic: readonly string[];
      readonly case: readonly string[];
      readonly all: readonly string[];
    },
    nowMs: number,
  ): PipelineOutput<Ref> {
    this.clock.assign(partitions.all, nowMs);
    return this.step(
      [],
      { kind: 'assign', partitions: partitions.traffic, nowMs },
      { kind: 'assign', partitions: partitions.case, nowMs },
      nowMs,
    );
  }

  /** Advances processing time: idle partitions stop holding watermarks back; timers fire. */
  tick(nowMs: number): PipelineOutput<Ref> {
    return this.step([], { kind: 'tick', nowMs }, { kind: 'tick', nowMs }, nowMs);
  }

  private step(
    alerts: Alert[],
    trafficInput: EngineInput<Value<Ref>>,
    caseInput: EngineInput<Value<Ref>>,
    nowMs: number,
  ): PipelineOutput<Ref> {
    const t = this.traffic.push(trafficInput);
    const c = this.cases.push(caseInput);
    alerts.push(...this.rules.onTrafficWindows(t.results));
    alerts.push(...this.rules.onCaseWindows(c.results));
    const clockWatermarkMs = this.clock.advance(nowMs);
    if (Number.isFinite(clockWatermarkMs)) alerts.push(...this.rules.onWatermark(clockWatermarkMs));
    const late: PipelineLateEvent<Ref>[] = [];
    for (const l of t.late) late.push(toLate('traffic', l));
    for (const l of c.late) late.push(toLate('case', l));
    return {
      alerts,
      late,
      windows: {
        traffic: {
          watermarkMs: t.watermarkMs,
          openWindows: t.openWindows,
          maxEventTimeMs: this.maxEventTime.traffic,
        },
        case: {
          watermarkMs: c.watermarkMs,
          openWindows: c.openWindows,
          maxEventTimeMs: this.maxEventTime.case,
        },
      },
      clockWatermarkMs,
    };
  }

  /**
   * Per source partition, the lowest offset still needed by an open window. Committing beyond it
   * would lose that window's contents on a crash, so the processor commits at most this offset.
   */
  lowWaterOffsets(): ReadonlyMap<string, number> {
    const out = new Map<string, number>(this.trafficEngine.lowWaterOffsets());
    for (const [p, o] of this.caseEngine.lowWaterOffsets()) out.set(p, Math.min(o, out.get(p) ?? o));
    return out;
  }

  /** Alerts currently firing. */
  activeAlerts(): Alert[] {
    return this.rules.activeAlerts();
  }
}

function toLate<Ref>(
  window: WindowName,
  l: { event: KeyedEvent<Value<Ref>>; windowEndMs: number; watermarkMs: number },
): PipelineLateEvent<Ref> {
  return {
    window,
    ref: l.event.value.ref,
    event: l.event.value.event,
    windowEndMs: l.windowEndMs,
    watermarkMs: l.watermarkMs,
  };
}

/** Adapts an aggregator of domain events to the pipeline's event wrapper. */
function mapInput<E, A, R, V>(agg: Aggregator<E, A, R>, f: (v: V) => E): Aggregator<V, unknown, R> {
  return {
    init: () => agg.init(),
    add: (acc, v) => agg.add(acc as A, f(v)),
    merge: (a, b) => agg.merge(a as A, b as A),
    result: (acc) => agg.result(acc as A),
  };
}
