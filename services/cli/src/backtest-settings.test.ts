import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@citybrain/config';
import { loadBacktestSettings, SHIPPED_RULES_FILE } from './backtest-settings';

/** The processor's rows of the generated configuration reference: `| NAME | type | default | … |`. */
function processorDefaults(): Map<string, string> {
  const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## `processor`');
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, string>();
  for (const m of section.matchAll(/^\| `(CITYBRAIN_[A-Z_]+)` \| [^|]+ \| `([^`]*)` \|/gm))
    if (!out.has(m[1]!)) out.set(m[1]!, m[2]!);
  return out;
}

describe('the backtest runs the pipeline with the processor’s settings', () => {
  it('has the processor’s defaults (from the generated configuration reference)', () => {
    const d = processorDefaults();
    const s = loadBacktestSettings({});
    expect(String(s.pipeline.graceMs)).toBe(d.get('CITYBRAIN_WINDOW_GRACE_MS'));
    expect(String(s.pipeline.watermark.maxOutOfOrdernessMs)).toBe(d.get('CITYBRAIN_MAX_OUT_OF_ORDERNESS_MS'));
    expect(String(s.pipeline.watermark.idleTimeoutMs)).toBe(d.get('CITYBRAIN_IDLE_TIMEOUT_MS'));
    expect(String(s.pipeline.watermark.idleAdvanceAfterMs)).toBe(d.get('CITYBRAIN_IDLE_ADVANCE_AFTER_MS'));
    expect(String(s.pipeline.watermark.eventTimePerProcessingMs)).toBe(d.get('CITYBRAIN_EVENT_TIME_RATE'));
    // Shown as the schema writes it, e.g. `5 * 60_000`.
    const skew = d
      .get('CITYBRAIN_MAX_FUTURE_SKEW')!
      .split('*')
      .reduce((p, x) => p * Number(x.trim().replaceAll('_', '')), 1);
    expect(s.maxFutureSkewMs).toBe(skew);
    expect(s.rulesFile).toBe(SHIPPED_RULES_FILE);
  });

  it('reads the same variables, topic suffixes included', () => {
    const s = loadBacktestSettings({
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      CITYBRAIN_TOPIC_SUFFIX: '.t1',
      CITYBRAIN_OUTPUT_TOPIC_SUFFIX: '.shadow',
      CITYBRAIN_IDLE_TIMEOUT_MS: '1000',
      CITYBRAIN_MAX_FUTURE_SKEW: '10m',
      CITYBRAIN_RULES_FILE: '/etc/citybrain/rules.yaml',
    });
    expect(s.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(s.topics.traffic).toBe('city.traffic.v1.t1');
    expect(s.topics.alerts).toBe('city.alerts.v1.t1.shadow');
    expect(s.pipeline.watermark.idleTimeoutMs).toBe(1000);
    expect(s.maxFutureSkewMs).toBe(600_000);
    expect(s.rulesFile).toBe('/etc/citybrain/rules.yaml');
  });

  it('names every bad variable', () => {
    expect(() =>
      loadBacktestSettings({ CITYBRAIN_IDLE_TIMEOUT_MS: '0', CITYBRAIN_EVENT_TIME_RATE: '-1' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadBacktestSettings({ CITYBRAIN_IDLE_TIMEOUT_MS: '0', CITYBRAIN_EVENT_TIME_RATE: '-1' }),
    ).toThrow(
      /CITYBRAIN_IDLE_TIMEOUT_MS[\s\S]*CITYBRAIN_EVENT_TIME_RATE|CITYBRAIN_EVENT_TIME_RATE[\s\S]*CITYBRAIN_IDLE_TIMEOUT_MS/,
    );
  });
});
