import { describe, expect, it } from 'vitest';
import { observation } from './test-fixtures';
import { trafficStatsAggregator as agg } from './traffic-stats';

const fold = (events: ReturnType<typeof observation>[]) => events.reduce(agg.add, agg.init());

describe('trafficStatsAggregator', () => {
  it('weights the mean speed by intensity, per road class', () => {
    const result = agg.result(
      fold([
        observation({ averageVehicleSpeedKmh: 10, intensity: 30, occupancy: 0.5 }),
        observation({ averageVehicleSpeedKmh: 50, intensity: 10, occupancy: 0.1 }),
        observation({ roadClass: 'expressway', averageVehicleSpeedKmh: 80, intensity: 5, occupancy: 0.2 }),
      ]),
    );
    expect(result).toEqual({
      byRoadClass: {
        arterial: { observationCount: 2, meanSpeedKmh: 20, totalIntensity: 40, meanOccupancy: 0.3 },
        expressway: { observationCount: 1, meanSpeedKmh: 80, totalIntensity: 5, meanOccupancy: 0.2 },
      },
    });
  });

  it('falls back to the plain mean when no vehicle was counted', () => {
    const result = agg.result(
      fold([
        observation({ averageVehicleSpeedKmh: 10, intensity: 0 }),
        observation({ averageVehicleSpeedKmh: 30, intensity: 0 }),
      ]),
    );
    expect(result.byRoadClass.arterial?.meanSpeedKmh).toBe(20);
  });

  it('ignores zero-intensity speeds once any vehicle was counted', () => {
    const result = agg.result(
      fold([
        observation({ averageVehicleSpeedKmh: 5, intensity: 0 }),
        observation({ averageVehicleSpeedKmh: 30, intensity: 4 }),
      ]),
    );
    expect(result.byRoadClass.arterial?.meanSpeedKmh).toBe(30);
  });

  it('merges to the same result as adding sequentially, leaving the second argument alone', () => {
    const a = fold([observation({ averageVehicleSpeedKmh: 10, intensity: 3 })]);
    const b = fold([
      observation({ averageVehicleSpeedKmh: 40, intensity: 1 }),
      observation({ roadClass: 'secondary', averageVehicleSpeedKmh: 12, intensity: 2 }),
    ]);
    const bBefore = structuredClone(b);
    const merged = agg.merge(a, b);
    expect(b).toEqual(bBefore);
    expect(agg.result(merged)).toEqual(
      agg.result(
        fold([
          observation({ averageVehicleSpeedKmh: 10, intensity: 3 }),
          observation({ averageVehicleSpeedKmh: 40, intensity: 1 }),
          observation({ roadClass: 'secondary', averageVehicleSpeedKmh: 12, intensity: 2 }),
        ]),
      ),
    );
    expect(agg.result(merged).byRoadClass.arterial?.meanSpeedKmh).toBe(17.5);
  });

  it('has no road class without observations, and snapshots its accumulator as JSON', () => {
    expect(agg.result(agg.init())).toEqual({ byRoadClass: {} });
    const acc = fold([
      observation({ averageVehicleSpeedKmh: 10.1, intensity: 3 }),
      observation({ roadClass: 'secondary', averageVehicleSpeedKmh: 12, intensity: 2 }),
    ]);
    expect(agg.deserialize(JSON.parse(JSON.stringify(agg.serialize(acc))))).toEqual(acc);
    expect(() => agg.deserialize({ arterial: [1, 2] })).toThrow(TypeError);
    expect(() => agg.deserialize({ arterial: [1, 2, 3, 4, '5'] })).toThrow(TypeError);
    // A NaN sum is written by JSON as null and read back as NaN, not refused (the state must restore).
    const nan = agg.deserialize(
      JSON.parse(JSON.stringify(agg.serialize(fold([observation({ averageVehicleSpeedKmh: Number.NaN })])))),
    );
    expect(nan.byRoadClass.arterial?.speedSumKmh).toBeNaN();
  });
});
