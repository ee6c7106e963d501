// Original file: ../../proto/citybrain/v1/events.proto

import type { GeoPoint as _citybrain_v1_GeoPoint, GeoPoint__Output as _citybrain_v1_GeoPoint__Output } from '../../citybrain/v1/GeoPoint';

/**
 * Where an event happened: the grid it was reported in, or coordinates that the processor
 * resolves to a grid through the grid registry. Exactly one must be set.
 */
export interface Location {
  /**
   * Id of an all-purpose grid (全科网格) of the grid registry.
   */
  'gridId'?: (string);
  /**
   * Coordinates, resolved to a grid by the processor.
   */
  'point'?: (_citybrain_v1_GeoPoint | null);
  /**
   * The location, one of the two forms.
   */
  'kind'?: "gridId"|"point";
}

/**
 * Where an event happened: the grid it was reported in, or coordinates that the processor
 * resolves to a grid through the grid registry. Exactly one must be set.
 */
export interface Location__Output {
  /**
   * Id of an all-purpose grid (全科网格) of the grid registry.
   */
  'gridId'?: (string);
  /**
   * Coordinates, resolved to a grid by the processor.
   */
  'point'?: (_citybrain_v1_GeoPoint__Output | null);
  /**
   * The location, one of the two forms.
   */
  'kind'?: "gridId"|"point";
}
