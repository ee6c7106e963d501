// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Silence as _citybrain_v1_Silence, Silence__Output as _citybrain_v1_Silence__Output } from '../../citybrain/v1/Silence';

/**
 * The silence, now expired.
 */
export interface ExpireSilenceResponse {
  'silence'?: (_citybrain_v1_Silence | null);
}

/**
 * The silence, now expired.
 */
export interface ExpireSilenceResponse__Output {
  'silence': (_citybrain_v1_Silence__Output | null);
}
