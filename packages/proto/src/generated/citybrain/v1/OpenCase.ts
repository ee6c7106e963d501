// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { CaseKind as _citybrain_v1_CaseKind, CaseKind__Output as _citybrain_v1_CaseKind__Output } from '../../citybrain/v1/CaseKind';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { CaseDeadline as _citybrain_v1_CaseDeadline, CaseDeadline__Output as _citybrain_v1_CaseDeadline__Output } from '../../citybrain/v1/CaseDeadline';

/**
 * A work order or permit the rules hold open.
 */
export interface OpenCase {
  'kind'?: (_citybrain_v1_CaseKind);
  /**
   * The case id (work orders) or permit id.
   */
  'caseId'?: (string);
  'gridId'?: (string);
  'areaId'?: (string);
  /**
   * A work order's received, dispatched, accepted, handled, verified or bounced; a permit's filed
   * or review.
   */
  'stage'?: (string);
  /**
   * Receipt (work orders) or filing (permits); unset when not seen.
   */
  'openedAt'?: (_google_protobuf_Timestamp | null);
  /**
   * A work order's service code, a permit's project name.
   */
  'title'?: (string);
  /**
   * A work order's urgency, "urgent" or "normal"; empty for permits.
   */
  'urgency'?: (string);
  'deadlines'?: (_citybrain_v1_CaseDeadline)[];
}

/**
 * A work order or permit the rules hold open.
 */
export interface OpenCase__Output {
  'kind': (_citybrain_v1_CaseKind__Output);
  /**
   * The case id (work orders) or permit id.
   */
  'caseId': (string);
  'gridId': (string);
  'areaId': (string);
  /**
   * A work order's received, dispatched, accepted, handled, verified or bounced; a permit's filed
   * or review.
   */
  'stage': (string);
  /**
   * Receipt (work orders) or filing (permits); unset when not seen.
   */
  'openedAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * A work order's service code, a permit's project name.
   */
  'title': (string);
  /**
   * A work order's urgency, "urgent" or "normal"; empty for permits.
   */
  'urgency': (string);
  'deadlines': (_citybrain_v1_CaseDeadline__Output)[];
}
