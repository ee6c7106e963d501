import { ALERT_KINDS, SEVERITIES, type AlertKind, type Severity } from '@citybrain/domain';
import { alertKindToWire, severityToWire } from '@citybrain/codec';
import type { WireSubscribeRequestInput } from '@citybrain/proto';
import { GatewayClientUsageError } from './errors';

/** Which alerts to watch or list; each list combines with OR, the lists with AND; empty = all. */
export interface AlertFilter {
  readonly areaIds: readonly string[];
  readonly gridIds: readonly string[];
  readonly severities: readonly Severity[];
  readonly kinds: readonly AlertKind[];
}

/** A filter that matches every alert. */
export const MATCH_ALL: AlertFilter = Object.freeze({ areaIds: [], gridIds: [], severities: [], kinds: [] });

const KIND_ALIASES: ReadonlyMap<string, AlertKind> = new Map([
  ...ALERT_KINDS.map((k) => [k.toLowerCase(), k] as const),
  ['city-management', 'cityManagement'],
  ['government-service', 'governmentService'],
]);

/** A severity as typed on the command line (`high`, `HIGH`). */
export function parseSeverity(text: string): Severity {
  const severity = SEVERITIES.find((s) => s === text.toLowerCase());
  if (severity === undefined)
    throw new GatewayClientUsageError(
      `--severity: unknown severity "${text}"; use one of ${SEVERITIES.join(', ')}`,
    );
  return severity;
}

/** An alert kind as typed on the command line (`traffic`, `cityManagement` or `city-management`, ...). */
export function parseKind(text: string): AlertKind {
  const kind = KIND_ALIASES.get(text.toLowerCase());
  if (kind === undefined)
    throw new GatewayClientUsageError(`--kind: unknown kind "${text}"; use one of ${ALERT_KINDS.join(', ')}`);
  return kind;
}

/** The request message of Subscribe and ListActiveAlerts for a filter. */
export function toWireRequest(filter: AlertFilter): WireSubscribeRequestInput {
  return {
    areaIds: [...filter.areaIds],
    gridIds: [...filter.gridIds],
    severities: filter.severities.map(severityToWire),
    kinds: filter.kinds.map(alertKindToWire),
  };
}
