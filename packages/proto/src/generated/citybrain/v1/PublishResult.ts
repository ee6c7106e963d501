// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * The outcome of one event.
 */
export interface PublishResult {
  /**
   * Position of the event in the request stream, from 0.
   */
  'index'?: (number);
  /**
   * The event's id, when it had one.
   */
  'eventId'?: (string);
  'accepted'?: (boolean);
  /**
   * Why it was rejected: a stable reason (e.g. "missing-field") and the field, e.g.
   * "missing-field: event_time: missing".
   */
  'rejection'?: (string);
}

/**
 * The outcome of one event.
 */
export interface PublishResult__Output {
  /**
   * Position of the event in the request stream, from 0.
   */
  'index': (number);
  /**
   * The event's id, when it had one.
   */
  'eventId': (string);
  'accepted': (boolean);
  /**
   * Why it was rejected: a stable reason (e.g. "missing-field") and the field, e.g.
   * "missing-field: event_time: missing".
   */
  'rejection': (string);
}
