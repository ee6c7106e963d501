// The plan is a promise about alerts: run the stream through the processor's own pipeline (the
// shipped rule file parsed with parseRuleSet, a real event-time window engine per threshold rule,
// the processor's default window and watermark settings) and check that exactly the planned
// congestion, accidents, accident clusters, area slowdown, case spike, permit and work-order
// deadlines fire — no more, no fewer.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Alert, EventFamily } from '@citybrain/domain';
import { CityPipeline, type PipelineEvent, type PipelineSettings } from '@citybrain/pipeline';
import { parseRuleSet } from '@citybrain/rules';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './city-clock';
import { generateScenario } from './generate-scenario';
import type { ScenarioOptions } from './options';
import { plannedIncidents } from './scenario-plan';
import { cityTime, gridIdOf, testGrids } from './test-fixtures';

/**
 * The processor as it starts without configuration: its default window and watermark settings
 * (docs/configuration.md) and the shipped rule file.
 */
const PROCESSOR: PipelineSettings & { readonly tickIntervalMs: number } = {
  graceMs: 0,
  watermark: {
    maxOutOfOrdernessMs: 5_000,
    idleTimeoutMs: 10_000,
    idleAdvanceAfterMs: 30_000,
    eventTimePerProcessingMs: 1,
  },
  tickIntervalMs: 1_000,
};
const RULES_FILE = fileURLToPath(new URL('../../../../deploy/config/rules.yaml', import.meta.url));
const SHIPPED_RULES = parseRuleSet(parseYaml(readFileSync(RULES_FILE, 'utf8')));

/** One input partition per family, as the processor's consumer sees the input topics. */
const PARTITION: Readonly<Record<EventFamily, string>> = {
  traffic: 'city.traffic/0',
  permit: 'city.permits/0',
  case: 'city.cases/0',
};

/** How long the clock runs on after the period: the longest window of the shipped rules (an hour of case reports). */
const DRAIN_MS = 60 * MINUTE_MS;

/**
 * Replays the scenario in real time through a `CityPipeline`, as the processor drives it: the
 * partitions are assigned first; at each tick of processing time, every partition delivers the
 * records that happened since the last tick as one batch, then the processor's timer ticks.
 * Processing time follows event time (the backfill of old permits arrives at the start). After the
 * last event the clock runs on for {@link DRAIN_MS}, so every window of the period closes and its
 * timers run.
 */
function alertsOf(options: ScenarioOptions): Alert[] {
  const areas = new Map(options.grids.map((g) => [g.id, g.areaId]));
  const pipeline = new CityPipeline<number>(
    { graceMs: PROCESSOR.graceMs, watermark: PROCESSOR.watermark },
    SHIPPED_RULES,
    (gridId) => areas.get(gridId),
  );
  const tickMs = PROCESSOR.tickIntervalMs;
  const alerts: Alert[] = [];
  let nowMs = options.startMs;
  alerts.push(
    ...pipeline.assign(
      { traffic: [PARTITION.traffic], permit: [PARTITION.permit], case: [PARTITION.case] },
      nowMs,
    ).alerts,
  );
  const pending = new Map<string, PipelineEvent<number>[]>();
  const deliver = (): void => {
    for (const [partition, batch] of pending) {
      if (batch.length > 0) alerts.push(...pipeline.processBatch(batch, nowMs).alerts);
      pending.set(partition, []);
    }
    alerts.push(...pipeline.tick(nowMs).alerts);
  };
  const offsets = new Map<string, number>();
  let ref = 0;
  for (const event of generateScenario(options)) {
    while (event.eventTimeMs > nowMs) {
      deliver();
      nowMs += tickMs;
    }
    const gridId = gridIdOf(event, options.grids);
    if (gridId === undefined) throw new Error(`event ${event.eventId} locates to no grid`);
    const partition = PARTITION[event.family];
    const offset = offsets.get(partition) ?? 0;
    offsets.set(partition, offset + 1);
    const batch = pending.get(partition) ?? [];
    batch.push({
      event: { ...event, gridId, areaId: areas.get(gridId) ?? '' },
      partition,
      offset,
      ref: ref++,
    });
    pending.set(partition, batch);
  }
  for (const endMs = options.startMs + options.durationMs + DRAIN_MS; nowMs <= endMs; nowMs += tickMs)
    deliver();
  return alerts;
}

/** What identifies an alert of any rule: its grid (or area) and the labels that tell its subject. */
const SUBJECT_LABELS = ['roadClass', 'incidentId', 'caseId', 'deadline', 'permitId', 'stage'];
const subjectOf = (a: Alert): string =>
  [a.gridId, ...SUBJECT_LABELS.map((k) => a.labels[k] ?? '')].filter((s) => s !== '').join(' ');
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** A replay of hours of city time takes seconds: more than the default timeout on a busy machine. */
const REPLAY_TIMEOUT_MS = 60_000;

describe('the plan meets the shipped rules', () => {
  const grids = testGrids(103);
  const scenarios: [string, ScenarioOptions][] = [
    ['a morning', { seed: 1, grids, startMs: cityTime(6, 30), durationMs: 3 * 60 * MINUTE_MS }],
    ['an evening', { seed: 2, grids, startMs: cityTime(16, 30), durationMs: 3 * 60 * MINUTE_MS }],
    // Long enough for the work-order drills. Only the drills' orders: the random cases bounce at
    // times, and a bounced order may legitimately miss a deadline the plan knows nothing of.
    [
      'a working day with only the drills’ work orders',
      { seed: 7, grids, startMs: cityTime(6, 30), durationMs: 6 * 60 * MINUTE_MS, casesPerGridPerHour: 0 },
    ],
  ];

  it.each(scenarios)(
    'fires exactly the planned alerts in %s',
    (_, options) => {
      const plan = plannedIncidents(options);
      const all = alertsOf(options);
      const firing = all.filter((a) => a.status === 'firing');
      const fired = (rule: string): string[] => sorted(firing.filter((a) => a.rule === rule).map(subjectOf));
      const first = (rule: string, subject: string): Alert | undefined =>
        firing.find((a) => a.rule === rule && subjectOf(a) === subject);

      // The area slowdown: every arterial road of the area in the moderate band.
      const area = plan.areaSlowdown;
      const slowdown = (area?.gridIds ?? []).map((gridId) => ({
        gridId,
        roadClass: 'arterial' as const,
        level: 'moderate' as const,
        fromMs: area?.fromMs ?? 0,
        toMs: area?.toMs ?? 0,
      }));
      const episodes = [...plan.congestion, ...slowdown];
      const drillOrders = new Set(plan.overdueOrders.map((o) => o.caseId));
      // With random cases on, only the drills' orders are checked: a random order may bounce and
      // legitimately miss a deadline.
      const randomCases = options.casesPerGridPerHour !== 0;
      const orderAlerts = all.filter(
        (a) => a.rule === 'work-order-overdue' && (!randomCases || drillOrders.has(a.labels['caseId'] ?? '')),
      );
      const expected: Record<string, string[]> = {
        'traffic-congestion': sorted(episodes.map((c) => `${c.gridId} ${c.roadClass}`)),
        // Moderate arterial speeds are injected at 15.5–19.5 km/h: the 5-minute mean is under the
        // city centre's (A01) stricter 18 km/h too.
        'traffic-congestion-sustained': sorted(
          episodes.filter((c) => c.roadClass === 'arterial').map((c) => `${c.gridId} arterial`),
        ),
        'area-congestion': plan.areaSlowdown === null ? [] : [plan.areaSlowdown.areaId],
        'serious-accident': sorted(plan.accidents.map((a) => `${a.gridId} ${a.incidentId}`)),
        'accident-cluster': sorted(plan.accidentClusters.map((c) => c.gridId)),
        'case-backlog-spike': [plan.caseSpike.gridId],
        'case-spike-baseline': [plan.caseSpike.gridId],
        'work-order-overdue': sorted(plan.overdueOrders.map((o) => `${o.gridId} ${o.caseId} ${o.deadline}`)),
        'permit-overdue': sorted(plan.overduePermits.map((p) => `${p.gridId} ${p.permitId} ${p.stage}`)),
      };
      // Every rule of the shipped file is accounted for: a new rule must be planned for here.
      expect(sorted(SHIPPED_RULES.rules.map((r) => r.name))).toEqual(sorted(Object.keys(expected)));
      for (const [rule, subjects] of Object.entries(expected)) {
        if (rule === 'work-order-overdue') {
          expect(sorted(orderAlerts.filter((a) => a.status === 'firing').map(subjectOf)), rule).toEqual(
            subjects,
          );
        } else {
          expect(fired(rule), rule).toEqual(subjects);
        }
      }

      for (const c of episodes) {
        const alert = first('traffic-congestion', `${c.gridId} ${c.roadClass}`);
        expect(alert?.startsAtMs).toBe(c.fromMs);
        expect(alert?.severity).toBe(c.level === 'severe' ? 'high' : 'medium');
        if (c.roadClass !== 'arterial') continue;
        // Hopping 5-minute windows: the first that breaches starts at most 5 minutes before the episode.
        const sustained = first('traffic-congestion-sustained', `${c.gridId} arterial`);
        expect(sustained?.startsAtMs).toBeGreaterThanOrEqual(c.fromMs - 5 * MINUTE_MS);
        expect(sustained?.startsAtMs).toBeLessThan(c.toMs);
      }
      if (plan.areaSlowdown !== null)
        expect(first('area-congestion', plan.areaSlowdown.areaId)?.startsAtMs).toBe(plan.areaSlowdown.fromMs);
      for (const a of plan.accidents)
        expect(first('serious-accident', `${a.gridId} ${a.incidentId}`)?.startsAtMs).toBe(a.atMs);
      for (const c of plan.accidentClusters)
        expect(first('accident-cluster', c.gridId)?.startsAtMs).toBe(c.fromMs);
      for (const p of plan.overduePermits)
        expect(first('permit-overdue', `${p.gridId} ${p.permitId} ${p.stage}`)?.startsAtMs).toBe(
          p.deadlineMs,
        );
      // Each missed work-order deadline fires once, at the deadline, and resolves when the order
      // reaches the stage.
      expect(
        orderAlerts
          .map((a) =>
            `${a.labels['caseId']} ${a.labels['deadline']} ${a.status} ${a.startsAtMs} ${a.endsAtMs ?? ''}`.trim(),
          )
          .sort(),
      ).toEqual(
        plan.overdueOrders
          .flatMap((o) => [
            `${o.caseId} ${o.deadline} firing ${o.dueMs}`,
            `${o.caseId} ${o.deadline} resolved ${o.dueMs} ${o.metMs}`,
          ])
          .sort(),
      );
    },
    REPLAY_TIMEOUT_MS,
  );
});
