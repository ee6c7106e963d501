import type { Alert } from '@citybrain/domain';
import type { Labels } from './label-matcher';

/**
 * The label set matchers see for an alert: its own labels (e.g. `scope`, `roadClass`) plus `rule`,
 * `kind`, `subCategory`, `severity`, `status`, `gridId` and `areaId` from its fields (the fields
 * win over a label of the same name).
 */
export function alertLabels(alert: Alert): Labels {
  return {
    ...alert.labels,
    rule: alert.rule,
    kind: alert.kind,
    subCategory: alert.subCategory,
    severity: alert.severity,
    status: alert.status,
    gridId: alert.gridId,
    areaId: alert.areaId,
  };
}
