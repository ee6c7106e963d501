import { SEVERITIES, type Alert, type AlertKind, type AlertStatus, type Severity } from '@citybrain/domain';
import type { AckRecord } from './ack-store';
import { GatewayError } from './errors';

/** Which alerts a subscriber or a listing wants; an empty set means "all". */
export interface AlertFilter {
  readonly areaIds: ReadonlySet<string>;
  readonly gridIds: ReadonlySet<string>;
  readonly severities: ReadonlySet<Severity>;
  readonly kinds: ReadonlySet<AlertKind>;
  readonly statuses: ReadonlySet<AlertStatus>;
}

/** The filter fields of a request, as decoded from the wire (enum names as strings). */
export interface WireFilter {
  readonly areaIds: readonly string[];
  readonly gridIds: readonly string[];
  readonly severities: readonly (string | number)[];
  readonly kinds: readonly (string | number)[];
  readonly statuses?: readonly (string | number)[];
}

/** What a filter's ids are checked against. */
export interface KnownIds {
  hasArea(id: string): boolean;
  hasGrid(id: string): boolean;
}

const SEVERITY_BY_WIRE = new Map<string, Severity>(SEVERITIES.map((s) => [`SEVERITY_${s.toUpperCase()}`, s]));
const KIND_BY_WIRE = new Map<string, AlertKind>([
  ['ALERT_KIND_TRAFFIC', 'traffic'],
  ['ALERT_KIND_CITY_MANAGEMENT', 'cityManagement'],
  ['ALERT_KIND_GOVERNMENT_SERVICE', 'governmentService'],
]);
const STATUS_BY_WIRE = new Map<string, AlertStatus>([
  ['ALERT_STATUS_FIRING', 'firing'],
  ['ALERT_STATUS_RESOLVED', 'resolved'],
]);

/**
 * Validates and converts a request's filter. Unknown ids and unspecified or unknown enum values are
 * INVALID_ARGUMENT errors naming the field, e.g. `grid_ids[1]: unknown grid "G999"`.
 */
export function parseFilter(wire: WireFilter, known: KnownIds): AlertFilter {
  const areaIds = new Set<string>();
  wire.areaIds.forEach((id, i) => {
    if (!known.hasArea(id))
      throw new GatewayError('invalid-argument', `unknown area ${JSON.stringify(id)}`, `area_ids[${i}]`);
    areaIds.add(id);
  });
  const gridIds = new Set<string>();
  wire.gridIds.forEach((id, i) => {
    if (!known.hasGrid(id))
      throw new GatewayError('invalid-argument', `unknown grid ${JSON.stringify(id)}`, `grid_ids[${i}]`);
    gridIds.add(id);
  });
  const severities = new Set<Severity>();
  wire.severities.forEach((s, i) => {
    const v = typeof s === 'string' ? SEVERITY_BY_WIRE.get(s) : undefined;
    if (!v)
      throw new GatewayError(
        'invalid-argument',
        `unspecified or unknown severity ${JSON.stringify(s)}; use one of ${[...SEVERITY_BY_WIRE.keys()].join(', ')}`,
        `severities[${i}]`,
      );
    severities.add(v);
  });
  const kinds = new Set<AlertKind>();
  wire.kinds.forEach((k, i) => {
    const v = typeof k === 'string' ? KIND_BY_WIRE.get(k) : undefined;
    if (!v)
      throw new GatewayError(
        'invalid-argument',
        `unspecified or unknown kind ${JSON.stringify(k)}; use one of ${[...KIND_BY_WIRE.keys()].join(', ')}`,
        `kinds[${i}]`,
      );
    kinds.add(v);
  });
  const statuses = new Set<AlertStatus>();
  (wire.statuses ?? []).forEach((k, i) => {
    const v = typeof k === 'string' ? STATUS_BY_WIRE.get(k) : undefined;
    if (!v)
      throw new GatewayError(
        'invalid-argument',
        `unspecified or unknown status ${JSON.stringify(k)}; use one of ${[...STATUS_BY_WIRE.keys()].join(', ')}`,
        `statuses[${i}]`,
      );
    statuses.add(v);
  });
  return { areaIds, gridIds, severities, kinds, statuses };
}

/** Whether an alert passes a filter. */
export function matches(filter: AlertFilter, alert: Alert): boolean {
  return (
    (filter.areaIds.size === 0 || filter.areaIds.has(alert.areaId)) &&
    (filter.gridIds.size === 0 || filter.gridIds.has(alert.gridId)) &&
    (filter.severities.size === 0 || filter.severities.has(alert.severity)) &&
    (filter.kinds.size === 0 || filter.kinds.has(alert.kind)) &&
    (filter.statuses.size === 0 || filter.statuses.has(alert.status))
  );
}

/** Whether an acknowledgement passes a filter: only its place (area, grid) is compared. */
export function matchesAcknowledgement(filter: AlertFilter, ack: AckRecord): boolean {
  return (
    (filter.areaIds.size === 0 || filter.areaIds.has(ack.areaId)) &&
    (filter.gridIds.size === 0 || filter.gridIds.has(ack.gridId))
  );
}

/** A filter that lets everything through. */
export const MATCH_ALL: AlertFilter = {
  areaIds: new Set(),
  gridIds: new Set(),
  severities: new Set(),
  kinds: new Set(),
  statuses: new Set(),
};
