// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Road classes of China's urban traffic operation standard; they select the congestion speed bands.
 */
export const RoadClass = {
  ROAD_CLASS_UNSPECIFIED: 'ROAD_CLASS_UNSPECIFIED',
  ROAD_CLASS_EXPRESSWAY: 'ROAD_CLASS_EXPRESSWAY',
  ROAD_CLASS_ARTERIAL: 'ROAD_CLASS_ARTERIAL',
  /**
   * Secondary and local roads.
   */
  ROAD_CLASS_SECONDARY: 'ROAD_CLASS_SECONDARY',
} as const;

/**
 * Road classes of China's urban traffic operation standard; they select the congestion speed bands.
 */
export type RoadClass =
  | 'ROAD_CLASS_UNSPECIFIED'
  | 0
  | 'ROAD_CLASS_EXPRESSWAY'
  | 1
  | 'ROAD_CLASS_ARTERIAL'
  | 2
  /**
   * Secondary and local roads.
   */
  | 'ROAD_CLASS_SECONDARY'
  | 3

/**
 * Road classes of China's urban traffic operation standard; they select the congestion speed bands.
 */
export type RoadClass__Output = typeof RoadClass[keyof typeof RoadClass]
