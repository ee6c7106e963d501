// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The KPI figures of one area (or of the city: area_id empty), counted since the start of the
 * gateway's KPI and alert topics.
 */
export interface AreaKpis {
  'areaId'?: (string);
  /**
   * Work orders closed.
   */
  'workOrdersClosed'?: (number | string | Long);
  /**
   * Of them, closed no later than their close deadline.
   */
  'workOrdersClosedOnTime'?: (number | string | Long);
  /**
   * Construction permits issued with a known filing time.
   */
  'permitsIssued'?: (number | string | Long);
  /**
   * Of them, issued within the commitment (lead time <= commitment_seconds).
   */
  'permitsWithinCommitment'?: (number | string | Long);
  /**
   * Sum of their lead times, seconds (mean = sum / permits_issued).
   */
  'permitLeadTimeSecondsSum'?: (number | string);
  /**
   * Alert messages raised (status firing), as published by the processor.
   */
  'alertsRaised'?: (number | string | Long);
  /**
   * Alerts firing now.
   */
  'alertsFiring'?: (number | string | Long);
}

/**
 * The KPI figures of one area (or of the city: area_id empty), counted since the start of the
 * gateway's KPI and alert topics.
 */
export interface AreaKpis__Output {
  'areaId': (string);
  /**
   * Work orders closed.
   */
  'workOrdersClosed': (string);
  /**
   * Of them, closed no later than their close deadline.
   */
  'workOrdersClosedOnTime': (string);
  /**
   * Construction permits issued with a known filing time.
   */
  'permitsIssued': (string);
  /**
   * Of them, issued within the commitment (lead time <= commitment_seconds).
   */
  'permitsWithinCommitment': (string);
  /**
   * Sum of their lead times, seconds (mean = sum / permits_issued).
   */
  'permitLeadTimeSecondsSum': (number);
  /**
   * Alert messages raised (status firing), as published by the processor.
   */
  'alertsRaised': (string);
  /**
   * Alerts firing now.
   */
  'alertsFiring': (string);
}
