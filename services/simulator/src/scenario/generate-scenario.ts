import type { CityEvent } from '@citybrain/domain';
import { CaseSource } from './case-source';
import { MINUTE_MS } from './city-clock';
import { EventIds } from './event-ids';
import { EventQueue } from './event-queue';
import { Locator } from './locator';
import { resolveScenarioOptions, type ResolvedScenarioOptions, type ScenarioOptions } from './options';
import { Random } from './random';
import { RANDOM_STREAMS, scheduleScenario } from './scenario-plan';
import { scheduledEvents } from './scheduled-events';
import { TrafficSource } from './traffic-source';

/** The generator advances city time in steps of this size, releasing each step's events in order. */
const STEP_MS = MINUTE_MS;

/**
 * Generates a city's events for `[startMs, startMs + durationMs)`, lazily: traffic observations and
 * incidents, permit stages, city-management cases. Pure and reproducible: no I/O, no clock, no
 * `Math.random` — the same seed and options give the same events with the same ids.
 *
 * Order: first the backfill (stages of permits filed up to 10 days before `startMs` and still open at
 * it, event times before `startMs`), then everything else; event time never decreases, unless
 * `maxDisorderMs > 0`, in which case no event comes more than `maxDisorderMs` (event time) after a
 * later one.
 *
 * `plannedIncidents(options)` tells what the stream injects.
 * @throws ScenarioOptionsError naming every bad option, at the call (not at the first `next()`).
 */
export function generateScenario(options: ScenarioOptions): Generator<CityEvent, void, undefined> {
  return run(resolveScenarioOptions(options));
}

function* run(resolved: ResolvedScenarioOptions): Generator<CityEvent, void, undefined> {
  const { seed, startMs, endMs, pointFraction, pointJitterM } = resolved;
  const schedule = scheduleScenario(resolved);
  const ids = new EventIds(seed);
  const stream = (name: keyof typeof RANDOM_STREAMS): Random => Random.stream(seed, RANDOM_STREAMS[name]);
  const locatorFor = (rng: Random): Locator => new Locator(pointFraction, pointJitterM, rng);

  const planned = scheduledEvents(schedule, ids, locatorFor(stream('details')));
  const trafficRng = stream('traffic');
  const traffic = new TrafficSource(
    resolved,
    schedule.network,
    schedule.episodes,
    trafficRng,
    ids,
    locatorFor(trafficRng),
  );
  const casesRng = stream('cases');
  const cases = new CaseSource(resolved, schedule.caseSpike, casesRng, ids, locatorFor(casesRng));
  const queue = new EventQueue(endMs, resolved.maxDisorderMs, stream('disorder'));

  let cursor = 0;
  for (let stepStartMs = startMs; stepStartMs < endMs; stepStartMs += STEP_MS) {
    const stepEndMs = Math.min(stepStartMs + STEP_MS, endMs);
    // Every source queues the events that happen before stepEndMs (later stages may be queued too);
    // nothing queued afterwards happens before stepEndMs, so releasing up to it keeps event-time order.
    for (let e = planned[cursor]; e !== undefined && e.eventTimeMs < stepEndMs; e = planned[++cursor])
      queue.push(e);
    traffic.emitUntil(stepEndMs, queue);
    cases.emitUntil(stepEndMs, queue);
    for (let e = queue.popBefore(stepEndMs); e !== undefined; e = queue.popBefore(stepEndMs)) yield e;
  }
  // With disorder, some events are due after the end of the period; the queue holds nothing at or after endMs.
  for (
    let e = queue.popBefore(Number.POSITIVE_INFINITY);
    e !== undefined;
    e = queue.popBefore(Number.POSITIVE_INFINITY)
  ) {
    yield e;
  }
}
