import {
  ALERT_KINDS,
  CASE_CHANNELS,
  CASE_STAGES,
  CASE_URGENCIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  PERMIT_STAGES,
  ROAD_CLASSES,
  SEVERITIES,
  type AlertKind,
  type AlertStatus,
  type CaseChannel,
  type CaseStage,
  type CaseUrgency,
  type IncidentStatus,
  type IncidentType,
  type PermitStage,
  type RoadClass,
  type Severity,
} from '@citybrain/domain';
import type {
  WireAlertKind,
  WireAlertStatus,
  WireCaseChannel,
  WireCaseStage,
  WireCaseUrgency,
  WireIncidentStatus,
  WireIncidentType,
  WirePermitStage,
  WireRoadClass,
  WireSeverity,
} from '@citybrain/proto';
import { Violation } from './violation';

/**
 * Converts one enum between its domain values (camelCase, e.g. `roadWorks`) and its wire names
 * (the buf-style prefixed upper snake case, e.g. `INCIDENT_TYPE_ROAD_WORKS`).
 */
export interface EnumCodec<D extends string, W extends string> {
  /** Wire name of the `*_UNSPECIFIED` zero value. */
  readonly unspecified: W;
  /** Every domain value. */
  readonly values: readonly D[];
  toWire(value: D): W;
  /** The domain value, or `undefined` for the unspecified value, an unknown name or an unknown number. */
  fromWire(value: W | number): D | undefined;
}

function upperSnake(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

function enumCodec<D extends string, W extends string>(
  prefix: string,
  values: readonly D[],
): EnumCodec<D, W> {
  const toWire = new Map(values.map((value) => [value, `${prefix}_${upperSnake(value)}` as W]));
  const fromWire = new Map([...toWire].map(([domain, wire]) => [wire as string, domain]));
  return {
    unspecified: `${prefix}_UNSPECIFIED` as W,
    values,
    toWire: (value) => toWire.get(value) ?? (`${prefix}_UNSPECIFIED` as W),
    fromWire: (value) => (typeof value === 'string' ? fromWire.get(value) : undefined),
  };
}

/** `RoadClass` ↔ `citybrain.v1.RoadClass`. */
export const ROAD_CLASS = enumCodec<RoadClass, WireRoadClass>('ROAD_CLASS', ROAD_CLASSES);
/** `IncidentType` ↔ `citybrain.v1.IncidentType`. */
export const INCIDENT_TYPE = enumCodec<IncidentType, WireIncidentType>('INCIDENT_TYPE', INCIDENT_TYPES);
/** `IncidentStatus` ↔ `citybrain.v1.IncidentStatus`. */
export const INCIDENT_STATUS = enumCodec<IncidentStatus, WireIncidentStatus>(
  'INCIDENT_STATUS',
  INCIDENT_STATUSES,
);
/** `PermitStage` ↔ `citybrain.v1.PermitStage`. */
export const PERMIT_STAGE = enumCodec<PermitStage, WirePermitStage>('PERMIT_STAGE', PERMIT_STAGES);
/** `CaseStage` ↔ `citybrain.v1.CaseStage`. */
export const CASE_STAGE = enumCodec<CaseStage, WireCaseStage>('CASE_STAGE', CASE_STAGES);
/** `CaseUrgency` ↔ `citybrain.v1.CaseUrgency`. */
export const CASE_URGENCY = enumCodec<CaseUrgency, WireCaseUrgency>('CASE_URGENCY', CASE_URGENCIES);
/** `CaseChannel` ↔ `citybrain.v1.CaseChannel`. */
export const CASE_CHANNEL = enumCodec<CaseChannel, WireCaseChannel>('CASE_CHANNEL', CASE_CHANNELS);
/** `AlertKind` ↔ `citybrain.v1.AlertKind`. */
export const ALERT_KIND = enumCodec<AlertKind, WireAlertKind>('ALERT_KIND', ALERT_KINDS);
/** `Severity` ↔ `citybrain.v1.Severity`. */
export const SEVERITY = enumCodec<Severity, WireSeverity>('SEVERITY', SEVERITIES);
/** `AlertStatus` ↔ `citybrain.v1.AlertStatus`. */
export const ALERT_STATUS = enumCodec<AlertStatus, WireAlertStatus>('ALERT_STATUS', ['firing', 'resolved']);

/**
 * Reads a required enum field: `unspecified-enum` for the zero value, `invalid-field` for a value
 * this build does not know (a newer producer's).
 *
 * @throws Violation
 */
export function requireEnum<D extends string, W extends string>(
  codec: EnumCodec<D, W>,
  field: string,
  value: W | number,
): D {
  const domain = codec.fromWire(value);
  if (domain !== undefined) return domain;
  if (value === codec.unspecified || value === 0)
    throw new Violation('unspecified-enum', field, `missing or ${codec.unspecified}`);
  throw new Violation('invalid-field', field, `unknown value ${String(value)}`);
}

/** A domain severity to its wire name, e.g. `high` → `SEVERITY_HIGH`. */
export function severityToWire(severity: Severity): WireSeverity {
  return SEVERITY.toWire(severity);
}

/** A wire severity to the domain one; `undefined` for `SEVERITY_UNSPECIFIED` or an unknown value. */
export function severityFromWire(severity: WireSeverity | number): Severity | undefined {
  return SEVERITY.fromWire(severity);
}

/** A domain alert kind to its wire name, e.g. `cityManagement` → `ALERT_KIND_CITY_MANAGEMENT`. */
export function alertKindToWire(kind: AlertKind): WireAlertKind {
  return ALERT_KIND.toWire(kind);
}

/** A wire alert kind to the domain one; `undefined` for `ALERT_KIND_UNSPECIFIED` or an unknown value. */
export function alertKindFromWire(kind: WireAlertKind | number): AlertKind | undefined {
  return ALERT_KIND.fromWire(kind);
}
