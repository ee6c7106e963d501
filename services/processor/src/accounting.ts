import type { Alert } from '@citybrain/domain';
import type { IncomingRecord } from '@citybrain/kafka';
import { alertLogFields, type Logger } from '@citybrain/observability';
import type { PipelineOutput } from '@citybrain/pipeline';
import { FUTURE_EVENT_TIME, type RejectedRecord } from '@citybrain/ingest';
import type { KpiMetrics } from './kpi-metrics';
import { MAX_SOURCE_LABELS, boundedLabel, type ProcessorMetrics } from './metrics';

/**
 * Turns committed pipeline steps into metrics and log lines. Called only once a step's commit landed,
 * so a rolled-back step (replayed after a restore) is never counted twice.
 */
export class Accounting {
  private readonly backlogGrids = new Set<string>();
  // Sources of future-dated events are producer-chosen strings: bound the label set.
  private readonly sourceLabel = boundedLabel(MAX_SOURCE_LABELS);

  constructor(
    private readonly metrics: ProcessorMetrics,
    private readonly kpi: KpiMetrics,
    private readonly logger: Logger,
    private readonly areaOf: (gridId: string) => string | undefined,
  ) {}

  /** A consumed batch's input counters and its rejected records. */
  batch(topic: string, partition: number, records: number, rejected: readonly RejectedRecord[]): void {
    this.metrics.consumed.inc({ topic, partition: String(partition) }, records);
    for (const r of rejected) {
      this.metrics.invalid.inc({ topic, reason: r.reason });
      if (r.reason === FUTURE_EVENT_TIME)
        this.metrics.futureEvents.inc({ topic, source: this.sourceLabel(r.source ?? '') });
      this.logger.warn(
        { topic: r.record.topic, partition: r.record.partition, offset: r.record.offset, reason: r.reason },
        `invalid event sent to the dead-letter topic: ${r.message}`,
      );
    }
  }

  /** Windows, KPIs, late events and alerts of one step. */
  step(
    out: PipelineOutput<IncomingRecord>,
    openWorkOrders: ReadonlyMap<string, { areaId: string; count: number }>,
    startedAtMs: number,
    extraAlerts: readonly Alert[] = [],
  ): void {
    const { metrics, kpi } = this;
    for (const [name, w] of out.windows) {
      metrics.openWindows.set({ window: name }, w.openWindows);
      if (Number.isFinite(w.watermarkMs)) {
        metrics.watermark.set({ window: name }, w.watermarkMs / 1000);
        if (Number.isFinite(w.maxEventTimeMs))
          metrics.watermarkLag.set({ window: name }, Math.max(0, w.maxEventTimeMs - w.watermarkMs) / 1000);
      }
      if (w.evaluations > 0) metrics.evaluations.inc({ rule: name }, w.evaluations);
    }
    for (const c of out.kpi.congestion) kpi.congestionLevel.set({ grid: c.gridId, area: c.areaId }, c.level);
    for (const c of out.kpi.closures) kpi.workOrdersClosed.inc({ area: c.areaId, on_time: String(c.onTime) });
    for (const p of out.kpi.permitLeadTimes)
      kpi.permitLeadTime.observe({ area: p.areaId }, p.leadTimeMs / 1000);
    for (const [grid, o] of openWorkOrders) {
      kpi.workOrdersOpen.set({ grid, area: o.areaId }, o.count);
      this.backlogGrids.add(grid);
    }
    for (const grid of this.backlogGrids) {
      if (openWorkOrders.has(grid)) continue;
      kpi.workOrdersOpen.set({ grid, area: this.areaOf(grid) ?? 'unknown' }, 0);
      this.backlogGrids.delete(grid);
    }
    for (const l of out.late)
      metrics.late.inc({ topic: l.ref.topic, window: l.window, grid: l.event.gridId });
    const nowMs = Date.now();
    const seconds = (nowMs - startedAtMs) / 1000;
    for (const a of [...extraAlerts, ...out.alerts]) {
      metrics.alerts.inc({ rule: a.rule, severity: a.severity, status: a.status, area: a.areaId });
      metrics.alertDelay.observe({ rule: a.rule }, seconds);
      if (a.status === 'firing')
        metrics.endToEndDelay.observe({ rule: a.rule }, Math.max(0, nowMs - a.startsAtMs) / 1000);
      this.logger.info(alertLogFields(a), 'alert published');
    }
  }
}
