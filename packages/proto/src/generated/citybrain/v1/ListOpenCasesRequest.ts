// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { CaseKind as _citybrain_v1_CaseKind, CaseKind__Output as _citybrain_v1_CaseKind__Output } from '../../citybrain/v1/CaseKind';

/**
 * Which open cases to list. Exactly one of grid_id and area_id may be set; neither lists every case
 * in the caller's scope.
 */
export interface ListOpenCasesRequest {
  'gridId'?: (string);
  'areaId'?: (string);
  /**
   * Only this kind; CASE_KIND_UNSPECIFIED for both.
   */
  'kind'?: (_citybrain_v1_CaseKind);
}

/**
 * Which open cases to list. Exactly one of grid_id and area_id may be set; neither lists every case
 * in the caller's scope.
 */
export interface ListOpenCasesRequest__Output {
  'gridId': (string);
  'areaId': (string);
  /**
   * Only this kind; CASE_KIND_UNSPECIFIED for both.
   */
  'kind': (_citybrain_v1_CaseKind__Output);
}
