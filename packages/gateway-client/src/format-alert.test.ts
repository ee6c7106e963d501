import { describe, expect, it } from 'vitest';
import type { Alert } from '@citybrain/domain';
import { formatAlert, formatAlertJson, formatUtc8 } from './format-alert';

const firing: Alert = {
  alertId: 'a1',
  fingerprint: 'f1',
  rule: 'serious-accident',
  kind: 'traffic',
  subCategory: 'carAccident',
  gridId: 'G036',
  areaId: 'A04',
  severity: 'high',
  status: 'firing',
  startsAtMs: Date.UTC(2026, 10, 24, 23, 42, 10), // 07:42:10 in Longgang
  value: 3,
  threshold: 1,
  window: { startMs: 0, endMs: 1 },
  summary: 'G036 严重交通事故 serious accident sim-42-inc-1',
  labels: { incidentId: 'sim-42-inc-1' },
};
const resolved: Alert = { ...firing, status: 'resolved', endsAtMs: Date.UTC(2026, 10, 25, 0, 5, 0) };

const ESC = /\u001b\[(\d+)m/g;
const codes = (text: string) => [...text.matchAll(ESC)].map((m) => Number(m[1]));

describe('formatUtc8', () => {
  it('shows Longgang wall time (UTC+8), crossing midnight', () => {
    expect(formatUtc8(Date.UTC(2026, 10, 24, 23, 42, 10))).toBe('2026-11-25 07:42:10');
    expect(formatUtc8(Date.UTC(2026, 10, 24, 16, 0, 0))).toBe('2026-11-25 00:00:00');
  });
});

describe('formatAlert', () => {
  it('renders time (UTC+8), status, severity, rule, grid/area and summary on one line', () => {
    const line = formatAlert(firing, { color: false });
    expect(line).toBe(
      '2026-11-25 07:42:10 +08 FIRING    HIGH          serious-accident    G036/A04  G036 严重交通事故 serious accident sim-42-inc-1',
    );
    expect(line).not.toMatch(ESC);
  });

  it('shows a resolved alert at its end time', () => {
    const line = formatAlert(resolved, { color: false });
    expect(line.startsWith('2026-11-25 08:05:00 +08 RESOLVED')).toBe(true);
  });

  it('colours firing red and resolved green, and the severity by its level', () => {
    expect(codes(formatAlert(firing, { color: true }))).toContain(31); // red
    const green = formatAlert(resolved, { color: true });
    expect(codes(green)).toContain(32);
    expect(codes(formatAlert({ ...firing, severity: 'critical' }, { color: true }))).toContain(35); // magenta
    expect(codes(formatAlert({ ...firing, severity: 'medium' }, { color: true }))).toContain(33); // yellow
    // Colour never changes the text.
    expect(green.replace(ESC, '')).toBe(formatAlert(resolved, { color: false }));
  });
});

describe('formatAlertJson', () => {
  it('writes the alert as one JSON line that parses back to it', () => {
    const line = formatAlertJson(resolved);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(resolved);
  });
});
