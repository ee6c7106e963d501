import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonEnvSchema, DEFAULT_KAFKA_BROKERS } from '@citybrain/config';
import {
  CONFIG_REFERENCE,
  KNOWN_CONSTANTS,
  configKeysOf,
  readConfigSchemas,
  renderConfigReference,
  repoPath,
} from './index';

describe('configuration reference', () => {
  it('docs/configuration.md is up to date (regenerate: pnpm --filter @citybrain/deploy-assets generate:config-docs)', () => {
    const shipped = readFileSync(repoPath(CONFIG_REFERENCE), 'utf8');
    expect(shipped).toBe(renderConfigReference());
  });

  it('reads the common schema exactly as zod sees it: same keys, same defaults', () => {
    const common = readConfigSchemas().find((s) => s.service === 'common')!;
    expect(common.keys.map((k) => k.name)).toEqual(Object.keys(commonEnvSchema.shape));
    const defaults = commonEnvSchema.parse({}) as Record<string, unknown>;
    for (const key of common.keys) {
      const runtime = defaults[key.name];
      const expected =
        runtime === undefined
          ? undefined
          : Array.isArray(runtime)
            ? runtime.join(',')
            : typeof runtime === 'string' || typeof runtime === 'number'
              ? String(runtime)
              : JSON.stringify(runtime);
      expect(key.defaultValue, key.name).toBe(expected);
    }
    expect(KNOWN_CONSTANTS.DEFAULT_KAFKA_BROKERS).toBe(DEFAULT_KAFKA_BROKERS);
  });

  it('finds every service schema with its ports, types and descriptions', () => {
    const processor = configKeysOf('processor');
    expect(processor.get('CITYBRAIN_PROCESSOR_METRICS_PORT')).toMatchObject({
      type: 'port (0–65535)',
      defaultValue: '9464',
    });
    expect(processor.get('KAFKA_BROKERS')?.defaultValue).toBe('127.0.0.1:19092');
    expect(processor.get('CITYBRAIN_GRIDS_FILE')?.defaultValue).toBe('deploy/config/longgang-grids.yaml');
    const gateway = configKeysOf('alert-gateway');
    expect(gateway.get('CITYBRAIN_GRPC_PORT')?.defaultValue).toBe('50051');
    expect(gateway.get('CITYBRAIN_GATEWAY_METRICS_PORT')?.defaultValue).toBe('9465');
    expect(gateway.has('CITYBRAIN_PROCESSOR_GROUP')).toBe(false);
    expect(configKeysOf('simulator').has('CITYBRAIN_LOG_FORMAT')).toBe(true);
    const undocumented = readConfigSchemas().flatMap((s) =>
      s.keys.filter((k) => k.description === '').map((k) => k.name),
    );
    expect(undocumented).toEqual([]);
  });
});
