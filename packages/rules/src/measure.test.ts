import type { LocatedEvent } from '@citybrain/domain';
import { describe, expect, it } from 'vitest';
import { compileMeasure } from './measure';
import type { Measure } from './rule-set';
import { accident, observation } from './test-fixtures';

const measure = (m: Partial<Measure>): Measure => ({
  stream: 'traffic',
  filter: {},
  window: { kind: 'tumbling', sizeMs: 60_000, graceMs: 0 },
  aggregation: { fn: 'count' },
  minCount: 1,
  ...m,
});

function aggregate(m: Measure, events: LocatedEvent[]): number {
  const { aggregator, matches } = compileMeasure(m, 'grid');
  let acc = aggregator.init();
  for (const e of events) if (matches(e)) acc = aggregator.add(acc, e);
  return aggregator.result(acc);
}

describe('compileMeasure', () => {
  it('filters by stream and field values', () => {
    const m = measure({ filter: { roadClass: ['arterial'] } });
    const events = [
      observation({ roadClass: 'arterial', averageVehicleSpeedKmh: 30 }),
      observation({ roadClass: 'secondary', averageVehicleSpeedKmh: 30 }),
      accident({ eventTimeMs: 3 }),
    ];
    expect(aggregate(m, events)).toBe(1);
  });

  it('weights a mean, and falls back to the plain mean without weight', () => {
    const m = measure({
      aggregation: { fn: 'mean', field: 'averageVehicleSpeedKmh', weightField: 'intensity' },
    });
    const a = observation({ averageVehicleSpeedKmh: 10, intensity: 30 });
    const b = observation({ averageVehicleSpeedKmh: 50, intensity: 10 });
    expect(aggregate(m, [a, b])).toBe(20);
    const none = [
      { ...a, intensity: 0 },
      { ...b, intensity: 0 },
    ];
    expect(aggregate(m, none)).toBe(30);
  });

  it('counts distinct incidents, not their updates, also across merges', () => {
    const m = measure({ stream: 'incident', aggregation: { fn: 'distinct', field: 'incidentId' } });
    const events = [
      accident({ incidentId: 'A', eventTimeMs: 1 }),
      accident({ incidentId: 'A', eventTimeMs: 2 }),
      accident({ incidentId: 'B', eventTimeMs: 3 }),
    ];
    expect(aggregate(m, events)).toBe(2);
    const { aggregator } = compileMeasure(m, 'grid');
    const left = aggregator.add(aggregator.init(), events[0]!);
    const right = aggregator.add(aggregator.add(aggregator.init(), events[1]!), events[2]!);
    expect(aggregator.result(aggregator.merge(left, right))).toBe(2);
  });

  it('updates accumulators in place, merges without touching the second, and snapshots as arrays', () => {
    for (const aggregation of [
      { fn: 'distinct', field: 'incidentId' },
      { fn: 'mean', field: 'averageVehicleSpeedKmh', weightField: 'intensity' },
      { fn: 'min', field: 'averageVehicleSpeedKmh' },
    ] as const) {
      const stream = aggregation.fn === 'distinct' ? 'incident' : 'traffic';
      const { aggregator } = compileMeasure(measure({ stream, aggregation }), 'grid');
      const events =
        stream === 'incident'
          ? [accident({ incidentId: 'B', eventTimeMs: 1 }), accident({ incidentId: 'A', eventTimeMs: 2 })]
          : [observation({ averageVehicleSpeedKmh: 12.5 }), observation({ averageVehicleSpeedKmh: 30 })];
      const acc = aggregator.init();
      expect(aggregator.add(acc, events[0]!)).toBe(acc);
      const other = aggregator.add(aggregator.init(), events[1]!);
      const otherBefore = structuredClone(other);
      const merged = aggregator.merge(acc, other);
      expect(merged).toBe(acc);
      expect(other).toEqual(otherBefore);
      const json = JSON.parse(JSON.stringify(aggregator.serialize(merged))) as unknown;
      expect(Array.isArray(json)).toBe(true);
      const back = aggregator.deserialize(json);
      expect(back).toEqual(merged);
      expect(aggregator.result(back)).toBe(aggregator.result(merged));
    }
    const { aggregator } = compileMeasure(measure({}), 'grid');
    expect(() => aggregator.deserialize({ n: 1 })).toThrow(TypeError);
  });

  it('keys area rules by area', () => {
    const e = observation({ averageVehicleSpeedKmh: 30 });
    expect(compileMeasure(measure({}), 'area').keyOf(e)).toBe(e.areaId);
    expect(compileMeasure(measure({}), 'grid').keyOf(e)).toBe(e.gridId);
  });
});
