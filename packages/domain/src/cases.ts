/** Which lifecycle an open case follows: a city-management work order or a permit. */
export type OpenCaseKind = 'work-order' | 'permit';

/**
 * One deadline the rules give an open case, e.g. a work order's `close` deadline or a permit's
 * 8-day `permit` commitment.
 */
export interface CaseDeadline {
  /** `dispatch`, `accept`, `close` (work orders); `stage`, `permit` (permits). */
  readonly name: string;
  /** When it falls due, epoch ms of event time. */
  readonly dueMs: number;
  /** The case reached the stage the deadline asks for. */
  readonly met: boolean;
  /** Its overdue alert is firing (the rules saw the watermark pass the deadline unmet). */
  readonly overdue: boolean;
}

/**
 * A work order or permit the rules hold open, as an operations board shows it: where, which stage,
 * since when, and the deadlines the rules measure it against.
 */
export interface OpenCase {
  readonly kind: OpenCaseKind;
  /** The case id (work orders) or permit id (permits). */
  readonly caseId: string;
  readonly gridId: string;
  readonly areaId: string;
  /** Current stage: a work order's `received` … `verified` or `bounced`; a permit's `filed` or `review`. */
  readonly stage: string;
  /** Event time of receipt (work orders) or filing (permits), epoch ms; null when not seen. */
  readonly openedAtMs: number | null;
  /** What it is about: a work order's service code, a permit's project name. */
  readonly title: string;
  /** A work order's urgency (`urgent` or `normal`); empty for permits. */
  readonly urgency: string;
  readonly deadlines: readonly CaseDeadline[];
}
