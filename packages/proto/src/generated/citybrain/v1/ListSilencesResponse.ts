// Original file: ../../proto/citybrain/v1/alert_service.proto

import type { Silence as _citybrain_v1_Silence, Silence__Output as _citybrain_v1_Silence__Output } from '../../citybrain/v1/Silence';

/**
 * The silences visible to the caller.
 */
export interface ListSilencesResponse {
  'silences'?: (_citybrain_v1_Silence)[];
}

/**
 * The silences visible to the caller.
 */
export interface ListSilencesResponse__Output {
  'silences': (_citybrain_v1_Silence__Output)[];
}
