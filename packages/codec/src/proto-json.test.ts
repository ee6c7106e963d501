// Why `proto-json.ts` exists: protobufjs's own `fromObject` / `toObject` are not the proto3 JSON
// mapping. These tests pin the library's behaviour that rules it out; if a protobufjs release fixes
// them, they fail, and the hand-written mapping should give way to the library's.
import { LOADER_OPTIONS, protobufRoot, TYPE_NAMES } from '@citybrain/proto';
import { describe, expect, it } from 'vitest';
import { fromProtoJson, toProtoJson } from './proto-json';

const alertType = () => protobufRoot().lookupType(TYPE_NAMES.alert);
const json = {
  alertId: 'a@1',
  severity: 'SEVERITY_HIGH',
  startsAt: '2024-05-01T08:00:00.250Z',
};

describe("protobufjs's own JSON handling is not the proto3 JSON mapping", () => {
  it('fromObject cannot read an RFC 3339 timestamp', () => {
    expect(() => alertType().fromObject(json)).toThrow(/object expected/);
  });

  it('fromObject silently drops an unknown enum name (the mapping requires an error)', () => {
    const message = alertType().fromObject({ severity: 'SEVERITY_APOCALYPTIC' });
    expect(alertType().toObject(message, LOADER_OPTIONS)).toMatchObject({ severity: 'SEVERITY_UNSPECIFIED' });
    expect(() => fromProtoJson(alertType(), { severity: 'SEVERITY_APOCALYPTIC' })).toThrow(
      /severity: unknown Severity value "SEVERITY_APOCALYPTIC"/,
    );
  });

  it('fromObject ignores the proto (snake_case) field names the mapping must accept', () => {
    const message = alertType().fromObject({ alert_id: 'a@1' });
    expect(alertType().toObject(message, LOADER_OPTIONS)).toMatchObject({ alertId: '' });
  });

  it('toObject writes timestamps as {seconds, nanos}, not RFC 3339 strings, even with json: true', () => {
    const type = alertType();
    const message = type.fromObject(fromProtoJson(type, json));
    const own = type.toObject(message, { json: true, enums: String, longs: String });
    expect(own['startsAt']).toEqual({ seconds: '1714550400', nanos: 250_000_000 });
    const ours = toProtoJson(type, type.toObject(message, { enums: String, longs: String }));
    expect(ours).toEqual(json);
  });
});
