import type {
  CaseEvent,
  CityEvent,
  PermitEvent,
  TrafficIncident,
  TrafficObservation,
} from '@citybrain/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_BACKLOG_MS } from './case-source';
import { MINUTE_MS } from './city-clock';
import { generateScenario } from './generate-scenario';
import type { ScenarioOptions } from './options';
import { PERMIT_DEADLINE_MS } from './permit-schedule';
import { plannedIncidents, type ScenarioPlan } from './scenario-plan';
import { congestionLevelOf } from './speed-bands';
import { cityTime, gridIdOf, testGrids } from './test-fixtures';

const grids = testGrids(103);
// 06:30–10:30 in Longgang: the morning rush hour and some plain daytime around it.
const options: ScenarioOptions = {
  seed: 20200926,
  grids,
  startMs: cityTime(6, 30),
  durationMs: 4 * 60 * MINUTE_MS,
};

const isObservation = (e: CityEvent): e is TrafficObservation =>
  e.family === 'traffic' && e.type === 'observation';
const isIncident = (e: CityEvent): e is TrafficIncident => e.family === 'traffic' && e.type === 'incident';
const isPermit = (e: CityEvent): e is PermitEvent => e.family === 'permit';
const isCase = (e: CityEvent): e is CaseEvent => e.family === 'case';

describe('generateScenario', () => {
  let events: CityEvent[];
  let plan: ScenarioPlan;
  const endMs = options.startMs + options.durationMs;
  beforeAll(() => {
    events = [...generateScenario(options)];
    plan = plannedIncidents(options);
  });

  it('is reproducible: same seed and options, same events; another seed, other events', () => {
    const short = { ...options, durationMs: 20 * MINUTE_MS };
    const a = [...generateScenario(short)];
    expect([...generateScenario(short)]).toEqual(a);
    const b = [...generateScenario({ ...short, seed: options.seed + 1 })];
    expect(b.map((e) => e.eventId)).not.toEqual(a.map((e) => e.eventId));
    expect(b.map((e) => e.eventTimeMs)).not.toEqual(a.map((e) => e.eventTimeMs));
    expect(plannedIncidents(options)).toEqual(plan);
  });

  it('emits every family, with unique ids sim-<seed>-<n>', () => {
    const ids = new Set(events.map((e) => e.eventId));
    expect(ids.size).toBe(events.length);
    for (const e of events.slice(0, 1000)) expect(e.eventId).toMatch(/^sim-20200926-\d+$/);
    expect(events.some(isObservation)).toBe(true);
    expect(events.some(isIncident)).toBe(true);
    expect(events.some(isPermit)).toBe(true);
    expect(events.some(isCase)).toBe(true);
  });

  it('never decreases event time; only the backfill (permits, open work orders) precedes the start; nothing at or after the end', () => {
    const backwards = events.filter((e, i) => i > 0 && e.eventTimeMs < events[i - 1]!.eventTimeMs);
    expect(backwards).toEqual([]);
    const before = events.filter((e) => e.eventTimeMs < options.startMs);
    expect(before.some(isPermit)).toBe(true);
    expect(before.every((e) => isPermit(e) || isCase(e))).toBe(true);
    expect(Math.min(...before.map((e) => e.eventTimeMs))).toBeGreaterThanOrEqual(
      options.startMs - 10 * 24 * 3_600_000,
    );
    // The work orders of the backlog were open at the start: none of them closed before it.
    const cases = before.filter(isCase);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((e) => e.stage !== 'closed')).toBe(true);
    expect(Math.min(...cases.map((e) => e.eventTimeMs))).toBeGreaterThanOrEqual(
      options.startMs - CASE_BACKLOG_MS,
    );
    // ...and some of them close in the period, so the closure KPIs have data.
    const backlogIds = new Set(cases.map((e) => e.caseId));
    expect(
      events.some(
        (e) =>
          isCase(e) && e.stage === 'closed' && backlogIds.has(e.caseId) && e.eventTimeMs >= options.startMs,
      ),
    ).toBe(true);
    expect(events.at(-1)!.eventTimeMs).toBeLessThan(endMs);
  });

  it('keeps the disorder within maxDisorderMs when asked for some', () => {
    const maxDisorderMs = 5_000;
    const disordered = [...generateScenario({ ...options, durationMs: 30 * MINUTE_MS, maxDisorderMs })];
    let maxSeen = -Infinity;
    let late = 0;
    let worstLatenessMs = 0;
    for (const e of disordered) {
      if (e.eventTimeMs < maxSeen) late++;
      worstLatenessMs = Math.max(worstLatenessMs, maxSeen - e.eventTimeMs);
      maxSeen = Math.max(maxSeen, e.eventTimeMs);
    }
    expect(late).toBeGreaterThan(0);
    expect(worstLatenessMs).toBeLessThanOrEqual(maxDisorderMs);
  });

  it('locates about pointFraction of the events by coordinates, on a grid centroid', () => {
    const sample = events.filter(isObservation);
    const points = sample.filter((e) => e.location.kind === 'point');
    expect(points.length / sample.length).toBeGreaterThan(0.18);
    expect(points.length / sample.length).toBeLessThan(0.22);
    for (const e of points.slice(0, 500)) expect(gridIdOf(e, grids)).toBeDefined();
    const none = [...generateScenario({ ...options, durationMs: 5 * MINUTE_MS, pointFraction: 0 })];
    expect(none.every((e) => e.location.kind === 'grid')).toBe(true);
  });

  describe('traffic', () => {
    it('reports every segment three times a minute, consistent with its grid', () => {
      const observations = events.filter(isObservation);
      const perSegment = new Map<string, number>();
      const bad: TrafficObservation[] = [];
      for (const o of observations) {
        perSegment.set(o.refRoadSegment, (perSegment.get(o.refRoadSegment) ?? 0) + 1);
        const consistent =
          o.refRoadSegment.startsWith(`${gridIdOf(o, grids)}-S`) &&
          o.source === `sensor/${o.refRoadSegment}` &&
          o.occupancy >= 0 &&
          o.occupancy <= 1 &&
          Number.isInteger(o.intensity) &&
          o.intensity >= 0;
        if (!consistent) bad.push(o);
      }
      expect(bad).toEqual([]);
      for (const count of perSegment.values()) expect(count).toBe(4 * 60 * 3);
    });

    it('drops the planned grids into the planned band, ≥ 3 observations a minute, and recovers', () => {
      expect(plan.congestion).toHaveLength(3);
      const observations = events.filter(isObservation);
      for (const c of plan.congestion) {
        expect(c.toMs - c.fromMs).toBeGreaterThanOrEqual(10 * MINUTE_MS);
        expect(c.toMs - c.fromMs).toBeLessThanOrEqual(20 * MINUTE_MS);
        // In the morning rush hour, 07:30–09:00.
        expect(c.fromMs).toBeGreaterThanOrEqual(cityTime(7, 30));
        expect(c.toMs).toBeLessThanOrEqual(cityTime(9));
        const mine = observations.filter((o) => c.segmentIds.includes(o.refRoadSegment));
        expect(mine.every((o) => o.roadClass === c.roadClass && gridIdOf(o, grids) === c.gridId)).toBe(true);
        const during = mine.filter((o) => o.eventTimeMs >= c.fromMs && o.eventTimeMs < c.toMs);
        expect(during.length).toBeGreaterThanOrEqual(((c.toMs - c.fromMs) / MINUTE_MS) * 3);
        for (const o of during)
          expect(congestionLevelOf(o.roadClass, o.averageVehicleSpeedKmh)).toBe(c.level);
        for (let m = c.fromMs; m < c.toMs; m += MINUTE_MS) {
          expect(
            during.filter((o) => o.eventTimeMs >= m && o.eventTimeMs < m + MINUTE_MS).length,
          ).toBeGreaterThanOrEqual(3);
        }
        const after = mine.filter((o) => o.eventTimeMs >= c.toMs && o.eventTimeMs < c.toMs + 5 * MINUTE_MS);
        expect(after.length).toBeGreaterThan(0);
        for (const o of after) {
          expect(['free', 'mostlyFree', 'light']).toContain(
            congestionLevelOf(o.roadClass, o.averageVehicleSpeedKmh),
          );
        }
      }
    });

    it('never congests traffic outside the planned episodes', () => {
      const slowdown = plan.areaSlowdown;
      const planned = (o: TrafficObservation): boolean =>
        plan.congestion.some(
          (c) =>
            c.segmentIds.includes(o.refRoadSegment) && o.eventTimeMs >= c.fromMs && o.eventTimeMs < c.toMs,
        ) ||
        (slowdown !== null &&
          o.roadClass === 'arterial' &&
          slowdown.gridIds.includes(gridIdOf(o, grids) ?? '') &&
          o.eventTimeMs >= slowdown.fromMs &&
          o.eventTimeMs < slowdown.toMs);
      const congested = events
        .filter(isObservation)
        .filter((o) => !planned(o))
        .filter(
          (o) =>
            !['free', 'mostlyFree', 'light'].includes(
              congestionLevelOf(o.roadClass, o.averageVehicleSpeedKmh),
            ),
        );
      expect(congested).toEqual([]);
    });

    it('is slower and busier on average in the rush hour than in plain daytime', () => {
      const unplanned = events
        .filter(isObservation)
        .filter((o) => !plan.congestion.some((c) => c.segmentIds.includes(o.refRoadSegment)));
      const stats = (fromMs: number, toMs: number) => {
        const xs = unplanned.filter((o) => o.eventTimeMs >= fromMs && o.eventTimeMs < toMs);
        const mean = (f: (o: TrafficObservation) => number): number =>
          xs.reduce((a, o) => a + f(o), 0) / xs.length;
        return {
          speed: mean((o) => o.averageVehicleSpeedKmh),
          intensity: mean((o) => o.intensity),
          occupancy: mean((o) => o.occupancy),
        };
      };
      const rush = stats(cityTime(7, 50), cityTime(8, 40));
      const day = stats(cityTime(9, 30), cityTime(10, 30));
      expect(rush.speed).toBeLessThan(day.speed * 0.92);
      expect(rush.intensity).toBeGreaterThan(day.intensity * 1.2);
      expect(rush.occupancy).toBeGreaterThan(day.occupancy * 1.3);
    });
  });

  describe('incidents', () => {
    it('reports, updates and solves every planned serious accident inside the period', () => {
      expect(plan.accidents).toHaveLength(3);
      const incidents = events.filter(isIncident);
      for (const a of plan.accidents) {
        const mine = incidents.filter((i) => i.incidentId === a.incidentId);
        expect(mine.length).toBeGreaterThanOrEqual(3);
        expect(mine.length).toBeLessThanOrEqual(4);
        const first = mine[0]!;
        const last = mine.at(-1)!;
        expect(first).toMatchObject({ eventTimeMs: a.atMs, status: 'onGoing', incidentType: 'accident' });
        expect(first.injured).toBeGreaterThanOrEqual(1);
        expect(mine.slice(0, -1).every((i) => i.status === 'onGoing' && i.injured >= 1)).toBe(true);
        expect(last).toMatchObject({
          eventTimeMs: a.resolvedAtMs,
          status: 'solved',
          injured: a.injured,
          dead: a.dead,
        });
        expect(a.resolvedAtMs - a.atMs).toBeGreaterThanOrEqual(20 * MINUTE_MS);
        expect(a.resolvedAtMs - a.atMs).toBeLessThanOrEqual(60 * MINUTE_MS);
        expect(a.atMs).toBeGreaterThanOrEqual(options.startMs);
        expect(a.resolvedAtMs).toBeLessThan(endMs);
        expect(mine.every((i) => gridIdOf(i, grids) === a.gridId)).toBe(true);
        expect(new Set(mine.map((i) => i.location)).size).toBe(1);
      }
    });

    it('keeps minor incidents below the serious-accident rule: no injuries, at most 2 vehicles', () => {
      const serious = new Set(plan.accidents.map((a) => a.incidentId));
      const minor = events.filter(isIncident).filter((i) => !serious.has(i.incidentId));
      expect(minor.length).toBeGreaterThan(0);
      for (const i of minor) {
        expect(i.injured + i.dead).toBe(0);
        expect(i.vehiclesInvolved).toBeLessThanOrEqual(2);
      }
    });
  });

  describe('rule drills', () => {
    it('plants an accident cluster: 3 minor accidents in one grid, each < 30 minutes after the last', () => {
      expect(plan.accidentClusters).toHaveLength(1);
      const cluster = plan.accidentClusters[0]!;
      const reports = events
        .filter(isIncident)
        .filter((i) => cluster.incidentIds.includes(i.incidentId) && i.status === 'onGoing');
      expect(reports.map((r) => r.incidentId)).toEqual(cluster.incidentIds);
      expect(reports.every((r) => gridIdOf(r, grids) === cluster.gridId && r.injured === 0)).toBe(true);
      for (let i = 1; i < reports.length; i++)
        expect(reports[i]!.eventTimeMs - reports[i - 1]!.eventTimeMs).toBeLessThan(30 * MINUTE_MS);
      expect(reports[0]!.eventTimeMs).toBe(cluster.fromMs);
      expect(reports.at(-1)!.eventTimeMs).toBe(cluster.lastMs);
    });

    it('plants overdue work orders: a late dispatch (normal) and a late acceptance (urgent)', () => {
      expect(plan.overdueOrders.map((o) => `${o.urgency} ${o.deadline}`)).toEqual([
        'normal dispatch',
        'urgent accept',
      ]);
      for (const o of plan.overdueOrders) {
        const stages = events.filter(isCase).filter((c) => c.caseId === o.caseId);
        const received = stages.find((c) => c.stage === 'received')!;
        const met = stages.find((c) => c.stage === (o.deadline === 'dispatch' ? 'dispatched' : 'accepted'))!;
        expect(o.dueMs).toBe(received.eventTimeMs + 30 * MINUTE_MS);
        expect(met.eventTimeMs).toBe(o.metMs);
        expect(met.eventTimeMs).toBeGreaterThan(o.dueMs);
        expect(stages.at(-1)!.stage).toBe('closed');
      }
    });

    it('slows every arterial road of one area into the moderate band at once', () => {
      const s = plan.areaSlowdown!;
      expect(s.toMs - s.fromMs).toBe(15 * MINUTE_MS);
      expect(s.gridIds.length).toBeGreaterThanOrEqual(2);
      const inside = events
        .filter(isObservation)
        .filter((o) => o.roadClass === 'arterial' && s.gridIds.includes(gridIdOf(o, grids) ?? ''))
        .filter((o) => o.eventTimeMs >= s.fromMs && o.eventTimeMs < s.toMs);
      expect(inside.length).toBeGreaterThan(0);
      for (const o of inside) expect(o.averageVehicleSpeedKmh).toBeLessThanOrEqual(20);
    });
  });

  describe('cases', () => {
    it('moves every case through its lifecycle in order', () => {
      const byCase = new Map<string, CaseEvent[]>();
      for (const c of events.filter(isCase)) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
      expect(byCase.size).toBeGreaterThan(50);
      let bounced = 0;
      let closed = 0;
      for (const stages of byCase.values()) {
        const names = stages.map((s) => s.stage);
        expect(names[0]).toBe('received');
        const full = ['received', 'dispatched', 'accepted', 'handled', 'verified', 'closed'];
        const withBounce = [
          'received',
          'dispatched',
          'bounced',
          'dispatched',
          'accepted',
          'handled',
          'verified',
          'closed',
        ];
        const expected = names.includes('bounced') ? withBounce : full;
        expect(names).toEqual(expected.slice(0, names.length));
        if (names.includes('bounced')) bounced++;
        if (names.at(-1) === 'closed') closed++;
        for (let i = 1; i < stages.length; i++)
          expect(stages[i]!.eventTimeMs).toBeGreaterThan(stages[i - 1]!.eventTimeMs);
        const first = stages[0]!;
        expect(
          stages.every(
            (s) =>
              s.serviceCode === first.serviceCode &&
              s.urgency === first.urgency &&
              s.channel === first.channel,
          ),
        ).toBe(true);
      }
      expect(bounced).toBeGreaterThan(0);
      expect(closed).toBeGreaterThan(0);
    });

    it('dispatches within 10 minutes when urgent and 30 minutes otherwise', () => {
      const received = new Map<string, CaseEvent>();
      const stalled = new Set(plan.overdueOrders.map((o) => o.caseId));
      for (const c of events.filter(isCase).filter((e) => !stalled.has(e.caseId))) {
        if (c.stage === 'received') received.set(c.caseId, c);
        else if (c.stage === 'dispatched' && received.has(c.caseId)) {
          const limit = c.urgency === 'urgent' ? 10 : 30;
          expect(c.eventTimeMs - received.get(c.caseId)!.eventTimeMs).toBeLessThanOrEqual(limit * MINUTE_MS);
          received.delete(c.caseId);
        }
      }
    });

    it('gives the spike grid at least 3× the base rate, and ≥ 6 reports in a 10-minute window', () => {
      const spike = plan.caseSpike;
      expect(spike.toMs - spike.fromMs).toBe(30 * MINUTE_MS);
      const received = events.filter(isCase).filter((c) => c.stage === 'received');
      const inSpike = received.filter(
        (c) =>
          gridIdOf(c, grids) === spike.gridId && c.eventTimeMs >= spike.fromMs && c.eventTimeMs < spike.toMs,
      );
      expect(inSpike.length).toBeGreaterThanOrEqual(spike.reports);
      const others = received.filter((c) => gridIdOf(c, grids) !== spike.gridId);
      const basePerGridPer30Min =
        others.length / (grids.length - 1) / (options.durationMs / (30 * MINUTE_MS));
      expect(inSpike.length).toBeGreaterThanOrEqual(3 * basePerGridPer30Min);
      expect(inSpike.length).toBeGreaterThanOrEqual(3 * 3 * basePerGridPer30Min * 10); // and by far
      const windowStart = Math.ceil(spike.fromMs / (10 * MINUTE_MS)) * 10 * MINUTE_MS;
      const inWindow = inSpike.filter(
        (c) => c.eventTimeMs >= windowStart && c.eventTimeMs < windowStart + 10 * MINUTE_MS,
      );
      expect(inWindow.length).toBeGreaterThanOrEqual(6);
      expect(inSpike.filter((c) => c.serviceCode === spike.serviceCode).length).toBeGreaterThan(
        inSpike.length / 2,
      );
    });
  });

  describe('permits', () => {
    it('moves permits filed → review → permitIssued or rejected, in order', () => {
      const byPermit = new Map<string, PermitEvent[]>();
      for (const p of events.filter(isPermit))
        byPermit.set(p.permitId, [...(byPermit.get(p.permitId) ?? []), p]);
      expect(byPermit.size).toBeGreaterThan(10);
      for (const stages of byPermit.values()) {
        const names = stages.map((s) => s.stage);
        expect([
          ['filed'],
          ['filed', 'review'],
          ['filed', 'review', 'permitIssued'],
          ['filed', 'review', 'rejected'],
        ]).toContainEqual(names);
        expect(new Set(stages.map((s) => s.projectName)).size).toBe(1);
      }
    });

    it('really overruns 8 days in the planned stage, with some deadlines inside the period', () => {
      const stages = plan.overduePermits.filter((p) => p.stage !== 'overall');
      const inPeriod = stages.filter((p) => p.deadlineMs >= options.startMs && p.deadlineMs < endMs);
      expect(inPeriod.length).toBeGreaterThanOrEqual(2);
      const permits = events.filter(isPermit);
      for (const p of plan.overduePermits) {
        const mine = permits.filter((e) => e.permitId === p.permitId);
        expect(mine[0]).toMatchObject({ stage: 'filed', eventTimeMs: p.filedMs });
        const entered = mine.find((e) => e.stage === (p.stage === 'overall' ? 'filed' : p.stage));
        expect(entered?.eventTimeMs).toBe(p.enteredMs);
        expect(p.deadlineMs).toBe(p.enteredMs + PERMIT_DEADLINE_MS);
        expect(p.deadlineMs).toBeLessThan(endMs);
        const exit = mine.find((e) =>
          p.stage === 'overall'
            ? e.stage === 'permitIssued' || e.stage === 'rejected'
            : e.eventTimeMs > p.enteredMs,
        );
        if (exit === undefined) expect(p.exitedMs).toBeUndefined();
        else {
          expect(exit.eventTimeMs).toBe(p.exitedMs);
          expect(exit.eventTimeMs - p.enteredMs).toBeGreaterThan(PERMIT_DEADLINE_MS);
        }
        expect(mine.every((e) => gridIdOf(e, grids) === p.gridId)).toBe(true);
      }
    });

    it('plans exactly the deadlines that the stream shows passing', () => {
      const byPermit = new Map<string, PermitEvent[]>();
      for (const p of events.filter(isPermit))
        byPermit.set(p.permitId, [...(byPermit.get(p.permitId) ?? []), p]);
      const seen: string[] = [];
      const check = (permitId: string, stage: string, enteredMs: number, exitMs: number): void => {
        const deadlineMs = enteredMs + PERMIT_DEADLINE_MS;
        if (exitMs > deadlineMs && deadlineMs < endMs) seen.push(`${permitId}/${stage}`);
      };
      for (const [permitId, stages] of byPermit) {
        stages.forEach((s, i) => {
          if (s.stage === 'filed' || s.stage === 'review') {
            check(permitId, s.stage, s.eventTimeMs, stages[i + 1]?.eventTimeMs ?? endMs);
          }
        });
        const terminal = stages.find((s) => s.stage === 'permitIssued' || s.stage === 'rejected');
        check(permitId, 'overall', stages[0]!.eventTimeMs, terminal?.eventTimeMs ?? endMs);
      }
      expect(plan.overduePermits.map((p) => `${p.permitId}/${p.stage}`).sort()).toEqual(seen.sort());
      expect(seen.some((k) => k.endsWith('/overall'))).toBe(true);
    });
  });

  it("follows residents' hours: more reports by day than at night", () => {
    const day = [
      ...generateScenario({
        seed: 3,
        grids: testGrids(10),
        startMs: cityTime(0),
        durationMs: 24 * 60 * MINUTE_MS,
        casesPerGridPerHour: 5,
        observationIntervalMs: 600_000,
      }),
    ];
    const received = day.filter(isCase).filter((c) => c.stage === 'received');
    const between = (fromH: number, toH: number): number =>
      received.filter((c) => c.eventTimeMs >= cityTime(fromH) && c.eventTimeMs < cityTime(toH)).length;
    expect(between(9, 12)).toBeGreaterThan(4 * between(1, 4));
  });

  it('copes with periods too short for any episode', () => {
    for (const durationMs of [1_000, 30_000, 5 * MINUTE_MS]) {
      const short = { ...options, durationMs };
      const shortPlan = plannedIncidents(short);
      expect(shortPlan.congestion).toEqual([]);
      expect(shortPlan.accidents).toEqual([]);
      expect(shortPlan.caseSpike.fromMs).toBeGreaterThanOrEqual(short.startMs);
      expect(shortPlan.caseSpike.toMs).toBeLessThanOrEqual(short.startMs + durationMs);
      const got = [...generateScenario(short)];
      expect(got.filter((e) => e.eventTimeMs >= short.startMs).length).toBeGreaterThan(0);
      expect(got.filter((e, i) => i > 0 && e.eventTimeMs < got[i - 1]!.eventTimeMs)).toEqual([]);
      expect(got.every((e) => e.eventTimeMs < short.startMs + durationMs)).toBe(true);
    }
  });

  it('keeps jittered points within pointJitterM of the centroid', () => {
    const pointJitterM = 40;
    const jittered = [
      ...generateScenario({ ...options, durationMs: 5 * MINUTE_MS, pointFraction: 1, pointJitterM }),
    ];
    const centroids = new Map(grids.map((g) => [g.id, g.centroid]));
    let moved = 0;
    for (const o of jittered.filter(isObservation)) {
      if (o.location.kind !== 'point') throw new Error('expected a point');
      const c = centroids.get(o.refRoadSegment.split('-')[0]!)!;
      const dy = (o.location.lat - c.lat) * 111_320;
      const dx = (o.location.lon - c.lon) * 111_320 * Math.cos((c.lat * Math.PI) / 180);
      const d = Math.hypot(dx, dy);
      expect(d).toBeLessThanOrEqual(pointJitterM + 0.2);
      if (d > 1) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('generates at least 100k events per second (≥ 200k on a quiet machine)', () => {
    const bench = { ...options, durationMs: 60 * MINUTE_MS, observationIntervalMs: 5_000 };
    const t0 = performance.now();
    let n = 0;
    for (const _ of generateScenario(bench)) n++;
    const perSecond = n / ((performance.now() - t0) / 1000);
    expect(n).toBeGreaterThan(100_000);
    expect(perSecond).toBeGreaterThan(100_000);
  });
});
