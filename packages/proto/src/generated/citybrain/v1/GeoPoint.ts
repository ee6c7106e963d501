// Original file: ../../proto/citybrain/v1/events.proto


/**
 * A WGS84 coordinate.
 */
export interface GeoPoint {
  /**
   * Latitude in degrees, -90..90.
   */
  'lat'?: (number | string);
  /**
   * Longitude in degrees, -180..180.
   */
  'lon'?: (number | string);
}

/**
 * A WGS84 coordinate.
 */
export interface GeoPoint__Output {
  /**
   * Latitude in degrees, -90..90.
   */
  'lat': (number);
  /**
   * Longitude in degrees, -180..180.
   */
  'lon': (number);
}
