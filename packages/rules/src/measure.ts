import type { LocatedEvent } from '@citybrain/domain';
import type { Measure, MeasureStream, RuleScope } from './rule-set';
import type { Aggregator } from './window-result';

/** Running sums of a measure's window; plain numbers, so snapshots are JSON. */
export interface MeasureAccumulator {
  readonly n: number;
  /** Sums in integer micro-units (see FIXED_POINT). */
  readonly sum: number;
  readonly weightedSum: number;
  readonly weight: number;
  readonly min: number | null;
  readonly max: number | null;
  /** Distinct values seen (`distinct` only), sorted. */
  readonly ids?: readonly string[];
}

/** A measure made executable: which events it reads, how they are keyed, how they aggregate. */
export interface CompiledMeasure {
  /** Whether an event belongs to the measure's stream and passes its filter. */
  readonly matches: (event: LocatedEvent) => boolean;
  /** The window key of a matching event: its grid id, or its area id for area rules. */
  readonly keyOf: (event: LocatedEvent) => string;
  /** Aggregates matching events into the measured number (NaN for a mean without weight). */
  readonly aggregator: Aggregator<LocatedEvent, MeasureAccumulator, number>;
}

function streamOf(event: LocatedEvent): MeasureStream {
  if (event.family === 'traffic') return event.type === 'observation' ? 'traffic' : 'incident';
  return event.family;
}

function fieldOf(event: LocatedEvent, field: string): unknown {
  return (event as unknown as Record<string, unknown>)[field];
}

/** Units per 1 in the sums: micro-units (exact below 2^53, i.e. sums up to ~9·10^9). */
const FIXED_POINT = 1_000_000;

const EMPTY: MeasureAccumulator = { n: 0, sum: 0, weightedSum: 0, weight: 0, min: null, max: null };

/**
 * Compiles a rule's measure. Pure; the processor feeds `matches` events, keyed by `keyOf`, into a
 * window engine with `aggregator` and hands the final results back to the rule engine.
 *
 * @example
 * ```ts
 * const m = compileMeasure(rule.measure, rule.scope);
 * if (m.matches(event)) engine.process({ kind: 'events', events: [{ key: m.keyOf(event), ... }] });
 * ```
 */
export function compileMeasure(measure: Measure, scope: RuleScope): CompiledMeasure {
  const filters = Object.entries(measure.filter);
  const agg = measure.aggregation;
  const field = agg.fn === 'count' || agg.fn === 'distinct' ? undefined : agg.field;
  const idField = agg.fn === 'distinct' ? agg.field : undefined;
  const withId = (ids: readonly string[] | undefined, id: string): readonly string[] => {
    const list = ids ?? [];
    return list.includes(id) ? list : [...list, id].sort();
  };
  const weightField = agg.fn === 'mean' ? agg.weightField : undefined;
  const num = (event: LocatedEvent, f: string | undefined): number => {
    if (f === undefined) return 1;
    const v = fieldOf(event, f);
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  // Sums are kept in integer micro-units: integer addition is exact, so a window's value does not
  // depend on the order its events arrived in (an area's window mixes partitions, whose interleaving
  // differs between a run and its replay after a crash). Floating-point sums differ in the last bits.
  const micro = (x: number): number => Math.round(x * FIXED_POINT);
  return {
    matches: (event) =>
      streamOf(event) === measure.stream &&
      filters.every(([f, values]) => values.includes(String(fieldOf(event, f)))),
    keyOf: scope === 'area' ? (event) => event.areaId : (event) => event.gridId,
    aggregator: {
      init: () => EMPTY,
      add: (acc, event) => {
        const v = num(event, field);
        const w = num(event, weightField);
        const ids = idField === undefined ? undefined : withId(acc.ids, String(fieldOf(event, idField)));
        return {
          ...(ids === undefined ? {} : { ids }),
          n: acc.n + 1,
          sum: acc.sum + micro(v),
          weightedSum: acc.weightedSum + micro(v * w),
          weight: acc.weight + micro(w),
          min: acc.min === null ? v : Math.min(acc.min, v),
          max: acc.max === null ? v : Math.max(acc.max, v),
        };
      },
      merge: (a, b) => ({
        ...(idField === undefined ? {} : { ids: (b.ids ?? []).reduce(withId, a.ids ?? []) }),
        n: a.n + b.n,
        sum: a.sum + b.sum,
        weightedSum: a.weightedSum + b.weightedSum,
        weight: a.weight + b.weight,
        min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
        max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
      }),
      result: (acc) => {
        switch (agg.fn) {
          case 'count':
            return acc.n;
          case 'distinct':
            return acc.ids?.length ?? 0;
          case 'sum':
            return acc.sum / FIXED_POINT;
          case 'min':
            return acc.min ?? Number.NaN;
          case 'max':
            return acc.max ?? Number.NaN;
          case 'mean':
            // Weighted when the weights sum above 0 (a lane with 40 vehicles counts more than one
            // with 2); the plain mean when nothing was weighed at all.
            if (weightField !== undefined && acc.weight > 0) return acc.weightedSum / acc.weight;
            return acc.n > 0 ? acc.sum / FIXED_POINT / acc.n : Number.NaN;
        }
      },
    },
  };
}
