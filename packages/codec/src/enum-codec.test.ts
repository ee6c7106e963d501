import { SEVERITIES } from '@citybrain/domain';
import { protobufRoot } from '@citybrain/proto';
import { describe, expect, it } from 'vitest';
import {
  ALERT_KIND,
  ALERT_STATUS,
  CASE_CHANNEL,
  CASE_STAGE,
  CASE_URGENCY,
  INCIDENT_STATUS,
  INCIDENT_TYPE,
  PERMIT_STAGE,
  ROAD_CLASS,
  SEVERITY,
  alertKindFromWire,
  severityFromWire,
  severityToWire,
  type EnumCodec,
} from './enum-codec';

const codecs: Record<string, EnumCodec<string, string>> = {
  RoadClass: ROAD_CLASS,
  IncidentType: INCIDENT_TYPE,
  IncidentStatus: INCIDENT_STATUS,
  PermitStage: PERMIT_STAGE,
  CaseStage: CASE_STAGE,
  CaseUrgency: CASE_URGENCY,
  CaseChannel: CASE_CHANNEL,
  AlertKind: ALERT_KIND,
  Severity: SEVERITY,
  AlertStatus: ALERT_STATUS,
};

describe('enum codecs', () => {
  it.each(Object.entries(codecs))('%s matches the proto enum value for value', (name, codec) => {
    const protoEnum = protobufRoot().lookupEnum(`citybrain.v1.${name}`);
    const wireNames = Object.keys(protoEnum.values);
    expect(wireNames).toEqual([codec.unspecified, ...codec.values.map((value) => codec.toWire(value))]);
    for (const value of codec.values) expect(codec.fromWire(codec.toWire(value))).toBe(value);
    expect(codec.fromWire(codec.unspecified)).toBeUndefined();
  });

  it('keeps severities in increasing order on the wire', () => {
    const protoEnum = protobufRoot().lookupEnum('citybrain.v1.Severity');
    expect(SEVERITIES.map((s) => protoEnum.values[severityToWire(s)])).toEqual([1, 2, 3, 4, 5]);
  });

  it('maps filter values and refuses unspecified or unknown ones', () => {
    expect(severityFromWire('SEVERITY_MEDIUM')).toBe('medium');
    expect(severityFromWire('SEVERITY_UNSPECIFIED')).toBeUndefined();
    expect(severityFromWire(42)).toBeUndefined();
    expect(alertKindFromWire('ALERT_KIND_GOVERNMENT_SERVICE')).toBe('governmentService');
  });
});
