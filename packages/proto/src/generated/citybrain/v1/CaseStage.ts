// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Work-order stages of digital city management (数字城管): received (受理) -> dispatched (派单) ->
 * accepted (接单) or bounced back (退单) -> handled (处置) -> verified on site (核查) -> closed (结案).
 */
export const CaseStage = {
  CASE_STAGE_UNSPECIFIED: 'CASE_STAGE_UNSPECIFIED',
  CASE_STAGE_RECEIVED: 'CASE_STAGE_RECEIVED',
  CASE_STAGE_DISPATCHED: 'CASE_STAGE_DISPATCHED',
  CASE_STAGE_ACCEPTED: 'CASE_STAGE_ACCEPTED',
  CASE_STAGE_BOUNCED: 'CASE_STAGE_BOUNCED',
  CASE_STAGE_HANDLED: 'CASE_STAGE_HANDLED',
  CASE_STAGE_VERIFIED: 'CASE_STAGE_VERIFIED',
  CASE_STAGE_CLOSED: 'CASE_STAGE_CLOSED',
} as const;

/**
 * Work-order stages of digital city management (数字城管): received (受理) -> dispatched (派单) ->
 * accepted (接单) or bounced back (退单) -> handled (处置) -> verified on site (核查) -> closed (结案).
 */
export type CaseStage =
  | 'CASE_STAGE_UNSPECIFIED'
  | 0
  | 'CASE_STAGE_RECEIVED'
  | 1
  | 'CASE_STAGE_DISPATCHED'
  | 2
  | 'CASE_STAGE_ACCEPTED'
  | 3
  | 'CASE_STAGE_BOUNCED'
  | 4
  | 'CASE_STAGE_HANDLED'
  | 5
  | 'CASE_STAGE_VERIFIED'
  | 6
  | 'CASE_STAGE_CLOSED'
  | 7

/**
 * Work-order stages of digital city management (数字城管): received (受理) -> dispatched (派单) ->
 * accepted (接单) or bounced back (退单) -> handled (处置) -> verified on site (核查) -> closed (结案).
 */
export type CaseStage__Output = typeof CaseStage[keyof typeof CaseStage]
