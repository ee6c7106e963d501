import type { Alert } from '@citybrain/domain';
import { LOADER_OPTIONS, protobufRoot, TYPE_NAMES, type WireAlert } from '@citybrain/proto';
import { describe, expect, it } from 'vitest';
import { ALERT_HEADERS, alertRecord, decodeAlert, decodeAlertRecord, encodeAlert } from './alert-codec';
import { alertFromWire, alertToWire } from './alert-wire';
import { InvalidAlertError } from './errors';

const START = Date.UTC(2024, 4, 1, 8, 0);

const firing: Alert = {
  alertId: 'traffic-congestion/LG-A1-G03/1714550400000',
  fingerprint: '9f2c1e',
  rule: 'traffic-congestion',
  kind: 'traffic',
  subCategory: 'trafficJam',
  gridId: 'LG-A1-G03',
  areaId: 'LG-A1',
  severity: 'high',
  status: 'firing',
  startsAtMs: START,
  value: 12.5,
  threshold: 15,
  window: { startMs: START - 300_000, endMs: START },
  summary: 'Average speed 12.5 km/h on arterial roads',
  labels: { roadClass: 'arterial', level: 'severe' },
};

const resolved: Alert = {
  ...firing,
  kind: 'cityManagement',
  severity: 'critical',
  status: 'resolved',
  endsAtMs: START + 600_123,
  labels: {},
};

describe('alert codec', () => {
  it.each([
    ['firing', firing],
    ['resolved', resolved],
  ])('round-trips a %s alert through protobuf', (_name, alert) => {
    expect(decodeAlert(encodeAlert(alert))).toEqual({ ok: true, alert });
  });

  it.each([
    ['firing', firing],
    ['resolved', resolved],
  ])('round-trips a %s alert through the gRPC object shape', (_name, alert) => {
    expect(alertFromWire(alertToWire(alert))).toEqual(alert);
  });

  it('gives the shape gRPC decodes, field for field', () => {
    const type = protobufRoot().lookupType(TYPE_NAMES.alert);
    const decoded = type.toObject(type.decode(encodeAlert(resolved)), LOADER_OPTIONS);
    expect(alertToWire(resolved)).toEqual(decoded);
    expect(alertToWire(resolved)).toMatchObject({
      kind: 'ALERT_KIND_CITY_MANAGEMENT',
      severity: 'SEVERITY_CRITICAL',
      status: 'ALERT_STATUS_RESOLVED',
      endsAt: { seconds: String((START + 600_000) / 1000), nanos: 123_000_000 },
    });
    expect(alertToWire(firing).endsAt).toBeNull();
  });

  it('rejects an empty payload and bytes that are not an alert', () => {
    const empty = decodeAlert(new Uint8Array());
    expect(!empty.ok && empty.error.reason).toBe('empty-value');
    const garbage = decodeAlert(new Uint8Array([0x52, 0x05, 0x01]));
    expect(!garbage.ok && garbage.error.reason).toBe('malformed-protobuf');
  });

  it.each<[string, Partial<WireAlert>, string, string]>([
    ['no start', { startsAt: null }, 'missing-field', 'starts_at: missing'],
    [
      'resolved without end',
      { status: 'ALERT_STATUS_RESOLVED', endsAt: null },
      'missing-field',
      'ends_at: missing',
    ],
    [
      'firing with an end',
      { endsAt: { seconds: '1', nanos: 0 } },
      'invalid-field',
      'ends_at: set on a firing alert',
    ],
    [
      'no severity',
      { severity: 'SEVERITY_UNSPECIFIED' },
      'unspecified-enum',
      'severity: missing or SEVERITY_UNSPECIFIED',
    ],
    ['no grid', { gridId: '' }, 'missing-field', 'grid_id: missing'],
    ['no window', { window: null }, 'missing-field', 'window: missing'],
    ['NaN value', { value: Number.NaN }, 'invalid-field', 'value: NaN is not a finite number'],
  ])('alertFromWire rejects %s', (_name, patch, reason, message) => {
    const wire = { ...alertToWire(firing), ...patch };
    let thrown: unknown;
    try {
      alertFromWire(wire);
    } catch (err: unknown) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InvalidAlertError);
    expect(thrown).toMatchObject({ reason, message, code: 'INVALID_ALERT' });
    const type = protobufRoot().lookupType(TYPE_NAMES.alert);
    const decoded = decodeAlert(type.encode(type.fromObject(wire)).finish());
    expect(!decoded.ok && decoded.error.reason).toBe(reason);
  });
});

describe('alert records', () => {
  it.each([
    ['firing', firing],
    ['resolved', resolved],
  ])('round-trips a %s alert through the protobuf JSON mapping', (_name, alert) => {
    expect(decodeAlert(encodeAlert(alert, 'json'), 'json')).toEqual({ ok: true, alert });
  });

  it('writes the protobuf JSON mapping: camelCase names, enum names, RFC 3339 timestamps', () => {
    const json = JSON.parse(new TextDecoder().decode(encodeAlert(resolved, 'json'))) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      alertId: resolved.alertId,
      severity: 'SEVERITY_CRITICAL',
      status: 'ALERT_STATUS_RESOLVED',
      startsAt: '2024-05-01T08:00:00Z',
      endsAt: '2024-05-01T08:10:00.123Z',
      window: { start: '2024-05-01T07:55:00Z', end: '2024-05-01T08:00:00Z' },
      value: 12.5,
    });
  });

  it('keys by area and says status, severity, grid and area in headers, in either format', () => {
    for (const format of ['protobuf', 'json'] as const) {
      const r = alertRecord('city.alerts.v1', resolved, format);
      expect(r.key).toBe(resolved.areaId);
      expect(r.headers).toEqual({
        'content-type': format === 'json' ? 'application/json' : 'application/x-protobuf',
        [ALERT_HEADERS.alertId]: resolved.alertId,
        [ALERT_HEADERS.rule]: 'traffic-congestion',
        [ALERT_HEADERS.status]: 'resolved',
        [ALERT_HEADERS.severity]: 'critical',
        [ALERT_HEADERS.grid]: 'LG-A1-G03',
        [ALERT_HEADERS.area]: 'LG-A1',
      });
      // A reader decodes by content-type, whichever format the writer chose.
      expect(decodeAlertRecord(r)).toEqual({ ok: true, alert: resolved });
    }
  });

  it('reads a record without content-type as protobuf, and rejects an unknown content-type', () => {
    expect(decodeAlertRecord({ value: encodeAlert(firing), headers: {} })).toEqual({
      ok: true,
      alert: firing,
    });
    const xml = decodeAlertRecord({ value: encodeAlert(firing), headers: { 'Content-Type': 'text/xml' } });
    expect(xml.ok ? undefined : [xml.error.reason, xml.error.field]).toEqual([
      'unsupported-content-type',
      'content-type',
    ]);
    // JSON announced but protobuf sent: an error, not a guess.
    const wrong = decodeAlertRecord({
      value: encodeAlert(firing),
      headers: { 'content-type': 'application/json' },
    });
    expect(wrong.ok).toBe(false);
  });
});
