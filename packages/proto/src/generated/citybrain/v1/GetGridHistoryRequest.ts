// Original file: ../../proto/citybrain/v1/alert_service.proto


/**
 * Which grid's history.
 */
export interface GetGridHistoryRequest {
  'gridId'?: (string);
  /**
   * Windows that ended at most this long before the grid's newest window, in seconds: 1..3600;
   * 0 means 3600 (the gateway keeps an hour).
   */
  'spanSeconds'?: (number);
  /**
   * Only these aggregations (GridWindowState.name); empty for all.
   */
  'names'?: (string)[];
}

/**
 * Which grid's history.
 */
export interface GetGridHistoryRequest__Output {
  'gridId': (string);
  /**
   * Windows that ended at most this long before the grid's newest window, in seconds: 1..3600;
   * 0 means 3600 (the gateway keeps an hour).
   */
  'spanSeconds': (number);
  /**
   * Only these aggregations (GridWindowState.name); empty for all.
   */
  'names': (string)[];
}
