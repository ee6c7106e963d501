import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { ConfigError } from '@citybrain/config';
import { parseRuleSet } from '@citybrain/rules';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRIDS_FILE, DEFAULT_RULES_FILE } from './config';
import { loadGridRegistry } from './grid-file';
import { loadRuleSet } from './rules-file';
import { MIN, T0, runScenario } from './scenario-harness';
import { steadyTraffic } from './scripted-city';

describe('the rule file', () => {
  it('ships every rule the city needs', async () => {
    const set = await loadRuleSet(DEFAULT_RULES_FILE);
    expect(set.rules.map((r) => `${r.id} ${r.type} ${r.scope}`)).toEqual([
      'traffic-congestion{roadClass=expressway} threshold grid',
      'traffic-congestion{roadClass=arterial} threshold grid',
      'traffic-congestion{roadClass=secondary} threshold grid',
      'traffic-congestion-sustained{roadClass=arterial} threshold grid',
      'area-congestion threshold area',
      'serious-accident serious-accident grid',
      'accident-cluster threshold grid',
      'case-backlog-spike threshold grid',
      'case-spike-baseline threshold grid',
      'work-order-overdue work-order-deadline grid',
      'permit-overdue permit-deadline grid',
    ]);
  });

  it('rejects an invalid file with the file and the path of every bad entry', async () => {
    const doc = parseYaml(await readFile(DEFAULT_RULES_FILE, 'utf8')) as { rules: Record<string, unknown>[] };
    doc.rules[1]!['condition'] = { op: '=<', threshold: 20 };
    const dir = await mkdtemp(join(tmpdir(), 'citybrain-rules-'));
    const path = join(dir, 'rules.yaml');
    await writeFile(path, stringify(doc));
    const err = await loadRuleSet(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain(
      `CITYBRAIN_RULES_FILE (${path}) rules[1](traffic-congestion).condition.op`,
    );
  });
});

describe('reloading rules', () => {
  it('keeps the windows and alerts of unchanged rules, resolves the alerts of removed ones', async () => {
    const [set, registry] = await Promise.all([
      loadRuleSet(DEFAULT_RULES_FILE),
      loadGridRegistry(DEFAULT_GRIDS_FILE),
    ]);
    const r = runScenario(set, registry, steadyTraffic('G001', T0, T0 + 3 * MIN, 12));
    expect(r.pipeline.activeAlerts().map((a) => a.fingerprint)).toEqual(['traffic-congestion/G001/arterial']);
    const doc = parseYaml(await readFile(DEFAULT_RULES_FILE, 'utf8')) as { rules: { name: string }[] };
    const same = parseRuleSet(doc);
    expect(r.pipeline.reload(same)).toEqual([]);
    expect(r.pipeline.activeAlerts()).toHaveLength(1);
    const without = parseRuleSet({ ...doc, rules: doc.rules.filter((x) => x.name !== 'traffic-congestion') });
    const resolved = r.pipeline.reload(without);
    expect(resolved.map((a) => `${a.fingerprint} ${a.status}`)).toEqual([
      'traffic-congestion/G001/arterial resolved',
    ]);
    expect(r.pipeline.activeAlerts()).toEqual([]);
    expect(r.pipeline.ruleSet).toBe(without);
  });
});
