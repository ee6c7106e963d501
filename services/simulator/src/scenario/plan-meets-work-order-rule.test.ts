// The drills' overdue work orders are a promise about the work-order rule: run every case event of
// the stream through the real rule engine with the shipped deadlines and check that exactly the
// planned deadlines fire, and that each resolves when the order reaches the stage.
import type { Alert } from '@citybrain/domain';
import { CityRuleEngine, parseRuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './city-clock';
import { generateScenario } from './generate-scenario';
import type { ScenarioOptions } from './options';
import { plannedIncidents } from './scenario-plan';
import { cityTime, gridIdOf, testGrids } from './test-fixtures';

/** The work-order rule as deploy/config/rules.yaml ships it. */
const WORK_ORDER_RULE = {
  name: 'work-order-overdue',
  type: 'work-order-deadline',
  kind: 'cityManagement',
  sub_category: 'workOrderOverdue',
  severity: 'medium',
  deadlines: {
    urgent: { dispatch: '10m', accept: '30m', close: '1d' },
    normal: { dispatch: '30m', accept: '2h', close: '3d' },
  },
  by_service_code: { 'manhole.missing': { urgent: { close: '2h' }, normal: { close: '1d' } } },
  escalate_after: '1h',
  escalated_severity: 'high',
};

function alertsOf(options: ScenarioOptions): Alert[] {
  const areas = new Map(options.grids.map((g) => [g.id, g.areaId]));
  const engine = new CityRuleEngine(parseRuleSet({ version: 1, rules: [WORK_ORDER_RULE] }), (g) =>
    areas.get(g),
  );
  const alerts: Alert[] = [];
  for (const event of generateScenario(options)) {
    alerts.push(...engine.onWatermark(event.eventTimeMs));
    if (event.family !== 'case') continue;
    const gridId = gridIdOf(event, options.grids)!;
    alerts.push(...engine.onEvents([{ ...event, gridId, areaId: areas.get(gridId) ?? '' }]).alerts);
  }
  return alerts;
}

describe('the drills meet the work-order rule', () => {
  const options: ScenarioOptions = {
    seed: 7,
    grids: testGrids(103),
    startMs: cityTime(6, 30),
    durationMs: 6 * 60 * MINUTE_MS,
    // Only the drills' orders: the random cases bounce at times, and a bounced urgent order may
    // legitimately miss its acceptance deadline.
    casesPerGridPerHour: 0,
  };

  it('fires each planned deadline once, at the deadline, and resolves it when the stage is reached', () => {
    const plan = plannedIncidents(options);
    const got = alertsOf(options).map((a) =>
      `${a.labels['caseId']} ${a.labels['deadline']} ${a.status} ${a.startsAtMs} ${a.endsAtMs ?? ''}`.trim(),
    );
    expect(got).toEqual(
      plan.overdueOrders.flatMap((o) => [
        `${o.caseId} ${o.deadline} firing ${o.dueMs}`,
        `${o.caseId} ${o.deadline} resolved ${o.dueMs} ${o.metMs}`,
      ]),
    );
  });
});
