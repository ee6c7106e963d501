import type { LocatedEvent } from '@citybrain/domain';
import type { Measure, MeasureStream, RuleScope } from './rule-set';
import type { Aggregator } from './window-result';

/**
 * Running sums of a measure's window. Mutable: the window engine owns each accumulator, and `add`
 * updates it in place (no object per event); snapshots write it as an array.
 */
export interface MeasureAccumulator {
  n: number;
  /** Sums in integer micro-units (see FIXED_POINT). */
  sum: number;
  weightedSum: number;
  weight: number;
  min: number | null;
  max: number | null;
  /** Distinct values seen (`distinct` only), sorted. */
  ids?: string[];
}

/** A {@link MeasureAccumulator} in a snapshot: `[n, sum, weightedSum, weight, min, max, ids?]`. */
type AccumulatorJson = [number, number, number, number, number | null, number | null, string[]?];

/** A measure made executable: which events it reads, how they are keyed, how they aggregate. */
export interface CompiledMeasure {
  /** Whether an event belongs to the measure's stream and passes its filter. */
  readonly matches: (event: LocatedEvent) => boolean;
  /** The window key of a matching event: its grid id, or its area id for area rules. */
  readonly keyOf: (event: LocatedEvent) => string;
  /**
   * Aggregates matching events into the measured number (NaN for a mean without weight); `add` and
   * `merge` update their first argument in place. Snapshots as {@link AccumulatorJson} arrays.
   */
  readonly aggregator: Required<Aggregator<LocatedEvent, MeasureAccumulator, number>>;
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
  // Filters as parallel arrays of fields and allowed values: `matches` runs for every event and
  // rule, so it allocates nothing and calls no closure per filter.
  const filterFields = Object.keys(measure.filter);
  const filterValues = filterFields.map((f) => new Set(measure.filter[f]));
  const filterCount = filterFields.length;
  const stream = measure.stream;
  const agg = measure.aggregation;
  const field = agg.fn === 'count' || agg.fn === 'distinct' ? undefined : agg.field;
  const idField = agg.fn === 'distinct' ? agg.field : undefined;
  const addId = (ids: string[], id: string): void => {
    if (ids.includes(id)) return;
    ids.push(id);
    ids.sort();
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
  const matches = (event: LocatedEvent): boolean => {
    if (streamOf(event) !== stream) return false;
    for (let i = 0; i < filterCount; i++)
      if (!filterValues[i]!.has(String(fieldOf(event, filterFields[i]!)))) return false;
    return true;
  };
  return {
    matches,
    keyOf: scope === 'area' ? (event) => event.areaId : (event) => event.gridId,
    aggregator: {
      init: () => {
        const acc: MeasureAccumulator = { n: 0, sum: 0, weightedSum: 0, weight: 0, min: null, max: null };
        if (idField !== undefined) acc.ids = [];
        return acc;
      },
      add: (acc, event) => {
        const v = num(event, field);
        const w = num(event, weightField);
        if (idField !== undefined) addId((acc.ids ??= []), String(fieldOf(event, idField)));
        acc.n += 1;
        acc.sum += micro(v);
        acc.weightedSum += micro(v * w);
        acc.weight += micro(w);
        acc.min = acc.min === null ? v : Math.min(acc.min, v);
        acc.max = acc.max === null ? v : Math.max(acc.max, v);
        return acc;
      },
      merge: (a, b) => {
        if (idField !== undefined) {
          const ids = (a.ids ??= []);
          for (const id of b.ids ?? []) addId(ids, id);
        }
        a.n += b.n;
        a.sum += b.sum;
        a.weightedSum += b.weightedSum;
        a.weight += b.weight;
        a.min = a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min);
        a.max = a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max);
        return a;
      },
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
      serialize: (acc): AccumulatorJson => {
        const json: AccumulatorJson = [acc.n, acc.sum, acc.weightedSum, acc.weight, acc.min, acc.max];
        if (acc.ids !== undefined) json.push([...acc.ids]);
        return json;
      },
      deserialize: (json) => {
        if (
          !Array.isArray(json) ||
          json.length < 6 ||
          typeof json[0] !== 'number' ||
          typeof json[1] !== 'number' ||
          typeof json[2] !== 'number' ||
          typeof json[3] !== 'number'
        )
          throw new TypeError('a measure accumulator is not [n, sum, weightedSum, weight, min, max, ids?]');
        const [n, sum, weightedSum, weight, min, max, ids] = json as AccumulatorJson;
        const acc: MeasureAccumulator = { n, sum, weightedSum, weight, min, max };
        if (ids !== undefined) acc.ids = [...ids];
        else if (idField !== undefined) acc.ids = [];
        return acc;
      },
    },
  };
}
