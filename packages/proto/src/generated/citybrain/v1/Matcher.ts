// Original file: ../../proto/citybrain/v1/alert_service.proto


// Original file: ../../proto/citybrain/v1/alert_service.proto

/**
 * How the value is compared with the label.
 */
export const _citybrain_v1_Matcher_Op = {
  OP_UNSPECIFIED: 'OP_UNSPECIFIED',
  /**
   * `=`
   */
  OP_EQUAL: 'OP_EQUAL',
  /**
   * `!=`
   */
  OP_NOT_EQUAL: 'OP_NOT_EQUAL',
  /**
   * `=~`, a regular expression anchored at both ends.
   */
  OP_REGEX: 'OP_REGEX',
  /**
   * `!~`
   */
  OP_NOT_REGEX: 'OP_NOT_REGEX',
} as const;

/**
 * How the value is compared with the label.
 */
export type _citybrain_v1_Matcher_Op =
  | 'OP_UNSPECIFIED'
  | 0
  /**
   * `=`
   */
  | 'OP_EQUAL'
  | 1
  /**
   * `!=`
   */
  | 'OP_NOT_EQUAL'
  | 2
  /**
   * `=~`, a regular expression anchored at both ends.
   */
  | 'OP_REGEX'
  | 3
  /**
   * `!~`
   */
  | 'OP_NOT_REGEX'
  | 4

/**
 * How the value is compared with the label.
 */
export type _citybrain_v1_Matcher_Op__Output = typeof _citybrain_v1_Matcher_Op[keyof typeof _citybrain_v1_Matcher_Op]

/**
 * One label matcher of a silence (Alertmanager): `name op value`.
 */
export interface Matcher {
  /**
   * Label name; an alert's labels are its extra labels (e.g. scope) plus rule, kind,
   * subCategory, severity, status, gridId and areaId.
   */
  'name'?: (string);
  'op'?: (_citybrain_v1_Matcher_Op);
  'value'?: (string);
}

/**
 * One label matcher of a silence (Alertmanager): `name op value`.
 */
export interface Matcher__Output {
  /**
   * Label name; an alert's labels are its extra labels (e.g. scope) plus rule, kind,
   * subCategory, severity, status, gridId and areaId.
   */
  'name': (string);
  'op': (_citybrain_v1_Matcher_Op__Output);
  'value': (string);
}
