import type { CaseStage, CaseUrgency } from '@citybrain/domain';
import { MINUTE_MS, SECOND_MS } from './city-clock';
import type { ServiceDefinition } from './case-catalogue';
import type { Random } from './random';

/** A stage a case reaches, when, and which system or department reports it. */
export interface CaseStep {
  readonly stage: CaseStage;
  readonly atMs: number;
  readonly source: string;
}

/** The digital city-management platform (数字城管平台): it files, dispatches, verifies and closes. */
export const CASE_PLATFORM_SOURCE = 'city-management-platform';
/** Share of orders the first department bounces back (退单) before another accepts. */
const BOUNCE_SHARE = 0.12;

const minutes = (rng: Random, min: number, max: number): number =>
  Math.round((rng.between(min, max) * MINUTE_MS) / SECOND_MS) * SECOND_MS;

/**
 * The life of a case from its report, with delays after the reference time limits: dispatched within
 * 10 min (urgent) or 30 min (normal); accepted within 10 / 30 min, or first bounced (12%) and
 * re-dispatched; handled within 2 h for a missing manhole cover, 3 h for other urgent cases, 1–20 h
 * otherwise (waste is often cleared the next day); verified on site within 1 h; closed within 1 h.
 */
export function caseLifecycle(
  rng: Random,
  service: ServiceDefinition,
  urgency: CaseUrgency,
  receivedMs: number,
  intakeSource: string,
): CaseStep[] {
  const urgent = urgency === 'urgent';
  const agency = `dept/${service.agency}`;
  const steps: CaseStep[] = [{ stage: 'received', atMs: receivedMs, source: intakeSource }];
  let t = receivedMs;
  const step = (stage: CaseStage, delayMs: number, source: string): void => {
    t += delayMs;
    steps.push({ stage, atMs: t, source });
  };

  step('dispatched', urgent ? minutes(rng, 2, 10) : minutes(rng, 5, 30), CASE_PLATFORM_SOURCE);
  if (rng.chance(BOUNCE_SHARE)) {
    step('bounced', minutes(rng, 5, 30), agency);
    step('dispatched', minutes(rng, 5, 20), CASE_PLATFORM_SOURCE);
  }
  step('accepted', urgent ? minutes(rng, 2, 10) : minutes(rng, 5, 30), agency);
  const handleMs =
    urgent && service.code === 'manhole.missing'
      ? minutes(rng, 30, 110)
      : urgent
        ? minutes(rng, 30, 180)
        : minutes(rng, 60, 20 * 60);
  step('handled', handleMs, agency);
  step('verified', minutes(rng, 10, 60), CASE_PLATFORM_SOURCE);
  step('closed', minutes(rng, 5, 60), CASE_PLATFORM_SOURCE);
  return steps;
}

/** Hourly activity of residents' reports, city time from 00:00, relative to the busiest hour. */
export const HOURLY_CASE_ACTIVITY: readonly number[] = [
  0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 1, 0.9, 0.7, 0.7, 0.9, 1, 0.95, 0.85, 0.8, 0.75, 0.6,
  0.45, 0.3, 0.2,
];
