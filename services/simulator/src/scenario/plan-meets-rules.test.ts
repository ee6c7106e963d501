// The plan is a promise about alerts: run the stream through the real rule engine (with a minimal
// in-test tumbling-window pass standing in for the processor) and check that exactly the planned
// congestion, accidents, backlog spike and permit deadlines fire — no more, no fewer.
import type { Alert } from '@citybrain/domain';
import {
  caseStatsAggregator,
  defaultRulesConfig,
  RuleEngine,
  trafficStatsAggregator,
  type Aggregator,
  type WindowResult,
} from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './city-clock';
import { generateScenario } from './generate-scenario';
import type { ScenarioOptions } from './options';
import { plannedIncidents } from './scenario-plan';
import { cityTime, gridIdOf, testGrids } from './test-fixtures';

/** Tumbling windows per grid, closed (final) as soon as event time passes their end: the stream is sorted. */
class Windows<E, A, R> {
  private readonly open = new Map<string, { key: string; startMs: number; acc: A; count: number }>();

  constructor(
    private readonly sizeMs: number,
    private readonly aggregator: Aggregator<E, A, R>,
  ) {}

  add(gridId: string, eventTimeMs: number, event: E): void {
    const startMs = Math.floor(eventTimeMs / this.sizeMs) * this.sizeMs;
    const id = `${gridId}@${startMs}`;
    const w = this.open.get(id) ?? { key: gridId, startMs, acc: this.aggregator.init(), count: 0 };
    w.acc = this.aggregator.add(w.acc, event);
    w.count += 1;
    this.open.set(id, w);
  }

  closeBefore(watermarkMs: number): WindowResult<R>[] {
    const out: WindowResult<R>[] = [];
    for (const [id, w] of this.open) {
      if (w.startMs + this.sizeMs > watermarkMs) continue;
      this.open.delete(id);
      out.push({
        key: w.key,
        window: { startMs: w.startMs, endMs: w.startMs + this.sizeMs },
        value: this.aggregator.result(w.acc),
        count: w.count,
        final: true,
      });
    }
    return out.sort((a, b) => a.window.startMs - b.window.startMs || a.key.localeCompare(b.key));
  }
}

function alertsOf(options: ScenarioOptions): Alert[] {
  const areas = new Map(options.grids.map((g) => [g.id, g.areaId]));
  const engine = new RuleEngine(defaultRulesConfig, (gridId) => areas.get(gridId));
  const traffic = new Windows(defaultRulesConfig.trafficCongestion.trafficWindowMs, trafficStatsAggregator);
  const cases = new Windows(defaultRulesConfig.caseBacklogSpike.caseWindowMs, caseStatsAggregator);
  const alerts: Alert[] = [];
  const advance = (watermarkMs: number): void => {
    alerts.push(...engine.onTrafficWindows(traffic.closeBefore(watermarkMs)));
    alerts.push(...engine.onCaseWindows(cases.closeBefore(watermarkMs)));
    alerts.push(...engine.onWatermark(watermarkMs));
  };
  let watermarkMs = Number.NEGATIVE_INFINITY;
  for (const event of generateScenario(options)) {
    if (event.eventTimeMs > watermarkMs) advance((watermarkMs = event.eventTimeMs));
    const gridId = gridIdOf(event, options.grids);
    if (gridId === undefined) throw new Error(`event ${event.eventId} locates to no grid`);
    const located = { ...event, gridId, areaId: areas.get(gridId) ?? '' };
    if (located.family === 'traffic' && located.type === 'observation')
      traffic.add(gridId, event.eventTimeMs, located);
    else if (located.family === 'case') cases.add(gridId, event.eventTimeMs, located);
    else alerts.push(...engine.onEvents([located]));
  }
  advance(options.startMs + options.durationMs);
  return alerts;
}

describe('the plan meets the rule engine', () => {
  const grids = testGrids(103);
  const scenarios: [string, ScenarioOptions][] = [
    ['a morning', { seed: 1, grids, startMs: cityTime(6, 30), durationMs: 3 * 60 * MINUTE_MS }],
    ['an evening', { seed: 2, grids, startMs: cityTime(16, 30), durationMs: 3 * 60 * MINUTE_MS }],
  ];

  it.each(scenarios)('fires exactly the planned alerts in %s', (_, options) => {
    const plan = plannedIncidents(options);
    const firing = alertsOf(options).filter((a) => a.status === 'firing');
    const fired = (rule: string): string[] =>
      [
        ...new Set(
          firing
            .filter((a) => a.rule === rule)
            .map((a) =>
              `${a.gridId} ${a.labels['roadClass'] ?? ''}${a.labels['incidentId'] ?? ''}${a.labels['permitId'] ?? ''} ${a.labels['stage'] ?? ''}`.trim(),
            ),
        ),
      ].sort();

    const slowdown = plan.areaSlowdown?.gridIds.map((g) => `${g} arterial`) ?? [];
    expect(fired('traffic-congestion')).toEqual(
      [...new Set([...plan.congestion.map((c) => `${c.gridId} ${c.roadClass}`), ...slowdown])].sort(),
    );
    for (const c of plan.congestion) {
      const alert = firing.find(
        (a) =>
          a.rule === 'traffic-congestion' && a.gridId === c.gridId && a.labels['roadClass'] === c.roadClass,
      );
      expect(alert?.startsAtMs).toBe(c.fromMs);
      expect(alert?.severity).toBe(c.level === 'severe' ? 'high' : 'medium');
    }
    expect(fired('serious-accident')).toEqual(
      plan.accidents.map((a) => `${a.gridId} ${a.incidentId}`).sort(),
    );
    expect(fired('case-backlog-spike')).toEqual([plan.caseSpike.gridId]);
    expect(fired('permit-overdue')).toEqual(
      plan.overduePermits.map((p) => `${p.gridId} ${p.permitId} ${p.stage}`).sort(),
    );
  });
});
