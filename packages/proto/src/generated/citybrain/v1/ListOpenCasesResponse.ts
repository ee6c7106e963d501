// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { OpenCase as _citybrain_v1_OpenCase, OpenCase__Output as _citybrain_v1_OpenCase__Output } from '../../citybrain/v1/OpenCase';

/**
 * The open cases, the next deadline first.
 */
export interface ListOpenCasesResponse {
  'cases'?: (_citybrain_v1_OpenCase)[];
}

/**
 * The open cases, the next deadline first.
 */
export interface ListOpenCasesResponse__Output {
  'cases': (_citybrain_v1_OpenCase__Output)[];
}
