import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, commonEnvSchema, duration, parseEnv, port, toCommonConfig } from './index';

describe('parseEnv', () => {
  it('applies defaults and freezes the result', () => {
    const env = parseEnv(commonEnvSchema, {});
    expect(env.KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
    expect(env.CITYBRAIN_LOG_LEVEL).toBe('info');
    expect(Object.isFrozen(env)).toBe(true);
    expect(Object.isFrozen(env.KAFKA_BROKERS)).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const schema = commonEnvSchema.extend({ METRICS_PORT: port });
    let caught: unknown;
    try {
      parseEnv(schema, { KAFKA_BROKERS: 'nohostport', CITYBRAIN_LOG_LEVEL: 'loud', METRICS_PORT: '70000' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.issues.map((i) => i.key).sort()).toEqual([
      'CITYBRAIN_LOG_LEVEL',
      'KAFKA_BROKERS.0',
      'METRICS_PORT',
    ]);
    expect(error.message).toContain('KAFKA_BROKERS.0: each broker must be host:port');
    expect(error.retriable).toBe(false);
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv(z.object({ X: port.default(5) }), { X: '' });
    expect(env.X).toBe(5);
  });

  it('builds topic names with a suffix', () => {
    const env = parseEnv(commonEnvSchema, { CITYBRAIN_TOPIC_SUFFIX: '-t1', KAFKA_BROKERS: 'a:1, b:2' });
    const common = toCommonConfig(env, 'processor', 9100);
    expect(common.topics.traffic).toBe('city.traffic.v1-t1');
    expect(common.kafka).toEqual({ brokers: ['a:1', 'b:2'], clientId: 'citybrain-processor' });
  });

  it('passes the latency trace header to the Kafka settings only when it is set', () => {
    const traced = toCommonConfig(
      parseEnv(commonEnvSchema, { CITYBRAIN_TRACE_HEADER: 'x-citybrain-trace' }),
      'processor',
      9100,
    );
    expect(traced.kafka.traceHeader).toBe('x-citybrain-trace');
    expect('traceHeader' in toCommonConfig(parseEnv(commonEnvSchema, {}), 'processor', 9100).kafka).toBe(
      false,
    );
    // An empty variable counts as unset, as everywhere.
    const empty = toCommonConfig(
      parseEnv(commonEnvSchema, { CITYBRAIN_TRACE_HEADER: '' }),
      'processor',
      9100,
    );
    expect(empty.kafka.traceHeader).toBeUndefined();
  });
});

describe('duration', () => {
  it('reads a number with a unit, or bare milliseconds', () => {
    expect(['500ms', '30s', '5m', '2h', '1d', '1500', '1.5s'].map((t) => duration.parse(t))).toEqual([
      500, 30_000, 300_000, 7_200_000, 86_400_000, 1500, 1500,
    ]);
  });

  it('refuses anything else, saying what a duration looks like', () => {
    for (const bad of ['', '-5m', '5 minutes', 'm', '5w'])
      expect(duration.safeParse(bad).error?.issues[0]?.message).toMatch(/must be a duration such as/);
  });
});
