import type { PermitStage } from '@citybrain/domain';
import { cityTimeOfDayMs, DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './city-clock';
import type { ResolvedScenarioOptions, SimGrid } from './options';
import type { Random } from './random';

/** The city's public commitment: code filing → construction permit within 8 days; also a per-stage deadline. */
export const PERMIT_DEADLINE_MS = 8 * DAY_MS;
/** How far before the period permits are filed, so that open ones are represented at its start. */
export const PERMIT_BACKFILL_MS = 10 * DAY_MS;

/** A permit stage and when the permit entered it. */
export interface PermitStep {
  readonly stage: PermitStage;
  readonly atMs: number;
}

/** A permit application and its whole life (later stages may fall after the period). */
export interface ScheduledPermit {
  /** `sim-<seed>-permit-<n>`, n by filing time. */
  readonly permitId: string;
  readonly grid: SimGrid;
  readonly projectName: string;
  /** filed → review → permitIssued or rejected, in time order. */
  readonly steps: readonly PermitStep[];
}

/**
 * A permit deadline that passes before the end of the period with the permit still waiting: a stage
 * (`filed`, `review`) held longer than 8 days, or the overall commitment (`overall`: filing → permit
 * issued within 8 days). A permit that overruns a stage overruns the overall commitment too; within a
 * short period only one of the two deadlines may fall.
 */
export interface PlannedOverduePermit {
  readonly permitId: string;
  readonly gridId: string;
  readonly areaId: string;
  /** The stage it overruns, or `overall` for the filing → permit commitment. */
  readonly stage: 'filed' | 'review' | 'overall';
  /** When it entered that stage (`overall`: when it was filed), epoch ms; maybe before the period (backfill). */
  readonly enteredMs: number;
  /** `enteredMs` + 8 days: when the deadline passes (may be before the period too). */
  readonly deadlineMs: number;
  /** When it was filed. */
  readonly filedMs: number;
  /** When it leaves the stage (`overall`: gets its permit), if inside the period. */
  readonly exitedMs?: number;
}

const PLACES = [
  'Longgang',
  'Lupu',
  'Pacao',
  'Huqian',
  'Baisha',
  'Yunyan',
  'Pingdeng',
  'Haicheng',
  'Songqiao',
];
const PROJECTS = [
  'printing and packaging plant expansion',
  'textile workshop renovation',
  'residential block',
  'primary school extension',
  'logistics warehouse',
  'community health centre',
  'riverside park',
  'cold-chain storage',
  'farmers market renovation',
  'plastic bag factory upgrade',
];
const OFFICE_OPENS_MS = 8.5 * HOUR_MS;
const OFFICE_CLOSES_MS = 17.5 * HOUR_MS;
/** Filing rate outside office hours, relative to office hours (online filing never closes). */
const NIGHT_FILING_FACTOR = 0.1;

const days = (rng: Random, min: number, max: number): number =>
  Math.round((rng.between(min, max) * DAY_MS) / SECOND_MS) * SECOND_MS;

/**
 * The permits a scenario shows: applications filed from 10 days before the period to its end
 * (`permitsPerHour` in office hours, a tenth of it at night), kept if still open at the start. Each
 * goes filed → review (0.3–2 days) → permitIssued (1.5–4 days later), so 2–6 days in all; ~5% are
 * rejected instead, and ~10% overrun the 8-day deadline in one stage (8.2–12 days there). On top,
 * `overduePermits` planted ones overrun a stage whose deadline falls in the first three quarters of the
 * period, so that the watermark makes them fire during a short demo. Sorted by filing time.
 */
export function schedulePermits(options: ResolvedScenarioOptions, rng: Random): ScheduledPermit[] {
  const { startMs, endMs, durationMs } = options;
  const drafts: { grid: SimGrid; projectName: string; steps: PermitStep[] }[] = [];
  const draft = (steps: PermitStep[]): void => {
    const projectName = `${rng.pick(PLACES)} ${rng.pick(PROJECTS)} (phase ${rng.int(1, 3)})`;
    drafts.push({ grid: rng.pick(options.grids), projectName, steps });
  };

  if (options.permitsPerHour > 0) {
    const meanGapMs = HOUR_MS / options.permitsPerHour;
    // Thinning: candidates at the office-hours rate, kept at night with NIGHT_FILING_FACTOR.
    for (
      let t = startMs - PERMIT_BACKFILL_MS + rng.exponential(meanGapMs);
      t < endMs;
      t += rng.exponential(meanGapMs)
    ) {
      const timeOfDay = cityTimeOfDayMs(t);
      const office = timeOfDay >= OFFICE_OPENS_MS && timeOfDay < OFFICE_CLOSES_MS;
      if (!office && !rng.chance(NIGHT_FILING_FACTOR)) continue;
      draft(lifecycle(rng, Math.ceil(t / SECOND_MS) * SECOND_MS));
    }
  }

  for (let i = 0; i < options.overduePermits; i++) {
    const deadlineMs = Math.round((startMs + rng.between(0.05, 0.75) * durationMs) / MINUTE_MS) * MINUTE_MS;
    const enteredMs = deadlineMs - PERMIT_DEADLINE_MS;
    const overrunMs = PERMIT_DEADLINE_MS + days(rng, 0.2, 4);
    if (rng.chance(0.5)) {
      const reviewMs = enteredMs + overrunMs;
      draft([
        { stage: 'filed', atMs: enteredMs },
        { stage: 'review', atMs: reviewMs },
        { stage: 'permitIssued', atMs: reviewMs + days(rng, 1.5, 4) },
      ]);
    } else {
      draft([
        { stage: 'filed', atMs: enteredMs - days(rng, 0.3, 2) },
        { stage: 'review', atMs: enteredMs },
        { stage: 'permitIssued', atMs: enteredMs + overrunMs },
      ]);
    }
  }

  const visible = drafts.filter((d) => {
    const first = d.steps[0];
    const last = d.steps[d.steps.length - 1];
    return first !== undefined && last !== undefined && first.atMs < endMs && last.atMs >= startMs;
  });
  // Stable sort: equal filing times keep their drawing order.
  visible.sort((a, b) => (a.steps[0]?.atMs ?? 0) - (b.steps[0]?.atMs ?? 0));
  return visible.map((d, index) => ({ permitId: `sim-${options.seed}-permit-${index + 1}`, ...d }));
}

function lifecycle(rng: Random, filedMs: number): PermitStep[] {
  const roll = rng.float();
  if (roll < 0.05) {
    const reviewMs = filedMs + days(rng, 0.3, 2);
    return [
      { stage: 'filed', atMs: filedMs },
      { stage: 'review', atMs: reviewMs },
      { stage: 'rejected', atMs: reviewMs + days(rng, 1, 4) },
    ];
  }
  const overrun = roll < 0.15;
  const stuckInFiled = overrun && rng.chance(0.5);
  const filedForMs = stuckInFiled ? days(rng, 8.2, 12) : days(rng, 0.3, 2);
  const reviewForMs = overrun && !stuckInFiled ? days(rng, 8.2, 12) : days(rng, 1.5, 4);
  return [
    { stage: 'filed', atMs: filedMs },
    { stage: 'review', atMs: filedMs + filedForMs },
    { stage: 'permitIssued', atMs: filedMs + filedForMs + reviewForMs },
  ];
}

/**
 * The deadlines of `permit` that pass before `endMs` while it waits: stages held more than 8 days, and
 * the overall filing → permit commitment. Stage entries first, `overall` last.
 */
export function overdueStagesOf(permit: ScheduledPermit, endMs: number): PlannedOverduePermit[] {
  const out: PlannedOverduePermit[] = [];
  const filedMs = permit.steps[0]?.atMs ?? 0;
  const check = (stage: PlannedOverduePermit['stage'], enteredMs: number, exitMs: number): void => {
    const deadlineMs = enteredMs + PERMIT_DEADLINE_MS;
    if (exitMs <= deadlineMs || deadlineMs >= endMs) return;
    const base = {
      permitId: permit.permitId,
      gridId: permit.grid.id,
      areaId: permit.grid.areaId,
      stage,
      enteredMs,
      deadlineMs,
      filedMs,
    };
    out.push(exitMs < endMs ? { ...base, exitedMs: exitMs } : base);
  };
  permit.steps.forEach((step, i) => {
    if (step.stage === 'filed' || step.stage === 'review') {
      check(step.stage, step.atMs, permit.steps[i + 1]?.atMs ?? Number.POSITIVE_INFINITY);
    }
  });
  const terminal = permit.steps.find((s) => s.stage === 'permitIssued' || s.stage === 'rejected');
  check('overall', filedMs, terminal?.atMs ?? Number.POSITIVE_INFINITY);
  return out;
}
