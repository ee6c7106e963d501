// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Who reported a case.
 */
export const CaseChannel = {
  CASE_CHANNEL_UNSPECIFIED: 'CASE_CHANNEL_UNSPECIFIED',
  CASE_CHANNEL_RESIDENT: 'CASE_CHANNEL_RESIDENT',
  CASE_CHANNEL_INSPECTOR: 'CASE_CHANNEL_INSPECTOR',
  CASE_CHANNEL_CAMERA: 'CASE_CHANNEL_CAMERA',
  /**
   * The 12345 hotline.
   */
  CASE_CHANNEL_HOTLINE: 'CASE_CHANNEL_HOTLINE',
} as const;

/**
 * Who reported a case.
 */
export type CaseChannel =
  | 'CASE_CHANNEL_UNSPECIFIED'
  | 0
  | 'CASE_CHANNEL_RESIDENT'
  | 1
  | 'CASE_CHANNEL_INSPECTOR'
  | 2
  | 'CASE_CHANNEL_CAMERA'
  | 3
  /**
   * The 12345 hotline.
   */
  | 'CASE_CHANNEL_HOTLINE'
  | 4

/**
 * Who reported a case.
 */
export type CaseChannel__Output = typeof CaseChannel[keyof typeof CaseChannel]
