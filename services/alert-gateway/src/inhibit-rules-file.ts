import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  InvalidAlertingInputError,
  parseMatcher,
  validateInhibitRules,
  type InhibitRule,
} from '@citybrain/alerting';

const fileSchema = z.strictObject({
  inhibit_rules: z.array(
    z.strictObject({
      source_matchers: z.array(z.string()).min(1),
      target_matchers: z.array(z.string()).min(1),
      equal: z.array(z.string()).default([]),
    }),
  ),
});

/**
 * Parses an inhibit-rules file in Alertmanager's shape:
 *
 * ```yaml
 * inhibit_rules:
 *   - source_matchers: ['scope="area"']
 *     target_matchers: ['scope="grid"']
 *     equal: [areaId]
 * ```
 *
 * @throws Error naming the bad entry, e.g. `inhibit_rules[0].source_matchers[1]: not a matcher ...`.
 */
export function parseInhibitRules(text: string): readonly InhibitRule[] {
  const parsed = fileSchema.safeParse(parseYaml(text));
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  try {
    return validateInhibitRules(
      parsed.data.inhibit_rules.map((r, i) => ({
        sourceMatchers: r.source_matchers.map((m, j) =>
          parseMatcher(m, `inhibit_rules[${i}].source_matchers[${j}]`),
        ),
        targetMatchers: r.target_matchers.map((m, j) =>
          parseMatcher(m, `inhibit_rules[${i}].target_matchers[${j}]`),
        ),
        equal: r.equal,
      })),
    );
  } catch (err: unknown) {
    if (err instanceof InvalidAlertingInputError) throw new Error(err.message, { cause: err });
    throw err;
  }
}
