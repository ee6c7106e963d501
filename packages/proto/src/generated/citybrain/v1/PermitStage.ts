// Original file: ../../proto/citybrain/v1/events.proto

/**
 * Stages of a permit: project code filing (赋码备案) -> review (approval, admission and
 * assessment, now one department) -> construction permit issued (施工许可证), or rejected.
 */
export const PermitStage = {
  PERMIT_STAGE_UNSPECIFIED: 'PERMIT_STAGE_UNSPECIFIED',
  PERMIT_STAGE_FILED: 'PERMIT_STAGE_FILED',
  PERMIT_STAGE_REVIEW: 'PERMIT_STAGE_REVIEW',
  PERMIT_STAGE_PERMIT_ISSUED: 'PERMIT_STAGE_PERMIT_ISSUED',
  PERMIT_STAGE_REJECTED: 'PERMIT_STAGE_REJECTED',
} as const;

/**
 * Stages of a permit: project code filing (赋码备案) -> review (approval, admission and
 * assessment, now one department) -> construction permit issued (施工许可证), or rejected.
 */
export type PermitStage =
  | 'PERMIT_STAGE_UNSPECIFIED'
  | 0
  | 'PERMIT_STAGE_FILED'
  | 1
  | 'PERMIT_STAGE_REVIEW'
  | 2
  | 'PERMIT_STAGE_PERMIT_ISSUED'
  | 3
  | 'PERMIT_STAGE_REJECTED'
  | 4

/**
 * Stages of a permit: project code filing (赋码备案) -> review (approval, admission and
 * assessment, now one department) -> construction permit issued (施工许可证), or rejected.
 */
export type PermitStage__Output = typeof PermitStage[keyof typeof PermitStage]
